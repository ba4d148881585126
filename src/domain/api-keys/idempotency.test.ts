import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db';
import { createUser } from '../../../test/support/factories';
import { inTransaction } from '../../db/transaction';
import { createApiKey } from './api-keys.service';
import { claimIdempotencyKey, purgeExpiredIdempotencyKeys, storeIdempotentAnswer } from './idempotency';

let database: TestDb;
let apiKeyId: number;
const now = new Date('2026-03-02T15:00:00.000Z');

beforeAll(async () => {
  database = await createTestDb();
  const admin = await createUser(database.db, { role: 'admin' });
  const created = await inTransaction(database, (trx) =>
    createApiKey(
      trx,
      { name: 'Prueba', scopes: ['write'], expiresAt: new Date('2027-01-01T00:00:00.000Z') },
      { now, actor: { userId: admin.id, role: 'admin' }, publicUrl: '' },
    ),
  );
  apiKeyId = created.id;
});
afterAll(async () => database.drop());

describe('claimIdempotencyKey', () => {
  it('lets exactly one of several requests at once reserve a key; the others are told it is in flight', async () => {
    const claims = await Promise.all(
      Array.from({ length: 6 }, () =>
        claimIdempotencyKey(database.db, { apiKeyId, key: 'a la vez', fingerprint: 'f' }, now),
      ),
    );
    expect(claims.filter((c) => c.kind === 'reserved')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in_flight')).toHaveLength(5);
  });

  it('replays the stored answer, refuses another fingerprint, and takes over a key past its 24 hours', async () => {
    const first = await claimIdempotencyKey(database.db, { apiKeyId, key: 'k1', fingerprint: 'f1' }, now);
    if (first.kind !== 'reserved') throw new Error('expected a reservation');
    await storeIdempotentAnswer(database.db, first.id, 201, '{"id":7}');
    expect(await claimIdempotencyKey(database.db, { apiKeyId, key: 'k1', fingerprint: 'f1' }, now)).toEqual({
      kind: 'replay',
      status: 201,
      body: '{"id":7}',
    });
    expect(
      (await claimIdempotencyKey(database.db, { apiKeyId, key: 'k1', fingerprint: 'f2' }, now)).kind,
    ).toBe('mismatch');
    const later = new Date(now.getTime() + 24 * 3600_000);
    expect(
      (await claimIdempotencyKey(database.db, { apiKeyId, key: 'k1', fingerprint: 'f2' }, later)).kind,
    ).toBe('reserved');
  });

  it('purges only the keys older than 24 hours', async () => {
    await claimIdempotencyKey(database.db, { apiKeyId, key: 'viejo', fingerprint: 'f' }, now);
    const later = new Date(now.getTime() + 3600_000);
    await claimIdempotencyKey(database.db, { apiKeyId, key: 'nuevo', fingerprint: 'f' }, later);
    await purgeExpiredIdempotencyKeys(database.db, new Date(now.getTime() + 24 * 3600_000 + 60_000));
    const left = await database.db
      .selectFrom('apiIdempotencyKeys')
      .select('idempotencyKey')
      .where('idempotencyKey', 'in', ['viejo', 'nuevo'])
      .execute();
    expect(left.map((r) => r.idempotencyKey)).toEqual(['nuevo']);
  });
});
