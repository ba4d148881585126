import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/support/db';
import { createCustomer, createWorkshop } from '../../test/support/factories';
import type { EnrollmentStatus } from '../db/schema';
import { owedClp, owedSql, owesSql } from './balance';
import { amountsOwedBy } from './customers';

let database: TestDb;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  await database.drop();
});

const CASES: { status: EnrollmentStatus; amountDueClp: number; amountPaidClp: number; owed: number }[] = [
  { status: 'PENDIENTE', amountDueClp: 45000, amountPaidClp: 0, owed: 45000 },
  { status: 'ABONADO', amountDueClp: 45000, amountPaidClp: 20000, owed: 25000 },
  { status: 'PAGADO', amountDueClp: 45000, amountPaidClp: 45000, owed: 0 },
  { status: 'PAGADO', amountDueClp: 0, amountPaidClp: 0, owed: 0 },
  // A cancelled enrollment owes nothing, whatever was left unpaid.
  { status: 'ANULADO', amountDueClp: 45000, amountPaidClp: 10000, owed: 0 },
];

describe('what an enrollment owes', () => {
  it('reads the same in code and in SQL: nothing once cancelled, never below zero', async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    const ids: number[] = [];
    for (const c of CASES) {
      const workshop = await createWorkshop(db);
      const row = await db
        .insertInto('enrollments')
        .values({
          customerId: customer.id,
          workshopId: workshop.id,
          status: c.status,
          amountDueClp: c.amountDueClp,
          amountPaidClp: c.amountPaidClp,
          cancelledAt: c.status === 'ANULADO' ? new Date().toISOString() : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const rows = await db
      .selectFrom('enrollments as e')
      .select(['e.id', owedSql('e').as('owed'), owesSql('e').as('owes')])
      .where('e.id', 'in', ids)
      .orderBy('e.id')
      .execute();
    expect(rows.map((r) => Number(r.owed))).toEqual(CASES.map((c) => c.owed));
    expect(rows.map((r) => Boolean(r.owes))).toEqual(CASES.map((c) => c.owed > 0));
    expect(CASES.map(owedClp)).toEqual(CASES.map((c) => c.owed));
  });

  it("sums a customer's debt with the same rule (a cancelled enrollment's unpaid part is not owed)", async () => {
    const { db } = database;
    const customer = await createCustomer(db);
    for (const { status, amountDueClp, amountPaidClp } of CASES) {
      const workshop = await createWorkshop(db);
      await db
        .insertInto('enrollments')
        .values({ customerId: customer.id, workshopId: workshop.id, status, amountDueClp, amountPaidClp })
        .execute();
    }
    const owed = await amountsOwedBy(db, [customer.id]);
    expect(owed.get(customer.id)).toBe(45000 + 25000);
  });
});
