import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Database, Tx } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import type { JobLog } from '../../jobs/scheduler';
import { addHours } from '../../lib/dates';
import {
  type ClaimedDelivery,
  claimDelivery,
  deleteDeliveriesBefore,
  finishDelivery,
  insertAttempt,
  listDueDeliveryIds,
} from './webhooks.queries';
import {
  ATTEMPT_TIMEOUT_MS,
  DELIVERY_LOCK_MS,
  DELIVERY_LOG_DAYS,
  MAX_DELIVERY_ATTEMPTS,
  nextRetryAt,
} from './webhooks.schedule';
import { setWebhookEndpointEnabled } from './webhooks.service';
import { webhookHeaders } from './webhooks.signature';

/**
 * The delivery worker: claims due deliveries one by one with a conditional UPDATE, POSTs each with
 * its signature, and records the attempt in the same transaction that marks the delivery
 * delivered, to retry, or failed. At least once, like the e-mail outbox: a worker that dies after
 * the receiver answered but before recording it leaves a claim whose lock runs out, and the same
 * message (same webhook-id) goes again; receivers drop it by its id. Marking it sent before
 * sending was rejected: a failed send would then be lost.
 */

export type WebhookDeps = { database: Database; now: () => Date; log: JobLog };

/** Tells the admins an endpoint was switched off; runs inside the transaction that disabled it. */
export type EndpointDisabledNotice = (
  trx: Tx,
  endpoint: { id: number; url: string; description: string | null; reason: string },
  now: Date,
) => Promise<void>;

export type DeliveryRunSummary = { delivered: number; retrying: number; failed: number };

export const newWebhookWorkerId = () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

const EXCERPT_CHARS = 500;

type Answer = { statusCode: number | null; excerpt: string | null; error: string | null; durationMs: number };

/** Reads at most a few kilobytes of the answer: enough for the log, never a receiver's whole page. */
async function excerptOf(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < 4 * EXCERPT_CHARS) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  const text = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
  return text || null;
}

async function post(delivery: ClaimedDelivery, at: Date, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        ...webhookHeaders(delivery.secret, delivery.messageId, at, delivery.body),
        'user-agent': 'TMM-Webhooks/1',
      },
      body: delivery.body,
      // A redirect is an answer to fix at the endpoint, not to follow with a signed body.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const excerpt = await excerptOf(response).catch(() => null);
    return { statusCode: response.status, excerpt, error: null, durationMs: elapsed() };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
    const message = timedOut
      ? `Sin respuesta en ${Math.round(timeoutMs / 1000)} s`
      : `No se pudo conectar (${e.cause?.code ?? e.message})`;
    return { statusCode: null, excerpt: null, error: message.slice(0, 300), durationMs: elapsed() };
  }
}

/**
 * Sends up to `batchSize` due deliveries. Safe in several processes at once. A 2xx is delivered; a
 * 410 (the receiver says the endpoint is gone) disables the endpoint at once; anything else is
 * retried on the schedule, and the endpoint is disabled when a delivery's last attempt fails.
 */
export async function deliverDueWebhooks(
  deps: WebhookDeps,
  options: {
    workerId: string;
    onEndpointDisabled: EndpointDisabledNotice;
    batchSize?: number;
    timeoutMs?: number;
  },
): Promise<DeliveryRunSummary> {
  const summary: DeliveryRunSummary = { delivered: 0, retrying: 0, failed: 0 };
  const ids = await listDueDeliveryIds(deps.database.db, deps.now().toISOString(), options.batchSize ?? 20);
  for (const id of ids) {
    const now = deps.now();
    const delivery = await claimDelivery(deps.database.db, id, {
      nowIso: now.toISOString(),
      lockedUntil: new Date(now.getTime() + DELIVERY_LOCK_MS).toISOString(),
      workerId: options.workerId,
    });
    if (!delivery) continue;
    const answer = await post(delivery, now, options.timeoutMs ?? ATTEMPT_TIMEOUT_MS);
    const finishedAt = deps.now();
    const ok = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
    const gone = answer.statusCode === 410;
    const retryAt = ok || gone ? null : nextRetryAt(delivery.attempts, finishedAt);
    const disableReason = gone
      ? 'El receptor respondió 410 (ya no existe).'
      : !ok && !retryAt
        ? `Fallaron los ${MAX_DELIVERY_ATTEMPTS} intentos de una entrega.`
        : null;
    await inTransaction(deps.database, async (trx) => {
      const mine = await finishDelivery(
        trx,
        delivery.id,
        options.workerId,
        ok
          ? { status: 'DELIVERED', deliveredAt: finishedAt.toISOString() }
          : retryAt
            ? { status: 'PENDING', nextAttemptAt: retryAt.toISOString() }
            : { status: 'FAILED' },
      );
      // A claim lost to another worker (this one outlived its lock) is that worker's to record.
      if (!mine) return;
      await insertAttempt(trx, {
        deliveryId: delivery.id,
        attemptedAt: now.toISOString(),
        durationMs: answer.durationMs,
        statusCode: answer.statusCode,
        responseExcerpt: answer.excerpt,
        error: answer.error,
        isSuccess: ok,
      });
      if (
        disableReason &&
        (await setWebhookEndpointEnabled(trx, delivery.endpointId, false, disableReason, {
          now: finishedAt,
          actor: null,
        }))
      )
        await options.onEndpointDisabled(
          trx,
          {
            id: delivery.endpointId,
            url: delivery.url,
            description: delivery.description,
            reason: disableReason,
          },
          finishedAt,
        );
    });
    if (ok) summary.delivered++;
    else if (retryAt) summary.retrying++;
    else summary.failed++;
    if (!ok)
      deps.log.error(
        {
          webhookDeliveryId: delivery.id,
          attempt: delivery.attempts,
          status: answer.statusCode,
          err: answer.error,
        },
        retryAt ? 'webhook failed, will retry' : 'webhook failed for good',
      );
  }
  return summary;
}

/** Deletes what is older than the log keeps (30 days), in batches. */
export async function pruneWebhookDeliveries(database: Database, now: Date, batch = 500): Promise<number> {
  const before = addHours(now, -24 * DELIVERY_LOG_DAYS).toISOString();
  let total = 0;
  for (;;) {
    const n = await inTransaction(database, (trx) => deleteDeliveriesBefore(trx, before, batch));
    total += n;
    if (n < batch) return total;
  }
}
