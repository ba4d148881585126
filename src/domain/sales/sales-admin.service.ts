import type { Tx } from '../../db/database';
import type { PaymentMethod } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { noteCustomerActivity } from '../customers';
import { queueEmail } from '../email';
import { insertPayment, newPaymentReference } from '../payments';
import { SaleNotPayableError } from './checkout.errors';
import { findSale, listSaleLines } from './checkout.queries';
import { cancelSale } from './checkout.service';
import { orderFulfilmentData } from './fulfilment.service';

const NOT_FOUND = 'Este pedido no existe.';

/**
 * Staff record that a PENDIENTE order was paid in cash, by transfer or card: PENDIENTE → PAGADO by
 * a conditional UPDATE (so it happens once, and never for an order the expiry job or the customer
 * cancelled first), one ledger row with the same idempotency key the online payment uses (the two
 * can never both count), the receipt queued, and an audit entry. Unlike paySale it accepts an
 * order past its payment deadline that the expiry job has not cancelled yet: staff are holding the
 * money. Returns 'paid' or 'already_paid'. Throws NotFoundError, SaleNotPayableError (ANULADO).
 */
export async function recordSalePaymentByStaff(
  trx: Tx,
  input: { saleId: number; method: PaymentMethod; reference: string },
  ctx: ServiceContext,
): Promise<'paid' | 'already_paid'> {
  const sale = await findSale(trx, input.saleId);
  if (!sale) throw new NotFoundError(NOT_FOUND);
  const claimed = await trx
    .updateTable('sales')
    .set({ status: 'PAGADO', paidAt: ctx.now.toISOString() })
    .where('id', '=', sale.id)
    .where('status', '=', 'PENDIENTE')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) {
    const current = await findSale(trx, sale.id);
    if (current?.status === 'PAGADO') return 'already_paid';
    throw new SaleNotPayableError('Este pedido fue anulado: ya no se puede registrar un pago.');
  }
  const reference = input.reference || newPaymentReference('VTA');
  // A free order (every price 0) has nothing to record: payments.amount_clp must be positive.
  if (sale.totalClp > 0)
    await insertPayment(
      trx,
      {
        saleId: sale.id,
        amountClp: sale.totalClp,
        method: input.method,
        reference,
        idempotencyKey: `sale-${sale.id}-pay`,
        recordedByUserId: ctx.actor?.userId ?? null,
      },
      ctx,
    );
  await recordAudit(
    trx,
    {
      entityType: 'sale',
      entityId: sale.id,
      action: 'update',
      before: { status: sale.status },
      after: { status: 'PAGADO', method: input.method, reference, amountClp: sale.totalClp },
    },
    ctx,
  );
  await noteCustomerActivity(trx, sale.customerId, 'customer', ctx);
  const lines = await listSaleLines(trx, sale.id);
  await queueEmail(
    trx,
    {
      template: 'order_receipt',
      to: sale.customerEmail,
      data: {
        name: sale.customerName,
        saleId: sale.id,
        lines: lines.map((l) => ({ name: l.name, quantity: l.quantity, unitPriceClp: l.unitPriceClp })),
        totalClp: sale.totalClp,
        paid: true,
        payPath: null,
        fulfilment: await orderFulfilmentData(trx, sale.id),
      },
      customerId: sale.customerId,
      saleId: sale.id,
      dedupeKey: `sale-${sale.id}-receipt`,
    },
    ctx,
  );
  return 'paid';
}

/**
 * Staff cancel an unpaid order: the checkout's cancelSale (claims the order once and returns its
 * stock) plus an audit entry. Throws NotFoundError, SaleNotPayableError when it is no longer PENDIENTE.
 */
export async function cancelSaleByStaff(trx: Tx, saleId: number, ctx: ServiceContext): Promise<void> {
  const sale = await findSale(trx, saleId);
  if (!sale) throw new NotFoundError(NOT_FOUND);
  if (!(await cancelSale(trx, saleId, ctx.now)))
    throw new SaleNotPayableError('Este pedido ya no está pendiente de pago: no se puede anular.');
  await recordAudit(
    trx,
    {
      entityType: 'sale',
      entityId: saleId,
      action: 'update',
      before: { status: 'PENDIENTE' },
      after: { status: 'ANULADO' },
    },
    ctx,
  );
}
