import type { Job } from '../../jobs/scheduler';
import { queueEmail } from '../email';
import { listAdminEmails } from '../users';
import {
  deliverDueWebhooks,
  type EndpointDisabledNotice,
  newWebhookWorkerId,
  pruneWebhookDeliveries,
} from '../webhooks';

const workerId = newWebhookWorkerId();

/** Every active admin hears about it, in the transaction that disabled the endpoint. */
export const emailAdminsEndpointDisabled =
  (publicUrl: string): EndpointDisabledNotice =>
  async (trx, endpoint, now) => {
    for (const to of await listAdminEmails(trx))
      await queueEmail(
        trx,
        {
          template: 'webhook_disabled',
          to,
          data: {
            url: endpoint.url,
            description: endpoint.description,
            reason: endpoint.reason,
            path: '/gestion/webhooks/',
          },
        },
        { now, publicUrl },
      );
  };

export const webhookDeliveryJob: Job = {
  name: 'webhook-deliveries',
  // Like the e-mail outbox: an idle run is one indexed SELECT.
  intervalMs: 2_000,
  run: (deps) =>
    deliverDueWebhooks(deps, {
      workerId,
      onEndpointDisabled: emailAdminsEndpointDisabled(deps.config.publicUrl),
    }),
};

export const pruneWebhookDeliveriesJob: Job = {
  name: 'webhook-deliveries-prune',
  intervalMs: 60 * 60_000,
  run: (deps) => pruneWebhookDeliveries(deps.database, deps.now()),
};

export const webhookJobs: Job[] = [webhookDeliveryJob, pruneWebhookDeliveriesJob];
