import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { SaleStatus } from '../../db/schema';
import { searchedNumber, wordsMatch } from '../../db/search';

export const SALE_SORTS = ['numero', 'cliente', 'fecha', 'total', 'estado'] as const;
export type SaleSort = (typeof SALE_SORTS)[number];

/**
 * The back office's views of orders on their way (filter values in the URL): what still has to be
 * handed over, each step, and "por despachar" (paid deliveries not yet sent). Only paid orders are
 * on their way: an unpaid one is not prepared yet.
 */
export const FULFILMENT_FILTERS = [
  'sin_entregar',
  'por_preparar',
  'preparado',
  'por_despachar',
  'listo_para_retiro',
  'despachado',
  'entregado',
] as const;
export type FulfilmentFilter = (typeof FULFILMENT_FILTERS)[number];

export type SaleFilters = {
  q: string;
  status: SaleStatus | null;
  fulfilment: FulfilmentFilter | null;
  from: string | null;
  to: string | null;
  ids: number[];
};

const STEP_OF = {
  por_preparar: 'POR_PREPARAR',
  preparado: 'PREPARADO',
  listo_para_retiro: 'LISTO_PARA_RETIRO',
  despachado: 'DESPACHADO',
  entregado: 'ENTREGADO',
} as const;

function filteredSales(db: Db | Tx, f: SaleFilters) {
  let query = db.selectFrom('sales as s').innerJoin('customers as c', 'c.id', 's.customerId');
  const number = searchedNumber(f.q);
  if (number !== null) query = query.where('s.id', '=', number);
  else for (const cond of wordsMatch(f.q, { searchText: ['c.searchText'] })) query = query.where(cond);
  if (f.status) query = query.where('s.status', '=', f.status);
  if (f.fulfilment) {
    query = query.where('s.status', '=', 'PAGADO');
    switch (f.fulfilment) {
      case 'sin_entregar':
        query = query.where('s.fulfilmentStatus', '!=', 'ENTREGADO');
        break;
      case 'por_despachar':
        query = query
          .where('s.fulfilmentMethod', '=', 'delivery')
          .where('s.fulfilmentStatus', 'in', ['POR_PREPARAR', 'PREPARADO']);
        break;
      default:
        query = query.where('s.fulfilmentStatus', '=', STEP_OF[f.fulfilment]);
    }
  }
  if (f.from) query = query.where('s.createdAt', '>=', f.from);
  if (f.to) query = query.where('s.createdAt', '<', f.to);
  if (f.ids.length > 0) query = query.where('s.id', 'in', f.ids);
  return query;
}

export async function saleTotals(db: Db, f: SaleFilters) {
  const row = await filteredSales(db, f)
    .select([
      sql<number>`count(*)`.as('count'),
      sql<number>`coalesce(sum(case when s.status = 'PAGADO' then s.total_clp else 0 end), 0)`.as('paid'),
      sql<number>`coalesce(sum(case when s.status = 'PENDIENTE' then s.total_clp else 0 end), 0)`.as(
        'pending',
      ),
    ])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), paid: Number(row.paid), pending: Number(row.pending) };
}

const SORT_SQL = {
  numero: sql`s.id`,
  cliente: sql`lower(c.full_name)`,
  fecha: sql`s.created_at`,
  total: sql`s.total_clp`,
  estado: sql`s.status`,
} as const;

export async function listSales(
  db: Db,
  f: SaleFilters,
  order: { sort: SaleSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filteredSales(db, f)
    .select([
      's.id',
      's.status',
      's.totalClp',
      's.createdAt',
      's.paidAt',
      's.expiresAt',
      's.customerId',
      's.fulfilmentMethod',
      's.fulfilmentStatus',
      's.shippingClp',
      's.deliveryComuna',
      's.deliveryRegion',
      'c.fullName as customerName',
      'c.email as customerEmail',
      sql<number>`(select count(*) from sale_lines sl where sl.sale_id = s.id)`.as('lineCount'),
      sql<number>`(select coalesce(sum(sl.quantity), 0) from sale_lines sl where sl.sale_id = s.id)`.as(
        'units',
      ),
    ])
    .orderBy(SORT_SQL[order.sort], order.dir)
    .orderBy('s.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type SaleListRow = Awaited<ReturnType<typeof listSales>>[number];

/** Every ledger row of one sale (payments and refunds), oldest first, with who recorded it. */
export async function listSalePayments(db: Db, saleId: number) {
  return db
    .selectFrom('payments as p')
    .leftJoin('users as u', 'u.id', 'p.recordedByUserId')
    .select(['p.id', 'p.kind', 'p.amountClp', 'p.method', 'p.reference', 'p.paidAt', 'u.name as recordedBy'])
    .where('p.saleId', '=', saleId)
    .orderBy('p.paidAt')
    .orderBy('p.id')
    .execute();
}
