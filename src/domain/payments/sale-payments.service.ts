import type { Tx } from '../../db/database';
import type { PaymentMethod } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { findSale, findSaleFor, markSalePaidAndNotify, SaleNotPayableError } from '../sales';
import { ProviderNotOfferedError } from './online-payments.errors';
import { insertPayment, newPaymentReference } from './payments.service';
import { simulatedOffered } from './simulated-payments.service';

/**
 * The ledger row of a paid order. Every way of paying an order uses the same idempotency key, so
 * the simulated page, staff and a provider can never both count for it. A free order (every price
 * 0) has nothing to record: payments.amount_clp must be positive.
 */
export async function insertSalePayment(
  trx: Tx,
  input: {
    saleId: number;
    amountClp: number;
    method: PaymentMethod;
    reference: string;
    recordedByUserId: number | null;
    attemptId?: number;
  },
  ctx: Pick<ServiceContext, 'now'>,
): Promise<void> {
  if (input.amountClp <= 0) return;
  await insertPayment(
    trx,
    {
      saleId: input.saleId,
      amountClp: input.amountClp,
      method: input.method,
      reference: input.reference,
      idempotencyKey: `sale-${input.saleId}-pay`,
      recordedByUserId: input.recordedByUserId,
      attemptId: input.attemptId ?? null,
    },
    ctx,
  );
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
  const outcome = await markSalePaidAndNotify(trx, sale, ctx, { allowOverdue: false });
  if (outcome === 'paid')
    await insertSalePayment(
      trx,
      {
        saleId,
        amountClp: sale.totalClp,
        method: 'simulado',
        reference: `SIM-VENTA-${saleId}`,
        recordedByUserId: ctx.actor?.userId ?? null,
      },
      ctx,
    );
  return outcome;
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
  const outcome = await markSalePaidAndNotify(trx, sale, ctx, { allowOverdue: true });
  if (outcome === 'already_paid') return outcome;
  const reference = input.reference || newPaymentReference('VTA');
  await insertSalePayment(
    trx,
    {
      saleId: sale.id,
      amountClp: sale.totalClp,
      method: input.method,
      reference,
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
  return 'paid';
}
