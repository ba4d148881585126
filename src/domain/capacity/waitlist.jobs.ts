import { inTransaction } from '../../db/transaction';
import type { Job } from '../../jobs/scheduler';
import { expireOffer } from './capacity.service';
import { listLapsedOfferIds } from './waitlist.queries';

const BATCH = 100;

/** Ends lapsed waitlist offers and offers each seat to the next person in line. */
export const expireWaitlistOffersJob: Job = {
  name: 'expire-waitlist-offers',
  intervalMs: 60_000,
  run: async ({ database, config, now, log }) => {
    const ids = await listLapsedOfferIds(database.db, now(), BATCH);
    let expired = 0;
    for (const entryId of ids) {
      const ctx = { now: now(), actor: null, publicUrl: config.publicUrl };
      const done = await inTransaction(database, (trx) =>
        expireOffer(trx, { entryId, holdHours: config.waitlistHoldHours }, ctx),
      );
      if (done) expired++;
    }
    if (expired > 0) log.info({ expired }, 'waitlist offers expired');
    return expired;
  },
};
