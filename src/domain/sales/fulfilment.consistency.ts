import type { Db } from '../../db/database';
import type { ConsistencyCheck } from '../context';
import { FULFILMENT_STATUS_LABELS } from '../vocabulary';
import { FULFILMENT_STEPS } from './fulfilment.rules';

/**
 * What must hold for how orders are handed over (the rules between columns that SQLite cannot
 * add as CHECKs to an existing table): a delivery has its whole address, a pickup has neither an
 * address nor a shipping cost; each order's step is one of its method's steps; an unpaid or
 * cancelled order has not moved past "por preparar"; a step reached has its time (orders from
 * before the 1300 migration excepted: they were handed over with nothing recorded).
 */
export async function checkFulfilmentConsistency(db: Db): Promise<string[]> {
  const problems: string[] = [];
  const sales = await db
    .selectFrom('sales')
    .select([
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
      'createdAt',
      'preparedAt',
      'readyAt',
      'shippedAt',
      'deliveredAt',
    ])
    .execute();
  for (const s of sales) {
    const status = FULFILMENT_STATUS_LABELS[s.fulfilmentStatus];
    if (s.fulfilmentMethod === 'delivery') {
      const address = [
        s.deliveryRecipient,
        s.deliveryPhone,
        s.deliveryStreet,
        s.deliveryComuna,
        s.deliveryRegion,
      ];
      if (address.some((part) => !part))
        problems.push(`Venta #${s.id} es con despacho pero le falta la dirección.`);
    } else {
      if (s.shippingClp !== 0)
        problems.push(`Venta #${s.id} es con retiro pero cobra despacho (${s.shippingClp}).`);
      if (s.deliveryStreet) problems.push(`Venta #${s.id} es con retiro pero tiene dirección de despacho.`);
    }
    if (!FULFILMENT_STEPS[s.fulfilmentMethod].includes(s.fulfilmentStatus))
      problems.push(`Venta #${s.id} está «${status}», un paso que no corresponde a su forma de entrega.`);
    if (s.status !== 'PAGADO' && s.fulfilmentStatus !== 'POR_PREPARAR')
      problems.push(`Venta #${s.id} está «${status}» sin estar pagada.`);
    const reachedAt = {
      POR_PREPARAR: s.createdAt,
      PREPARADO: s.preparedAt,
      LISTO_PARA_RETIRO: s.readyAt,
      DESPACHADO: s.shippedAt,
      ENTREGADO: s.deliveredAt,
    }[s.fulfilmentStatus];
    // Orders handed over before the steps were recorded (the 1300 migration) have no times at all.
    const unrecorded = s.fulfilmentStatus === 'ENTREGADO' && s.preparedAt === null && s.deliveredAt === null;
    if (reachedAt === null && !unrecorded)
      problems.push(`Venta #${s.id} está «${status}» sin la hora en que llegó a ese paso.`);
  }
  return problems;
}

export const fulfilmentCheck: ConsistencyCheck = {
  name: 'entrega de los pedidos',
  run: checkFulfilmentConsistency,
};
