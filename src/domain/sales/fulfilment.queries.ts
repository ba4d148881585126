import type { Db, Tx } from '../../db/database';
import type { FulfilmentMethod, FulfilmentStatus, SaleStatus } from '../../db/schema';

/** Where a delivery goes, as the customer wrote it; the region by its name, as on a label. */
export type DeliveryAddress = {
  recipient: string;
  phone: string;
  street: string;
  comuna: string;
  region: string;
  notes: string | null;
};

export type SaleFulfilment = {
  saleId: number;
  saleStatus: SaleStatus;
  method: FulfilmentMethod;
  status: FulfilmentStatus;
  shippingClp: number;
  /** Null for a pickup. */
  address: DeliveryAddress | null;
  courier: string | null;
  trackingCode: string | null;
  preparedAt: string | null;
  readyAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
};

const COLUMNS = [
  'id',
  'status',
  'fulfilmentMethod',
  'fulfilmentStatus',
  'shippingClp',
  'deliveryRecipient',
  'deliveryPhone',
  'deliveryStreet',
  'deliveryComuna',
  'deliveryRegion',
  'deliveryNotes',
  'courier',
  'trackingCode',
  'preparedAt',
  'readyAt',
  'shippedAt',
  'deliveredAt',
] as const;

type Row = {
  id: number;
  status: SaleStatus;
  fulfilmentMethod: FulfilmentMethod;
  fulfilmentStatus: FulfilmentStatus;
  shippingClp: number;
  deliveryRecipient: string | null;
  deliveryPhone: string | null;
  deliveryStreet: string | null;
  deliveryComuna: string | null;
  deliveryRegion: string | null;
  deliveryNotes: string | null;
  courier: string | null;
  trackingCode: string | null;
  preparedAt: string | null;
  readyAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
};

const toFulfilment = (r: Row): SaleFulfilment => ({
  saleId: r.id,
  saleStatus: r.status,
  method: r.fulfilmentMethod,
  status: r.fulfilmentStatus,
  shippingClp: r.shippingClp,
  address:
    r.fulfilmentMethod === 'delivery'
      ? {
          recipient: r.deliveryRecipient ?? '',
          phone: r.deliveryPhone ?? '',
          street: r.deliveryStreet ?? '',
          comuna: r.deliveryComuna ?? '',
          region: r.deliveryRegion ?? '',
          notes: r.deliveryNotes,
        }
      : null,
  courier: r.courier,
  trackingCode: r.trackingCode,
  preparedAt: r.preparedAt,
  readyAt: r.readyAt,
  shippedAt: r.shippedAt,
  deliveredAt: r.deliveredAt,
});

export async function findSaleFulfilment(db: Db | Tx, saleId: number): Promise<SaleFulfilment | undefined> {
  const row = await db.selectFrom('sales').select(COLUMNS).where('id', '=', saleId).executeTakeFirst();
  return row ? toFulfilment(row) : undefined;
}

/** The fulfilment of several orders at once (the account's order list), by sale id. */
export async function listSaleFulfilments(db: Db, saleIds: number[]): Promise<Map<number, SaleFulfilment>> {
  if (saleIds.length === 0) return new Map();
  const rows = await db.selectFrom('sales').select(COLUMNS).where('id', 'in', saleIds).execute();
  return new Map(rows.map((r) => [r.id, toFulfilment(r)]));
}

/** How a new order is handed over, written by the checkout in the transaction that creates it. */
export async function saveFulfilmentChoice(
  trx: Tx,
  saleId: number,
  choice: { method: FulfilmentMethod; shippingClp: number; address: DeliveryAddress | null },
): Promise<void> {
  const a = choice.address;
  await trx
    .updateTable('sales')
    .set({
      fulfilmentMethod: choice.method,
      shippingClp: choice.shippingClp,
      deliveryRecipient: a?.recipient ?? null,
      deliveryPhone: a?.phone ?? null,
      deliveryStreet: a?.street ?? null,
      deliveryComuna: a?.comuna ?? null,
      deliveryRegion: a?.region ?? null,
      deliveryNotes: a?.notes ?? null,
    })
    .where('id', '=', saleId)
    .execute();
}

const STEP_TIME = {
  PREPARADO: 'preparedAt',
  LISTO_PARA_RETIRO: 'readyAt',
  DESPACHADO: 'shippedAt',
  ENTREGADO: 'deliveredAt',
} as const;

/**
 * One step, only from the step the caller saw and only for a paid order: the conditional UPDATE
 * is what lets two staff (or a double click) move the same order at once and only one of them
 * win. Returns false when nothing changed (the order was elsewhere by then).
 */
export async function moveFulfilment(
  trx: Tx,
  saleId: number,
  step: {
    method: FulfilmentMethod;
    from: FulfilmentStatus;
    to: Exclude<FulfilmentStatus, 'POR_PREPARAR'>;
    now: Date;
    courier?: string | null;
    trackingCode?: string | null;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('sales')
    .set({
      fulfilmentStatus: step.to,
      [STEP_TIME[step.to]]: step.now.toISOString(),
      ...(step.to === 'DESPACHADO'
        ? { courier: step.courier ?? null, trackingCode: step.trackingCode ?? null }
        : {}),
    })
    .where('id', '=', saleId)
    .where('status', '=', 'PAGADO')
    .where('fulfilmentMethod', '=', step.method)
    .where('fulfilmentStatus', '=', step.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * What the checkout form starts with: the address of the customer's last delivery, or else their
 * own name, phone and comuna. The region comes back as its code (what the form's select sends).
 */
export async function findDeliveryDefaults(
  db: Db,
  customerId: number,
): Promise<{
  recipient: string;
  phone: string;
  street: string;
  comuna: string;
  regionCode: string;
  notes: string;
}> {
  const last = await db
    .selectFrom('sales')
    .leftJoin('shippingRates', 'shippingRates.regionName', 'sales.deliveryRegion')
    .select([
      'sales.deliveryRecipient',
      'sales.deliveryPhone',
      'sales.deliveryStreet',
      'sales.deliveryComuna',
      'shippingRates.regionCode',
      'sales.deliveryNotes',
    ])
    .where('sales.customerId', '=', customerId)
    .where('sales.fulfilmentMethod', '=', 'delivery')
    .orderBy('sales.createdAt', 'desc')
    .orderBy('sales.id', 'desc')
    .executeTakeFirst();
  if (last)
    return {
      recipient: last.deliveryRecipient ?? '',
      phone: last.deliveryPhone ?? '',
      street: last.deliveryStreet ?? '',
      comuna: last.deliveryComuna ?? '',
      regionCode: last.regionCode ?? '',
      notes: last.deliveryNotes ?? '',
    };
  const customer = await db
    .selectFrom('customers')
    .select(['fullName', 'phone', 'comuna'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  return {
    recipient: customer?.fullName ?? '',
    phone: customer?.phone ?? '',
    street: '',
    comuna: customer?.comuna ?? '',
    regionCode: '',
    notes: '',
  };
}
