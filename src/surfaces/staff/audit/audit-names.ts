import type { Db } from '../../../db/database';
import { listAuditForEntity } from '../../../domain/audit';
import { customerNamesByIds, listInterestOptions } from '../../../domain/customers';
import { type AuditEntry, type AuditNames, mentionedIds } from './audit-fields';

/** The names of the categories and customers some entries mention by id (two reads at most). */
export async function auditNames(db: Db, entries: AuditEntry[]): Promise<AuditNames> {
  const ids = mentionedIds(entries);
  const [categories, customers] = await Promise.all([
    ids.categories.length > 0
      ? listInterestOptions(db).then((rows) => new Map(rows.map((r) => [r.id, r.name])))
      : new Map<number, string>(),
    customerNamesByIds(db, ids.customers),
  ]);
  return { categories, customers };
}

/** One record's history as its page shows it (AuditTrail): the latest entries and the names they mention. */
export async function loadAuditTrail(db: Db, entityType: string, entityId: number, limit: number) {
  const rows = await listAuditForEntity(db, entityType, entityId, limit);
  return { rows, names: await auditNames(db, rows) };
}

export type AuditTrailData = Awaited<ReturnType<typeof loadAuditTrail>>;
