import { expireWaitlistOffersJob } from './domain/capacity/waitlist.jobs';
import { customerJobs } from './domain/customers/customers.jobs';
import { emailJobs } from './domain/email/email.jobs';
import { expireUnpaidEnrollmentsJob } from './domain/enrollments/enrollments.jobs';
import { remindersJob } from './domain/messages/messages.jobs';
import { shopJobs } from './domain/sales/checkout.jobs';
import { purgeAuthRecordsJob } from './domain/users/auth.jobs';
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
];
