import { purgeAuthRecordsJob } from '../features/auth/auth.jobs';
import { shopJobs } from '../features/checkout/checkout.jobs';
import { customerJobs } from '../features/customers/customers.jobs';
import { emailJobs } from '../features/email/email.jobs';
import { expireUnpaidEnrollmentsJob } from '../features/enrollments/enrollments.jobs';
import { expireWaitlistOffersJob } from '../features/waitlist/waitlist.jobs';
import type { Job } from './scheduler';

/** Every background job, explicitly. Features add theirs here. */
export const jobs: Job[] = [
  ...emailJobs,
  ...shopJobs,
  expireUnpaidEnrollmentsJob,
  expireWaitlistOffersJob,
  purgeAuthRecordsJob,
  ...customerJobs,
];
