import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/support/db';
import { runConsistencyChecks } from '../domain/consistency/check.service';
import { seedDemo } from './demo';
import { seedScale } from './scale';

describe('tmm seed --scale', () => {
  let database: TestDb;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-scale-'));
  const now = new Date('2026-03-02T15:00:00.000Z');
  beforeAll(async () => {
    database = await createTestDb();
    await seedDemo(database.db, { now, dataDir });
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds N thousand customers, 4N thousand enrollments and N thousand kit orders that pass every consistency check', async () => {
    const summary = await seedScale(database.db, { scale: 1, now });
    expect(summary).toMatchObject({ customers: 1000, enrollments: 4000, sales: 1000 });
    const count = async (table: 'customers' | 'enrollments' | 'sales') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('customers')).toBe(1043);
    expect(await count('enrollments')).toBeGreaterThanOrEqual(4000);
    // The demo's 38 orders (one of them a class pack) and the scale's 1000.
    expect(await count('sales')).toBe(1040);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);

    // Spread over more than twelve months, nothing in the future.
    const range = await database.db
      .selectFrom('payments')
      .select((eb) => [eb.fn.min('paidAt').as('first'), eb.fn.max('paidAt').as('last')])
      .executeTakeFirstOrThrow();
    expect(Date.parse(String(range.first))).toBeLessThan(now.getTime() - 365 * 24 * 3600_000);
    expect(Date.parse(String(range.last))).toBeLessThanOrEqual(now.getTime());
  });

  it('refuses to run twice on the same database', async () => {
    await expect(seedScale(database.db, { scale: 1, now })).rejects.toThrow('ya tiene datos a escala');
  });
});
