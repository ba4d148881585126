import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';

export const FACILITATOR_SORTS = ['nombre', 'sesiones'] as const;
export type FacilitatorSort = (typeof FACILITATOR_SORTS)[number];
export type FacilitatorFilters = { q: string };

function filtered(db: Db, f: FacilitatorFilters) {
  let query = db.selectFrom('facilitators as f');
  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  // The RUT is searched without dots or dash, however it was typed.
  for (const word of words) {
    const bare = word.replace(/[.-]/g, '');
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(f.name)`, 'like', `%${word}%`),
        eb(sql`lower(replace(f.rut, '-', ''))`, 'like', `%${bare}%`),
      ]),
    );
  }
  return query;
}

export async function countFacilitators(db: Db, f: FacilitatorFilters): Promise<number> {
  const row = await filtered(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The staff list: each facilitator with their workshops and whether they have an account. */
export async function listFacilitators(
  db: Db,
  f: FacilitatorFilters,
  order: { sort: FacilitatorSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  const sortExpr = { nombre: sql`lower(f.name)`, sesiones: sql`sessions` }[order.sort];
  const rows = await filtered(db, f)
    .select(['f.id', 'f.name', 'f.rut', 'f.email', 'f.phone'])
    .select((eb) => [
      eb
        .selectFrom('workshops as w')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('w.facilitatorId', '=', 'f.id')
        .as('sessions'),
      eb.selectFrom('users as u').select('u.email').whereRef('u.facilitatorId', '=', 'f.id').as('loginEmail'),
    ])
    .orderBy(sortExpr, order.dir)
    .orderBy('f.id')
    .offset(window.offset)
    .limit(window.limit)
    .execute();
  return rows.map((r) => ({ ...r, sessions: Number(r.sessions ?? 0) }));
}
export type FacilitatorRow = Awaited<ReturnType<typeof listFacilitators>>[number];

export async function findFacilitator(db: Db | Tx, id: number) {
  return db
    .selectFrom('facilitators as f')
    .select(['f.id', 'f.name', 'f.rut', 'f.email', 'f.phone', 'f.bio', 'f.imagePath'])
    .select((eb) => [
      eb.selectFrom('users as u').select('u.email').whereRef('u.facilitatorId', '=', 'f.id').as('loginEmail'),
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
}
export type Facilitator = NonNullable<Awaited<ReturnType<typeof findFacilitator>>>;

/** The choices of the workshop form's "Facilitador" select. */
export async function listFacilitatorOptions(db: Db) {
  return db.selectFrom('facilitators').select(['id', 'name']).orderBy(sql`lower(name)`).execute();
}
