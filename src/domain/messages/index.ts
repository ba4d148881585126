// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { Audience } from './compose.queries';
export { audienceNames, resolveAudience } from './compose.queries';
export { previewComposedMessage, sendComposedMessage } from './compose.service';
export { remindersJob } from './messages.jobs';
export { PLACEHOLDERS, queueStaffMessages } from './staff-messages.service';
