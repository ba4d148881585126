import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db';
import {
  createCompany,
  createCustomer,
  createInterest,
  createProduct,
  createWorkshop,
} from '../../../test/support/factories';
import { inTransaction } from '../../db/transaction';
import { consistencyChecks, runConsistencyChecks } from '../consistency/check.service';
import { rebuildPaymentDays } from './payment-days';
import { paymentDaysCheck } from './payments.consistency';
import { insertPayment } from './payments.service';

let database: TestDb;
beforeAll(async () => {
  database = await createTestDb();
});
afterAll(async () => {
  await database.drop();
});

const summary = async () =>
  (
    await database.db
      .selectFrom('paymentDays')
      .selectAll()
      .orderBy(['day', 'source', 'categoryId', 'modality', 'customerType', 'companyId'])
      .execute()
  ).map((r) => ({ ...r, amountClp: Number(r.amountClp), grossClp: Number(r.grossClp) }));

describe('the daily money summary behind the reports', () => {
  it('books each payment on its Santiago day, by purchase, as the ledger says', async () => {
    const { db } = database;
    const resina = await createInterest(db, 'Resina diaria');
    const bordado = await createInterest(db, 'Bordado diario');
    const company = await createCompany(db, { legalName: 'Andes Diario SpA' });
    const person = await createCustomer(db);
    const employee = await createCustomer(db, { customerType: 'B2B', companyId: company.id });
    const workshop = await createWorkshop(db, { categoryId: resina.id, priceClp: 40000 });
    const enrollment = await db
      .insertInto('enrollments')
      .values({
        customerId: employee.id,
        workshopId: workshop.id,
        status: 'PAGADO',
        amountDueClp: 40000,
        amountPaidClp: 30000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const kitA = await createProduct(db, { categoryId: resina.id, priceClp: 10000 });
    const kitB = await createProduct(db, { categoryId: bordado.id, priceClp: 5000 });
    const sale = await db
      .insertInto('sales')
      .values({ customerId: person.id, status: 'PAGADO', totalClp: 25000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('saleLines')
      .values([
        { saleId: sale.id, productId: kitA.id, quantity: 2, unitPriceClp: 10000 },
        { saleId: sale.id, productId: kitB.id, quantity: 1, unitPriceClp: 5000 },
      ])
      .execute();

    // 23:30 in Santiago on 31 March is 02:30 UTC on 1 April: it belongs to 31 March.
    const at = (iso: string) => ({ now: new Date(iso) });
    await inTransaction(database, async (trx) => {
      await insertPayment(
        trx,
        { enrollmentId: enrollment.id, amountClp: 20000, method: 'efectivo', reference: 'D-1' },
        at('2026-04-01T02:30:00.000Z'),
      );
      await insertPayment(
        trx,
        { enrollmentId: enrollment.id, amountClp: 20000, method: 'efectivo', reference: 'D-2' },
        at('2026-04-02T15:00:00.000Z'),
      );
      await insertPayment(
        trx,
        {
          enrollmentId: enrollment.id,
          amountClp: 10000,
          method: 'efectivo',
          reference: 'D-3',
          kind: 'REFUND',
        },
        at('2026-04-02T16:00:00.000Z'),
      );
      // 10,001 split 20,000 : 5,000 in whole pesos: 8,001 and 2,000, nothing lost.
      await insertPayment(
        trx,
        { saleId: sale.id, amountClp: 10001, method: 'tarjeta', reference: 'D-4' },
        at('2026-04-02T17:00:00.000Z'),
      );
    });

    const booked = await summary();
    expect(booked).toEqual([
      {
        day: '2026-03-31',
        source: 'talleres',
        categoryId: resina.id,
        modality: 'PRESENCIAL',
        customerType: 'B2B',
        companyId: company.id,
        amountClp: 20000,
        grossClp: 20000,
        purchases: 1,
      },
      {
        day: '2026-04-02',
        source: 'kits',
        categoryId: resina.id,
        modality: '',
        customerType: 'B2C',
        companyId: 0,
        amountClp: 8001,
        grossClp: 8001,
        purchases: 1,
      },
      {
        day: '2026-04-02',
        source: 'kits',
        categoryId: bordado.id,
        modality: '',
        customerType: 'B2C',
        companyId: 0,
        amountClp: 2000,
        grossClp: 2000,
        purchases: 0,
      },
      {
        day: '2026-04-02',
        source: 'talleres',
        categoryId: resina.id,
        modality: 'PRESENCIAL',
        customerType: 'B2B',
        companyId: company.id,
        amountClp: 10000,
        grossClp: 20000,
        purchases: 0,
      },
    ]);
    expect(await paymentDaysCheck.run(db, new Date())).toEqual([]);

    // Rebuilding from the ledger gives the same rows the payments booked one by one.
    await inTransaction(database, (trx) => rebuildPaymentDays(trx));
    expect(await summary()).toEqual(booked);
  });

  it('is checked by tmm check against the ledger', async () => {
    const { db } = database;
    await db.updateTable('paymentDays').set({ amountClp: 1 }).where('source', '=', 'kits').execute();
    expect(consistencyChecks).toContain(paymentDaysCheck);
    const report = await runConsistencyChecks(db, new Date(), [paymentDaysCheck]);
    expect(report.problems.join('\n')).toContain('Resumen diario de pagos');
    await inTransaction(database, (trx) => rebuildPaymentDays(trx));
    expect((await runConsistencyChecks(db, new Date(), [paymentDaysCheck])).problems).toEqual([]);
  });
});
