import type { Tx } from '../../db/database';
import { NotFoundError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { SaleNotPayableError } from './checkout.errors';
import { findSale } from './checkout.queries';
import { cancelSale } from './checkout.service';

const NOT_FOUND = 'Este pedido no existe.';

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
