import type { Tx } from '../../db/database';
import type { AuditAction } from '../../db/schema';
import type { Actor, ServiceContext } from '../context';
import { insertAuditEntry } from './audit.queries';

/** What a record looked like: plain JSON values (ids, strings, numbers, booleans, lists). */
export type AuditSnapshot = Record<string, unknown>;

export type AuditInput = {
  /** Who did it; defaults to ctx.actor (null = the system: jobs, imports from the CLI). */
  actor?: Actor | null;
  /** English, singular: customer, company, interest, payment, user, workshop, enrollment, product, sale. */
  entityType: string;
  entityId: number;
  action: AuditAction;
  before?: AuditSnapshot | null;
  after?: AuditSnapshot | null;
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that changed, as {before, after} holding only those keys. */
export function changedFields(before: AuditSnapshot, after: AuditSnapshot) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !same(before[k], after[k]),
  );
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
    after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])),
    count: keys.length,
  };
}

/**
 * Writes one audit-log entry in the caller's transaction, so the entry exists exactly when the
 * change does. An update keeps only the fields that changed, and an update that changed nothing
 * writes nothing (returns null). Returns the entry id.
 */
export async function recordAudit(
  trx: Tx,
  input: AuditInput,
  ctx: Pick<ServiceContext, 'now' | 'actor'>,
): Promise<number | null> {
  let before = input.before ?? null;
  let after = input.after ?? null;
  if (input.action === 'update' && before && after) {
    const diff = changedFields(before, after);
    if (diff.count === 0) return null;
    before = diff.before;
    after = diff.after;
  }
  const actor = input.actor === undefined ? ctx.actor : input.actor;
  return insertAuditEntry(trx, {
    actorUserId: actor?.userId ?? null,
    entityType: input.entityType,
    entityId: input.entityId,
    action: input.action,
    beforeJson: before ? JSON.stringify(before) : null,
    afterJson: after ? JSON.stringify(after) : null,
    createdAt: ctx.now.toISOString(),
    apiKeyId: actor?.apiKeyId ?? null,
  });
}
