import type { Tx } from '../../db/database';
import type { PaymentMethod } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { giftCardHoldsOfSale, markHoldPaid } from '../gift-cards';
import { findSale, findSaleFor, markSalePaidAndNotify, SaleNotPayableError, type SaleView } from '../sales';
import { ProviderNotOfferedError } from './online-payments.errors';
import { PaymentConflictError } from './payments.errors';
import { giftCardReference, insertPayment, newPaymentReference } from './payments.service';
import { simulatedOffered } from './simulated-payments.service';

/**
 * The ledger rows of an order being paid, after markSalePaidAndNotify claimed it for `sale` (as
 * read before): every gift card hold becomes its own PAYMENT row of method 'tarjeta_regalo' (its
 * card entry then names it), and the rest of the total, if any, one row of the method that paid it.
 * That row's idempotency key is the same for every way of paying an order, so the simulated page,
 * staff and a provider can never both count for it. A free order has nothing to record:
 * payments.amount_clp must be positive.
 */
async function insertSalePayments(
  trx: Tx,
  sale: SaleView,
  input: { method: PaymentMethod; reference: string; recordedByUserId: number | null; attemptId?: number },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  for (const hold of await giftCardHoldsOfSale(trx, sale.id)) {
    const paymentId = await insertPayment(
      trx,
      {
        saleId: sale.id,
        amountClp: hold.amountClp,
        method: 'tarjeta_regalo',
        reference: giftCardReference(hold.last4),
        idempotencyKey: `sale-${sale.id}-card-${hold.entryId}`,
        recordedByUserId: input.recordedByUserId,
      },
      ctx,
    );
    if (!paymentId) throw new PaymentConflictError();
    await markHoldPaid(trx, hold.entryId, paymentId);
  }
  const restClp = sale.totalClp - sale.giftCardClp;
  if (restClp <= 0) return;
  await insertPayment(
    trx,
    {
      saleId: sale.id,
      amountClp: restClp,
      method: input.method,
      reference: input.reference,
      idempotencyKey: `sale-${sale.id}-pay`,
      recordedByUserId: input.recordedByUserId,
      attemptId: input.attemptId ?? null,
    },
    ctx,
  );
}

/**
 * Pays an order: PENDIENTE → PAGADO once (markSalePaidAndNotify, guarded on what gift cards hold of
 * it as `sale` says), then its ledger rows: the cards' holds and what is left of the total, charged
 * by `input.method`. Every way of paying an order goes through here. Returns 'paid' or
 * 'already_paid'; throws SaleNotPayableError.
 */
export async function settleSale(
  trx: Tx,
  sale: SaleView,
  input: { method: PaymentMethod; reference: string; recordedByUserId: number | null; attemptId?: number },
  ctx: ServiceContext,
  options: { allowOverdue: boolean },
): Promise<'paid' | 'already_paid'> {
  const outcome = await markSalePaidAndNotify(trx, sale, ctx, options);
  if (outcome === 'paid') await insertSalePayments(trx, sale, input, ctx);
  return outcome;
}

/**
 * The simulated payment of a whole order: PENDIENTE and not expired → PAGADO with one ledger row
 * (method "simulado") and the receipt queued. Idempotent: a replay or a double click answers
 * "already paid" and records nothing. Throws NotFoundError, SaleNotPayableError, and
 * ProviderNotOfferedError once staff turned the simulated page off.
 */
export async function paySale(
  trx: Tx,
  saleId: number,
  ctx: ServiceContext,
): Promise<'paid' | 'already_paid'> {
  const sale = await findSaleFor(trx, saleId, ctx.actor);
  if (!(await simulatedOffered(trx))) throw new ProviderNotOfferedError();
  return settleSale(
    trx,
    sale,
    { method: 'simulado', reference: `SIM-VENTA-${saleId}`, recordedByUserId: ctx.actor?.userId ?? null },
    ctx,
    { allowOverdue: false },
  );
}

/**
 * Staff record that a PENDIENTE order was paid in cash, by transfer or card: PENDIENTE → PAGADO
 * once, one ledger row, the receipt queued, and an audit entry. Unlike paySale it accepts an order
 * past its payment deadline that the expiry job has not cancelled yet: staff are holding the money.
 * Returns 'paid' or 'already_paid'. Throws NotFoundError, SaleNotPayableError (ANULADO).
 */
export async function recordSalePaymentByStaff(
  trx: Tx,
  input: { saleId: number; method: PaymentMethod; reference: string },
  ctx: ServiceContext,
): Promise<'paid' | 'already_paid'> {
  const sale = await findSale(trx, input.saleId);
  if (!sale) throw new NotFoundError('Este pedido no existe.');
  if (sale.status === 'ANULADO')
    throw new SaleNotPayableError('Este pedido fue anulado: ya no se puede registrar un pago.');
  const reference = input.reference || newPaymentReference('VTA');
  const outcome = await settleSale(
    trx,
    sale,
    { method: input.method, reference, recordedByUserId: ctx.actor?.userId ?? null },
    ctx,
    { allowOverdue: true },
  );
  if (outcome === 'already_paid') return outcome;
  await recordAudit(
    trx,
    {
      entityType: 'sale',
      entityId: sale.id,
      action: 'update',
      before: { status: sale.status },
      after: {
        status: 'PAGADO',
        method: input.method,
        reference,
        amountClp: sale.totalClp - sale.giftCardClp,
        ...(sale.giftCardClp > 0 ? { giftCardClp: sale.giftCardClp } : {}),
      },
    },
    ctx,
  );
  return 'paid';
}
