// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).
//
// No tables of its own: it runs the webhooks module's delivery worker and tells the admins (through
// users and email) when an endpoint is disabled. It lives apart from webhooks because webhooks is
// imported by every module that records an event, and email and users are among them indirectly.

export { emailAdminsEndpointDisabled, webhookJobs } from './webhook-delivery.jobs';
