import type { Job } from '../../jobs/scheduler';
import { createPaymentGateways } from './gateways/registry';
import { reconcileOnlinePayments } from './online-payments.reconcile';
import { sweepOnlinePayments } from './online-payments.service';

/**
 * Settles online payments left pending (a customer who never came back, a provider that did not
 * answer, a webhook that never arrived) and retries the automatic refunds still due. Safe in several
 * processes: each attempt is leased before the provider is asked.
 */
export const onlinePaymentsSweeperJob: Job = {
  name: 'online-payments-sweeper',
  intervalMs: 60_000,
  run: async ({ database, config, now, log }) => {
    const gateways = createPaymentGateways(config.payments);
    const ctx = { now: now(), actor: null, publicUrl: config.publicUrl };
    const result = await sweepOnlinePayments({ database, gateways }, ctx);
    if (result.settled > 0) log.info(result, 'pending online payments settled');
    return result;
  },
};

/**
 * The daily reconciliation of the last 7 days of online payments with their providers. Runs every
 * hour and takes each attempt not reconciled in the last day, so restarts and several processes
 * reconcile each attempt once a day.
 */
export const onlinePaymentsReconciliationJob: Job = {
  name: 'online-payments-reconciliation',
  intervalMs: 3_600_000,
  run: async ({ database, config, now, log }) => {
    const gateways = createPaymentGateways(config.payments);
    const ctx = { now: now(), actor: null, publicUrl: config.publicUrl };
    const result = await reconcileOnlinePayments({ database, gateways }, ctx);
    if (result.mismatched > 0) log.info(result, 'online payments that differ from their provider');
    return result;
  },
};

export const onlinePaymentsJobs: Job[] = [onlinePaymentsSweeperJob, onlinePaymentsReconciliationJob];
