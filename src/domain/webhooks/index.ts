// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).
//
// It imports no other domain module but audit, on purpose: every module that changes something
// records its events here, so most modules it could import would import it back (a cycle). Telling the admins
// about a disabled endpoint is wired in by webhook-delivery, which may use users and email.

export {
  DeliveryInProgressError,
  EndpointDisabledError,
  WebhookEventsError,
  WebhookUrlError,
} from './webhooks.errors';
export type {
  DeliveryAttempt,
  DeliveryCriteria,
  DeliveryDetail,
  DeliveryRow,
  WebhookEndpoint,
} from './webhooks.queries';
export {
  countDeliveries,
  findDelivery,
  findEndpoint,
  listDeliveries,
  listDeliveryAttempts,
  listEndpoints,
} from './webhooks.queries';
export {
  ATTEMPT_TIMEOUT_MS,
  DELIVERY_LOG_DAYS,
  MAX_DELIVERY_ATTEMPTS,
  nextRetryAt,
  RETRY_DELAYS_MINUTES,
} from './webhooks.schedule';
export type { NewEndpointInput, WebhookEventData } from './webhooks.service';
export {
  checkWebhookUrl,
  createWebhookEndpoint,
  recordWebhookEvent,
  resendWebhookDelivery,
  setWebhookEndpointEnabled,
} from './webhooks.service';
export { newWebhookSecret, signWebhook, webhookHeaders } from './webhooks.signature';
export type { DeliveryRunSummary, EndpointDisabledNotice, WebhookDeps } from './webhooks.worker';
export { deliverDueWebhooks, newWebhookWorkerId, pruneWebhookDeliveries } from './webhooks.worker';
