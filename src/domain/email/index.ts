// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { OPTED_OUT_MESSAGE, PlaceholderUnavailableError, RecipientNotFoundError } from './email.errors';
export { emailJobs } from './email.jobs';
export type { LogFilter, OutboxRow } from './email.queries';
export {
  countOutbox,
  findOutboxById,
  insertEmailLog,
  insertOutboxRows,
  LOG_FILTERS,
  lastErrors,
  listAttempts,
  listOutbox,
  listReminderCandidates,
  reassignEmails,
} from './email.queries';
export type { QueueEmailInput } from './email.service';
export { isAccessLinkEmail, outboxRow, queueEmail, queueEmails, resendEmail } from './email.service';
export { renderTemplate } from './templates/render';
export type { TemplateData } from './templates/types';
export { unsubscribePath, verifyUnsubscribeToken } from './unsubscribe';
