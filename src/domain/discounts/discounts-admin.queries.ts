import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { DiscountScope } from '../../db/schema';
import { listCodeItemIds } from './discounts.queries';
import type { DiscountCodeInput } from './discounts.rules';

/** A code as its edit form shows it. */
export async function findCodeRecord(
  db: Db | Tx,
  id: number,
): Promise<(DiscountCodeInput & { id: number; usesCount: number }) | undefined> {
  const row = await db
    .selectFrom('discountCodes')
    .select([
      'id',
      'code',
      'description',
      'kind',
      'value',
      'validFrom',
      'validUntil',
      'maxUses',
      'maxUsesPerCustomer',
      'minAmountClp',
      'scope',
      'isActive',
      'usesCount',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, isActive: Boolean(row.isActive), itemIds: await listCodeItemIds(db, id) };
}

export const DISCOUNT_CODE_SORTS = ['codigo', 'usos', 'vence', 'creado'] as const;
export type DiscountCodeSort = (typeof DISCOUNT_CODE_SORTS)[number];

/** How a code stands today: usable, not yet, past its dates, out of uses, or turned off. */
export const CODE_STATES = ['vigente', 'programado', 'vencido', 'agotado', 'inactivo'] as const;
export type CodeState = (typeof CODE_STATES)[number];

export type DiscountCodeFilters = { q: string; state: CodeState | null; scope: DiscountScope | null };

/** The state in SQL, as of the Santiago day `today` ("YYYY-MM-DD"), in the order the states are checked. */
const stateSql = (today: string) => sql<CodeState>`case
  when not dc.is_active then 'inactivo'
  when dc.valid_until is not null and dc.valid_until < ${today} then 'vencido'
  when dc.max_uses is not null and dc.uses_count >= dc.max_uses then 'agotado'
  when dc.valid_from is not null and dc.valid_from > ${today} then 'programado'
  else 'vigente' end`;

const discountGiven = sql<number>`coalesce((select sum(r.discount_clp) from discount_redemptions r where r.code_id = dc.id and r.status = 'active'), 0)`;

function filtered(db: Db, f: DiscountCodeFilters, today: string) {
  let query = db.selectFrom('discountCodes as dc');
  const q = f.q.trim().toUpperCase();
  if (q)
    query = query.where((eb) =>
      eb.or([eb('dc.code', 'like', `%${q}%`), eb(sql`upper(dc.description)`, 'like', `%${q}%`)]),
    );
  if (f.state) query = query.where(stateSql(today), '=', f.state);
  if (f.scope) query = query.where('dc.scope', '=', f.scope);
  return query;
}

export async function countDiscountCodes(db: Db, f: DiscountCodeFilters, today: string): Promise<number> {
  const row = await filtered(db, f, today).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const SORT_SQL = {
  codigo: sql`dc.code`,
  usos: sql`dc.uses_count`,
  vence: sql`coalesce(dc.valid_until, '9999-12-31')`,
  creado: sql`dc.created_at`,
} as const;

export async function listDiscountCodes(
  db: Db,
  f: DiscountCodeFilters,
  today: string,
  order: { sort: DiscountCodeSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filtered(db, f, today)
    .select([
      'dc.id',
      'dc.code',
      'dc.description',
      'dc.kind',
      'dc.value',
      'dc.validFrom',
      'dc.validUntil',
      'dc.maxUses',
      'dc.usesCount',
      'dc.maxUsesPerCustomer',
      'dc.minAmountClp',
      'dc.scope',
      stateSql(today).as('state'),
      discountGiven.as('discountGivenClp'),
    ])
    .orderBy(SORT_SQL[order.sort], order.dir)
    .orderBy('dc.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type DiscountCodeListRow = Awaited<ReturnType<typeof listDiscountCodes>>[number];

/** What the filtered codes gave: live uses and the CLP taken off by them. */
export async function discountCodeTotals(db: Db, f: DiscountCodeFilters, today: string) {
  const row = await filtered(db, f, today)
    .select([
      sql<number>`coalesce(sum(dc.uses_count), 0)`.as('uses'),
      sql<number>`coalesce(sum(${discountGiven}), 0)`.as('given'),
    ])
    .executeTakeFirstOrThrow();
  return { uses: Number(row.uses), discountGivenClp: Number(row.given) };
}
