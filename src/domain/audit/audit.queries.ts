import { type Insertable, type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { AuditLogTable } from '../../db/schema';
import { santiagoToUtc } from '../../lib/dates';

export async function insertAuditEntry(trx: Tx, entry: Insertable<AuditLogTable>): Promise<number> {
  const row = await trx.insertInto('auditLog').values(entry).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export type AuditFilters = {
  q: string;
  entityType: string | null;
  actorUserId: number | null;
  /** Santiago calendar days, inclusive. */
  from: string | null;
  to: string | null;
};

export const AUDIT_SORTS = ['fecha', 'entidad', 'accion'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

const nextDay = (ymd: string) => {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

function filtered(db: Db | Tx, f: AuditFilters) {
  let query = db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorUserId')
    .leftJoin('apiKeys as k', 'k.id', 'a.apiKeyId');
  if (f.entityType) query = query.where('a.entityType', '=', f.entityType);
  if (f.actorUserId) query = query.where('a.actorUserId', '=', f.actorUserId);
  if (f.from) query = query.where('a.createdAt', '>=', santiagoToUtc(f.from).toISOString());
  if (f.to) query = query.where('a.createdAt', '<', santiagoToUtc(nextDay(f.to)).toISOString());
  if (f.q) {
    // Free text over the recorded values (names, e-mails) and the record number.
    const needle = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const id = /^\d{1,9}$/.test(f.q) ? Number(f.q) : null;
    query = query.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(coalesce(a.before_json, '')) like ${needle} escape '\\'`,
        sql<SqlBool>`lower(coalesce(a.after_json, '')) like ${needle} escape '\\'`,
        ...(id ? [eb('a.entityId', '=', id)] : []),
      ]),
    );
  }
  return query;
}

export async function countAuditEntries(db: Db, f: AuditFilters): Promise<number> {
  const row = await filtered(db, f).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

const SORT_COLUMNS = { fecha: 'a.createdAt', entidad: 'a.entityType', accion: 'a.action' } as const;

export async function listAuditEntries(
  db: Db,
  f: AuditFilters,
  order: { sort: AuditSort; dir: 'asc' | 'desc' },
  window: { offset: number; limit: number },
) {
  return filtered(db, f)
    .select([
      'a.id',
      'a.entityType',
      'a.entityId',
      'a.action',
      'a.beforeJson',
      'a.afterJson',
      'a.createdAt',
      'u.name as actorName',
      'u.email as actorEmail',
      'k.prefix as apiKeyPrefix',
    ])
    .orderBy(SORT_COLUMNS[order.sort], order.dir)
    .orderBy('a.id', order.dir)
    .offset(window.offset)
    .limit(window.limit)
    .execute();
}

export type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>[number];

/** The history of one record, newest first. */
export async function listAuditForEntity(db: Db, entityType: string, entityId: number, limit = 50) {
  return db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorUserId')
    .leftJoin('apiKeys as k', 'k.id', 'a.apiKeyId')
    .select([
      'a.id',
      'a.entityType',
      'a.entityId',
      'a.action',
      'a.beforeJson',
      'a.afterJson',
      'a.createdAt',
      'u.name as actorName',
      'u.email as actorEmail',
      'k.prefix as apiKeyPrefix',
    ])
    .where('a.entityType', '=', entityType)
    .where('a.entityId', '=', entityId)
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/** Options for the filters: the record types and the people that appear in the log. */
export async function auditFilterOptions(db: Db) {
  const [types, actors] = await Promise.all([
    db.selectFrom('auditLog').select('entityType').distinct().orderBy('entityType').execute(),
    db
      .selectFrom('users as u')
      .select(['u.id', 'u.name', 'u.email'])
      .where((eb) =>
        eb.exists(eb.selectFrom('auditLog as a').select('a.id').whereRef('a.actorUserId', '=', 'u.id')),
      )
      .orderBy('u.name')
      .execute(),
  ]);
  return { entityTypes: types.map((t) => t.entityType), actors };
}
