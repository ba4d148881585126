import type { Job } from '../../jobs/scheduler';
import { returnGiftCardMoney } from './gift-card-payments.service';

/**
 * Gives gift-card money of cancelled enrollments (or of a companion's seat given up) back to the
 * cards, within a minute of the cancellation, whoever cancelled (the customer, staff, the centre calling a workshop off, the API).
 * Rejected: doing it inside each cancellation, which lives below the payments ledger it must write.
 */
export const giftCardMoneyJob: Job = {
  name: 'gift-card-refunds',
  intervalMs: 60_000,
  run: async ({ database, config, now, log }) => {
    const settled = await returnGiftCardMoney(database, {
      now: now(),
      actor: null,
      publicUrl: config.publicUrl,
    });
    if (settled > 0) log.info({ settled }, 'gift-card money returned to cards');
    return { settled };
  },
};
