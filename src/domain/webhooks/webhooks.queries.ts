import { type ExpressionBuilder, type Insertable, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type {
  DB,
  WebhookDeliveriesTable,
  WebhookDeliveryStatus,
  WebhookEndpointsTable,
  WebhookEventType,
} from '../../db/schema';

export type WebhookEndpoint = {
  id: number;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  isEnabled: boolean;
  disabledReason: string | null;
  createdAt: string;
};

const ENDPOINT_COLUMNS = [
  'id',
  'url',
  'description',
  'events',
  'isEnabled',
  'disabledReason',
  'createdAt',
] as const;

const decodeEndpoint = <R extends { events: string }>(row: R) => ({
  ...row,
  events: row.events.split(',').filter(Boolean) as WebhookEventType[],
});

export async function listEndpoints(db: Db | Tx): Promise<WebhookEndpoint[]> {
  const rows = await db.selectFrom('webhookEndpoints').select(ENDPOINT_COLUMNS).orderBy('id').execute();
  return rows.map(decodeEndpoint);
}

export async function findEndpoint(db: Db | Tx, id: number): Promise<WebhookEndpoint | undefined> {
  const row = await db
    .selectFrom('webhookEndpoints')
    .select(ENDPOINT_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && decodeEndpoint(row);
}

/** The enabled endpoints with their secrets: who gets a delivery of a new event. */
export async function listEnabledEndpointSubscriptions(trx: Tx) {
  const rows = await trx
    .selectFrom('webhookEndpoints')
    .select(['id', 'events'])
    .where('isEnabled', '=', true)
    .execute();
  return rows.map(decodeEndpoint);
}

export async function insertEndpoint(trx: Tx, row: Insertable<WebhookEndpointsTable>): Promise<number> {
  const { id } = await trx
    .insertInto('webhookEndpoints')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Enables or disables an endpoint; true when it changed (an already-disabled one stays as it was). */
export async function updateEndpointEnabled(
  trx: Tx,
  id: number,
  change: { isEnabled: boolean; disabledReason: string | null; updatedAt: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('webhookEndpoints')
    .set(change)
    .where('id', '=', id)
    .where('isEnabled', '=', !change.isEnabled)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertDeliveries(trx: Tx, rows: Insertable<WebhookDeliveriesTable>[]): Promise<void> {
  if (rows.length) await trx.insertInto('webhookDeliveries').values(rows).execute();
}

// ---- The worker ----------------------------------------------------------------------------------

/** Due: pending and its time has come, or claimed by a worker whose lock ran out (it died). */
const dueCondition =
  (nowIso: string) =>
  ({ eb, and, or }: ExpressionBuilder<DB, 'webhookDeliveries'>) =>
    and([
      or([
        and([eb('status', '=', 'PENDING'), eb('nextAttemptAt', '<=', nowIso)]),
        and([eb('status', '=', 'SENDING'), eb('lockedUntil', '<', nowIso)]),
      ]),
      eb(
        'endpointId',
        'in',
        eb
          .selectFrom('webhookEndpoints')
          .select('webhookEndpoints.id')
          .where('webhookEndpoints.isEnabled', '=', true),
      ),
    ]);

export async function listDueDeliveryIds(db: Db, nowIso: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('webhookDeliveries')
    .select('id')
    .where((eb) => dueCondition(nowIso)(eb))
    .orderBy('nextAttemptAt')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export type Claim = { nowIso: string; lockedUntil: string; workerId: string };

/**
 * Takes one due delivery for this worker: a single conditional UPDATE, so of two workers racing
 * for it exactly one gets a row back. Counts the attempt.
 */
export async function claimDelivery(db: Db, id: number, claim: Claim) {
  const claimed = await db
    .updateTable('webhookDeliveries')
    .set({
      status: 'SENDING',
      lockedUntil: claim.lockedUntil,
      lockedBy: claim.workerId,
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', '=', id)
    .where((eb) => dueCondition(claim.nowIso)(eb))
    .returning(['id', 'endpointId', 'messageId', 'eventType', 'body', 'attempts'])
    .executeTakeFirst();
  if (!claimed) return undefined;
  const endpoint = await db
    .selectFrom('webhookEndpoints')
    .select(['url', 'secret', 'description'])
    .where('id', '=', claimed.endpointId)
    .executeTakeFirstOrThrow();
  return { ...claimed, ...endpoint };
}

export type ClaimedDelivery = NonNullable<Awaited<ReturnType<typeof claimDelivery>>>;

/** Ends this worker's claim; does nothing when the claim was lost (its lock ran out and another took it). */
export async function finishDelivery(
  trx: Tx,
  id: number,
  workerId: string,
  outcome:
    | { status: 'DELIVERED'; deliveredAt: string }
    | { status: 'PENDING'; nextAttemptAt: string }
    | { status: 'FAILED' },
): Promise<boolean> {
  const result = await trx
    .updateTable('webhookDeliveries')
    .set({ ...outcome, lockedUntil: null, lockedBy: null })
    .where('id', '=', id)
    .where('status', '=', 'SENDING')
    .where('lockedBy', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertAttempt(
  trx: Tx,
  attempt: {
    deliveryId: number;
    attemptedAt: string;
    durationMs: number;
    statusCode: number | null;
    responseExcerpt: string | null;
    error: string | null;
    isSuccess: boolean;
  },
): Promise<void> {
  await trx.insertInto('webhookAttempts').values(attempt).execute();
}

/** Puts a delivery back in the queue, due now, with a fresh schedule (staff's "Reenviar"). */
export async function requeueDelivery(trx: Tx, id: number, nowIso: string): Promise<boolean> {
  const result = await trx
    .updateTable('webhookDeliveries')
    .set({ status: 'PENDING', attempts: 0, nextAttemptAt: nowIso, lockedUntil: null, lockedBy: null })
    .where('id', '=', id)
    .where('status', '<>', 'SENDING')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes deliveries (and their attempts) created before `beforeIso`; returns how many. */
export async function deleteDeliveriesBefore(trx: Tx, beforeIso: string, limit: number): Promise<number> {
  const ids = (
    await trx
      .selectFrom('webhookDeliveries')
      .select('id')
      .where('createdAt', '<', beforeIso)
      .where('status', '<>', 'SENDING')
      .orderBy('id')
      .limit(limit)
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  await trx.deleteFrom('webhookAttempts').where('deliveryId', 'in', ids).execute();
  await trx.deleteFrom('webhookDeliveries').where('id', 'in', ids).execute();
  return ids.length;
}

// ---- The staff log -------------------------------------------------------------------------------

export type DeliveryCriteria = {
  endpointId: number | null;
  eventType: WebhookEventType | null;
  status: WebhookDeliveryStatus | null;
};

const deliveryFilter = (db: Db, c: DeliveryCriteria) => {
  let q = db
    .selectFrom('webhookDeliveries')
    .innerJoin('webhookEndpoints', 'webhookEndpoints.id', 'webhookDeliveries.endpointId');
  if (c.endpointId !== null) q = q.where('webhookDeliveries.endpointId', '=', c.endpointId);
  if (c.eventType !== null) q = q.where('webhookDeliveries.eventType', '=', c.eventType);
  if (c.status !== null) q = q.where('webhookDeliveries.status', '=', c.status);
  return q;
};

export async function countDeliveries(db: Db, criteria: DeliveryCriteria): Promise<number> {
  const row = await deliveryFilter(db, criteria)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listDeliveries(db: Db, criteria: DeliveryCriteria, limit: number, offset: number) {
  return deliveryFilter(db, criteria)
    .select([
      'webhookDeliveries.id',
      'webhookDeliveries.messageId',
      'webhookDeliveries.eventType',
      'webhookDeliveries.status',
      'webhookDeliveries.attempts',
      'webhookDeliveries.nextAttemptAt',
      'webhookDeliveries.deliveredAt',
      'webhookDeliveries.createdAt',
      'webhookEndpoints.url as endpointUrl',
    ])
    .orderBy('webhookDeliveries.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

export async function findDelivery(db: Db | Tx, id: number) {
  return db
    .selectFrom('webhookDeliveries')
    .innerJoin('webhookEndpoints', 'webhookEndpoints.id', 'webhookDeliveries.endpointId')
    .select([
      'webhookDeliveries.id',
      'webhookDeliveries.endpointId',
      'webhookDeliveries.messageId',
      'webhookDeliveries.eventType',
      'webhookDeliveries.body',
      'webhookDeliveries.status',
      'webhookDeliveries.attempts',
      'webhookDeliveries.nextAttemptAt',
      'webhookDeliveries.deliveredAt',
      'webhookDeliveries.createdAt',
      'webhookEndpoints.url as endpointUrl',
      'webhookEndpoints.isEnabled as isEndpointEnabled',
    ])
    .where('webhookDeliveries.id', '=', id)
    .executeTakeFirst();
}

export type DeliveryDetail = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

export async function listDeliveryAttempts(db: Db, deliveryId: number) {
  return db
    .selectFrom('webhookAttempts')
    .select(['id', 'attemptedAt', 'durationMs', 'statusCode', 'responseExcerpt', 'error', 'isSuccess'])
    .where('deliveryId', '=', deliveryId)
    .orderBy('id')
    .execute();
}

export type DeliveryAttempt = Awaited<ReturnType<typeof listDeliveryAttempts>>[number];
