import type { Tx } from '../../db/database';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import {
  DeliveryInProgressError,
  EndpointDisabledError,
  WebhookEventsError,
  WebhookUrlError,
} from './webhooks.errors';
import {
  findDelivery,
  insertDeliveries,
  insertEndpoint,
  listEnabledEndpointSubscriptions,
  requeueDelivery,
  updateEndpointEnabled,
} from './webhooks.queries';
import { newMessageId, newWebhookSecret } from './webhooks.signature';

/** The ids an event carries: receivers fetch the rest from the API, so nothing private travels twice. */
export type WebhookEventData = Record<string, number | null>;

/**
 * Records an event for every enabled endpoint subscribed to its type, inside the caller's
 * transaction: if the change rolls back, no delivery exists; if it commits, the worker sends it
 * (at least once). The body is fixed now, so every retry sends the same bytes under the same id.
 */
export async function recordWebhookEvent(
  trx: Tx,
  type: WebhookEventType,
  data: WebhookEventData,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  const endpoints = (await listEnabledEndpointSubscriptions(trx)).filter((e) => e.events.includes(type));
  if (endpoints.length === 0) return;
  const at = ctx.now.toISOString();
  const body = JSON.stringify({ type, timestamp: at, data });
  await insertDeliveries(
    trx,
    endpoints.map((e) => ({
      endpointId: e.id,
      messageId: newMessageId(),
      eventType: type,
      body,
      nextAttemptAt: at,
      createdAt: at,
    })),
  );
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where an endpoint may point: https, or plain http to this machine outside production (a
 * receiver under development). Throws WebhookUrlError.
 */
export function checkWebhookUrl(raw: string, allowLocalHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError('Escribe la dirección completa, por ejemplo https://ejemplo.cl/webhooks.');
  }
  if (url.username || url.password)
    throw new WebhookUrlError('La dirección no puede llevar usuario ni clave.');
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:' && allowLocalHttp && LOCAL_HOSTS.has(url.hostname)) return url.toString();
  throw new WebhookUrlError(
    allowLocalHttp
      ? 'La dirección debe empezar con https:// (http:// solo para 127.0.0.1 o localhost).'
      : 'La dirección debe empezar con https://.',
  );
}

export type NewEndpointInput = { url: string; description: string | null; events: WebhookEventType[] };

/**
 * An admin registers an endpoint; returns its id and its secret, which is shown only this once
 * (and never written to the audit log). Throws WebhookUrlError, WebhookEventsError. Audited.
 */
export async function createWebhookEndpoint(
  trx: Tx,
  input: NewEndpointInput,
  ctx: Pick<ServiceContext, 'now' | 'actor'> & { allowLocalHttp: boolean },
): Promise<{ id: number; url: string; secret: string }> {
  const url = checkWebhookUrl(input.url, ctx.allowLocalHttp);
  const events = WEBHOOK_EVENT_TYPES.filter((t) => input.events.includes(t));
  if (events.length === 0) throw new WebhookEventsError();
  const secret = newWebhookSecret();
  const at = ctx.now.toISOString();
  const id = await insertEndpoint(trx, {
    url,
    description: input.description,
    events: events.join(','),
    secret,
    createdAt: at,
    updatedAt: at,
  });
  await recordAudit(
    trx,
    {
      entityType: 'webhook_endpoint',
      entityId: id,
      action: 'create',
      after: { url, description: input.description, events },
    },
    ctx,
  );
  return { id, url, secret };
}

/**
 * Turns an endpoint on or off (an admin, or the worker with a null actor); deliveries waiting for it
 * resume when it is on again. False when it already was. Audited.
 */
export async function setWebhookEndpointEnabled(
  trx: Tx,
  id: number,
  isEnabled: boolean,
  reason: string | null,
  ctx: Pick<ServiceContext, 'now' | 'actor'>,
): Promise<boolean> {
  const disabledReason = isEnabled ? null : reason;
  const changed = await updateEndpointEnabled(trx, id, {
    isEnabled,
    disabledReason,
    updatedAt: ctx.now.toISOString(),
  });
  if (changed)
    await recordAudit(
      trx,
      {
        entityType: 'webhook_endpoint',
        entityId: id,
        action: 'update',
        before: { isEnabled: !isEnabled },
        after: { isEnabled, disabledReason },
      },
      ctx,
    );
  return changed;
}

/**
 * Staff's "Reenviar": the same message (same id and body, so a receiver that already has it can
 * drop it) goes back in the queue now with a fresh retry schedule. Throws NotFoundError,
 * EndpointDisabledError, DeliveryInProgressError.
 */
export async function resendWebhookDelivery(
  trx: Tx,
  id: number,
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  const delivery = await findDelivery(trx, id);
  if (!delivery) throw new NotFoundError('Esa entrega no existe (o ya se borró del registro).');
  if (!delivery.isEndpointEnabled) throw new EndpointDisabledError();
  if (!(await requeueDelivery(trx, id, ctx.now.toISOString()))) throw new DeliveryInProgressError();
}
