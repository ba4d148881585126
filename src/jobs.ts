import { purgeIdempotencyKeysJob } from './domain/api-keys';
import { expireWaitlistOffersJob } from './domain/capacity';
import { customerJobs } from './domain/customers';
import { emailJobs } from './domain/email';
import { applyNoShowPolicyJob, expireUnpaidEnrollmentsJob } from './domain/enrollments';
import { remindersJob } from './domain/messages';
import { packsJob } from './domain/packs';
import { giftCardMoneyJob, onlinePaymentsJobs } from './domain/payments';
import { shopJobs } from './domain/sales';
import { generateSeriesSessionsJob } from './domain/series';
import { purgeAuthRecordsJob } from './domain/users';
import { webhookJobs } from './domain/webhook-delivery';
import type { Job } from './jobs/scheduler';

/** Every background job, explicitly. Features add theirs here. */
export const jobs: Job[] = [
  ...emailJobs,
  remindersJob,
  ...shopJobs,
  expireUnpaidEnrollmentsJob,
  expireWaitlistOffersJob,
  purgeAuthRecordsJob,
  ...customerJobs,
  ...onlinePaymentsJobs,
  generateSeriesSessionsJob,
  applyNoShowPolicyJob,
  packsJob,
  purgeIdempotencyKeysJob,
  ...webhookJobs,
  giftCardMoneyJob,
];
