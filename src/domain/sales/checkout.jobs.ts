import type { Job } from '../../jobs/scheduler';
import { deleteOrphanSessionCarts } from '../cart';
import { expireUnpaidOrders } from './checkout.service';

/** The shop's background jobs (listed in src/jobs/index.ts). */

export const orderExpiryJob: Job = {
  name: 'shop-order-expiry',
  intervalMs: 60_000,
  run: async ({ database, now, log }) => {
    const expired = await expireUnpaidOrders(database, now());
    if (expired > 0) log.info({ expired }, 'unpaid orders expired, stock returned');
    return { expired };
  },
};

export const cartCleanupJob: Job = {
  name: 'shop-cart-cleanup',
  intervalMs: 3_600_000,
  run: async ({ database, now }) => {
    const deleted = await deleteOrphanSessionCarts(database.db, new Date(now().getTime() - 24 * 3600_000));
    return { deleted };
  },
};

export const shopJobs: Job[] = [orderExpiryJob, cartCleanupJob];
