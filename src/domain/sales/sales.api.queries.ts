import type { Db } from '../../db/database';
import type { SaleStatus } from '../../db/schema';
import type { KeysetPage } from '../../lib/keyset';

function baseQuery(db: Db) {
  return db
    .selectFrom('sales')
    .select([
      'id',
      'customerId',
      'status',
      'totalClp',
      'shippingClp',
      'giftCardClp',
      'fulfilmentMethod',
      'fulfilmentStatus',
      'createdAt',
      'paidAt',
      'cancelledAt',
    ]);
}

export type ApiSale = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
export type ApiSaleLine = { productId: number; productName: string; quantity: number; unitPriceClp: number };

/** Orders in id order for keyset pagination; reads limit + 1 rows. */
export async function listApiSales(
  db: Db,
  /**
   * updatedSince: orders that changed since then. They keep no last-changed column, so a change is
   * one of the events they record: placed, paid, cancelled, a fulfilment step, or a payment or
   * refund recorded against them.
   */
  filter: { customerId: number | null; status: SaleStatus | null; updatedSince: string | null },
  page: KeysetPage,
): Promise<ApiSale[]> {
  let query = baseQuery(db);
  if (filter.customerId !== null) query = query.where('customerId', '=', filter.customerId);
  if (filter.status !== null) query = query.where('status', '=', filter.status);
  const since = filter.updatedSince;
  if (since !== null)
    query = query.where((eb) =>
      eb.or([
        ...(
          ['createdAt', 'paidAt', 'cancelledAt', 'preparedAt', 'readyAt', 'shippedAt', 'deliveredAt'] as const
        ).map((column) => eb(`sales.${column}`, '>=', since)),
        eb.exists(
          eb
            .selectFrom('payments')
            .select('payments.id')
            .whereRef('payments.saleId', '=', 'sales.id')
            .where('payments.createdAt', '>=', since),
        ),
      ]),
    );
  if (page.afterId !== null) query = query.where('id', '>', page.afterId);
  return query
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
}

/** One order with its lines. */
export async function findApiSale(
  db: Db,
  id: number,
): Promise<(ApiSale & { lines: ApiSaleLine[] }) | undefined> {
  const sale = await baseQuery(db).where('id', '=', id).executeTakeFirst();
  if (!sale) return undefined;
  const lines = await db
    .selectFrom('saleLines')
    .innerJoin('products', 'products.id', 'saleLines.productId')
    .select([
      'saleLines.productId',
      'products.name as productName',
      'saleLines.quantity',
      'saleLines.unitPriceClp',
    ])
    .where('saleLines.saleId', '=', id)
    .orderBy('saleLines.id')
    .execute();
  return { ...sale, lines };
}
