import type { Tx } from '../../db/database';
import type { FulfilmentStatus } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { queueEmail, type TemplateData } from '../email';
import { quoteDelivery } from '../shipping';
import { FULFILMENT_STATUS_LABELS } from '../vocabulary';
import { findSale } from './checkout.queries';
import { FulfilmentStaleError, FulfilmentStepError, OrderNotPaidError } from './fulfilment.errors';
import { type DeliveryAddress, findSaleFulfilment, moveFulfilment } from './fulfilment.queries';
import { nextFulfilmentStatus } from './fulfilment.rules';

/** How the customer chose to receive an order at checkout; the region by its code, as the form sends it. */
export type FulfilmentChoice =
  | { method: 'pickup' }
  | { method: 'delivery'; address: Omit<DeliveryAddress, 'region'> & { regionCode: string } };

/** A choice with its price: what the order stores. */
export type PricedFulfilment = {
  method: FulfilmentChoice['method'];
  shippingClp: number;
  address: DeliveryAddress | null;
};

/**
 * The shipping cost of a choice, from the rate table in the checkout's transaction (never from
 * the browser): 0 for a pickup, the region's price for a delivery. Throws DeliveryUnavailableError
 * (shown on the form's region field) when staff marked the region unavailable.
 */
export async function priceFulfilment(trx: Tx, choice: FulfilmentChoice): Promise<PricedFulfilment> {
  if (choice.method === 'pickup') return { method: 'pickup', shippingClp: 0, address: null };
  const { regionCode, ...address } = choice.address;
  const quote = await quoteDelivery(trx, regionCode);
  return {
    method: 'delivery',
    shippingClp: quote.priceClp,
    address: { ...address, region: quote.regionName },
  };
}

/** How an order is handed over, as its e-mails say it (the receipt, each step). */
export async function orderFulfilmentData(
  trx: Tx,
  saleId: number,
): Promise<NonNullable<TemplateData['order_receipt']['fulfilment']>> {
  const f = await findSaleFulfilment(trx, saleId);
  if (!f?.address) return { method: 'pickup' };
  return { method: 'delivery', shippingClp: f.shippingClp, address: f.address };
}

/** The studio as a pickup e-mail shows it (from the configuration: CENTRE_ADDRESS, CENTRE_PICKUP_HOURS). */
export type PickupPlace = { address: string; hours: string };

const label = (status: FulfilmentStatus) => `«${FULFILMENT_STATUS_LABELS[status]}»`;

/**
 * Staff move a paid order one step (por preparar → preparado → listo para retiro | despachado →
 * entregado) from the step their page showed (`from`). The step is a conditional UPDATE, so when
 * two people move the same order at once only one wins; the other is told where it is now. Each
 * step is audited and the customer gets its e-mail (once: the e-mail's dedupe key is the step).
 * Throws NotFoundError, FulfilmentStepError (not the next step), OrderNotPaidError,
 * FulfilmentStaleError (someone else moved it first).
 */
export async function advanceFulfilment(
  trx: Tx,
  input: {
    saleId: number;
    from: FulfilmentStatus;
    to: FulfilmentStatus;
    courier?: string | null;
    trackingCode?: string | null;
  },
  ctx: ServiceContext,
  pickup: PickupPlace,
): Promise<void> {
  const sale = await findSale(trx, input.saleId);
  const current = await findSaleFulfilment(trx, input.saleId);
  if (!sale || !current) throw new NotFoundError('Este pedido no existe.');
  const next = nextFulfilmentStatus(current.method, input.from);
  if (next === null || next !== input.to)
    throw new FulfilmentStepError(
      `Un pedido ${current.method === 'pickup' ? 'con retiro' : 'con despacho'} no pasa de ${label(input.from)} a ${label(input.to)}.`,
    );
  const courier = input.to === 'DESPACHADO' ? input.courier || null : null;
  const trackingCode = input.to === 'DESPACHADO' ? input.trackingCode || null : null;
  const moved = await moveFulfilment(trx, sale.id, {
    method: current.method,
    from: input.from,
    to: next,
    now: ctx.now,
    courier,
    trackingCode,
  });
  if (!moved) {
    const now = await findSaleFulfilment(trx, sale.id);
    if (now && now.status !== input.from)
      throw new FulfilmentStaleError(
        `Otra persona ya cambió este pedido a ${label(now.status)}: revisa su estado antes de seguir.`,
      );
    throw new OrderNotPaidError();
  }
  await recordAudit(
    trx,
    {
      entityType: 'sale',
      entityId: sale.id,
      action: 'update',
      before: { fulfilmentStatus: input.from },
      after: {
        fulfilmentStatus: input.to,
        ...(input.to === 'DESPACHADO' ? { courier, trackingCode } : {}),
      },
    },
    ctx,
  );
  const common = {
    to: sale.customerEmail,
    customerId: sale.customerId,
    saleId: sale.id,
    dedupeKey: `sale-${sale.id}-${input.to.toLowerCase()}`,
  };
  const base = { name: sale.customerName, saleId: sale.id };
  if (input.to === 'PREPARADO')
    await queueEmail(
      trx,
      { ...common, template: 'order_prepared', data: { ...base, method: current.method } },
      ctx,
    );
  else if (input.to === 'LISTO_PARA_RETIRO')
    await queueEmail(
      trx,
      {
        ...common,
        template: 'order_ready_for_pickup',
        data: { ...base, address: pickup.address, hours: pickup.hours },
      },
      ctx,
    );
  else if (input.to === 'DESPACHADO' && current.address)
    await queueEmail(
      trx,
      {
        ...common,
        template: 'order_shipped',
        data: { ...base, address: current.address, courier, trackingCode },
      },
      ctx,
    );
  else if (input.to === 'ENTREGADO')
    await queueEmail(
      trx,
      { ...common, template: 'order_delivered', data: { ...base, method: current.method } },
      ctx,
    );
}
