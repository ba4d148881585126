import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/support/app';
import { createTestDb, type TestDb } from '../../../test/support/db';
import { memoryLog } from '../../../test/support/email/fixtures';
import {
  createCompany,
  createCustomer,
  createCustomerPack,
  createInterest,
  createPackProduct,
  createUser,
  createWorkshop,
} from '../../../test/support/factories';
import { inTransaction } from '../../db/transaction';
import { addHours } from '../../lib/dates';
import { runConsistencyChecks } from '../consistency';
import type { ServiceContext } from '../context';
import { cancelEnrollment, cancelWholeWorkshop, enrollCustomer, WorkshopFullError } from '../enrollments';
import { packLedgerCheck, packRedemptionsCheck } from './packs.consistency';
import { NoCompanySeatError, NoPackCreditError, PackAdjustmentError } from './packs.errors';
import { packsJob } from './packs.jobs';
import { adjustPackCredits, assignCompanyBundle, forfeitPacksOfSale } from './packs.service';

const NOW = new Date('2026-05-01T15:00:00.000Z');
const IN_20_DAYS = addHours(NOW, 20 * 24).toISOString();

describe('class packs and company seat bundles', () => {
  let database: TestDb;
  let ctx: ServiceContext;
  let staffCtx: ServiceContext;
  beforeAll(async () => {
    database = await createTestDb();
    const staff = await createUser(database.db, { role: 'staff' });
    ctx = { now: NOW, actor: null, publicUrl: 'https://tmm.example.cl' };
    staffCtx = { ...ctx, actor: { userId: staff.id, role: 'staff' } };
  });
  afterAll(async () => database.drop());

  const db = () => database.db;
  const balanceOf = async (packId: number) => {
    const row = await db()
      .selectFrom('packCreditEntries')
      .select((eb) => eb.fn.sum<number>('credits').as('s'))
      .where('packId', '=', packId)
      .executeTakeFirstOrThrow();
    return Number(row.s ?? 0);
  };
  const entries = (packId: number) =>
    db()
      .selectFrom('packCreditEntries')
      .select(['kind', 'credits', 'enrollmentId'])
      .where('packId', '=', packId)
      .orderBy('id')
      .execute();
  const enroll = (
    workshopId: number,
    customerId: number,
    payWith: 'pack_credit' | 'company_seat' = 'pack_credit',
    at = ctx,
  ) => inTransaction(database, (trx) => enrollCustomer(trx, { workshopId, customerId, payWith }, at));
  const seatsTaken = async (workshopId: number) =>
    (
      await db()
        .selectFrom('workshops')
        .select('seatsTaken')
        .where('id', '=', workshopId)
        .executeTakeFirstOrThrow()
    ).seatsTaken;
  const checks = () => runConsistencyChecks(db(), NOW, [packLedgerCheck, packRedemptionsCheck]);

  it('issues a pack with a purchase entry when its order is paid', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 5, now: NOW });
    expect(await entries(pack.id)).toEqual([{ kind: 'purchase', credits: 5, enrollmentId: null }]);
    expect(pack.expiresAt).toBe(addHours(NOW, 90 * 24).toISOString());
    const sale = await db()
      .selectFrom('sales')
      .select('fulfilmentStatus')
      .where('id', '=', pack.saleId)
      .executeTakeFirstOrThrow();
    expect(sale.fulfilmentStatus).toBe('ENTREGADO');
  });

  it('pays an enrollment with one credit: nothing owed, a redeem entry, one seat taken', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 2, now: NOW });
    const workshop = await createWorkshop(db(), { startsAt: IN_20_DAYS });
    const { enrollmentId } = await enroll(workshop.id, customer.id);
    const enrollment = await db()
      .selectFrom('enrollments')
      .select(['status', 'amountDueClp', 'paidWith'])
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(enrollment).toEqual({ status: 'PAGADO', amountDueClp: 0, paidWith: 'pack_credit' });
    expect(await balanceOf(pack.id)).toBe(1);
    expect((await entries(pack.id)).at(-1)).toEqual({ kind: 'redeem', credits: -1, enrollmentId });
    expect(await seatsTaken(workshop.id)).toBe(1);
    expect((await checks()).problems).toEqual([]);
  });

  it('spends the soonest-expiring eligible pack first', async () => {
    const customer = await createCustomer(db());
    const later = await createCustomerPack(db(), {
      customerId: customer.id,
      credits: 1,
      validityDays: 120,
      now: NOW,
    });
    const sooner = await createCustomerPack(db(), {
      customerId: customer.id,
      credits: 1,
      validityDays: 30,
      now: NOW,
    });
    const workshop = await createWorkshop(db(), { startsAt: IN_20_DAYS });
    await enroll(workshop.id, customer.id);
    expect(await balanceOf(sooner.id)).toBe(0);
    expect(await balanceOf(later.id)).toBe(1);
  });

  it('refuses without a credit and takes no seat', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 1, now: NOW });
    const first = await createWorkshop(db(), { startsAt: IN_20_DAYS });
    const second = await createWorkshop(db(), { startsAt: IN_20_DAYS });
    await enroll(first.id, customer.id);
    await expect(enroll(second.id, customer.id)).rejects.toBeInstanceOf(NoPackCreditError);
    expect(await seatsTaken(second.id)).toBe(0);
    expect(
      await db().selectFrom('enrollments').select('id').where('workshopId', '=', second.id).execute(),
    ).toEqual([]);
    expect(await balanceOf(pack.id)).toBe(0);
  });

  it('keeps the credit when the workshop is full (the spend rolls back with the seat)', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 1, now: NOW });
    const workshop = await createWorkshop(db(), { startsAt: IN_20_DAYS, totalSeats: 1, seatsTaken: 1 });
    await expect(enroll(workshop.id, customer.id)).rejects.toBeInstanceOf(WorkshopFullError);
    expect(await balanceOf(pack.id)).toBe(1);
  });

  it('covers only the workshops and categories of its product, and online ones only when it says so', async () => {
    const ceramics = await createInterest(db());
    const yoga = await createInterest(db());
    const customer = await createCustomer(db());
    const product = await createPackProduct(db(), {
      credits: 3,
      categoryIds: [ceramics.id],
      isOnlineIncluded: false,
    });
    const pack = await createCustomerPack(db(), { customerId: customer.id, productId: product.id, now: NOW });
    const other = await createWorkshop(db(), { startsAt: IN_20_DAYS, categoryId: yoga.id });
    const online = await createWorkshop(db(), {
      startsAt: IN_20_DAYS,
      categoryId: ceramics.id,
      modality: 'ONLINE',
    });
    const covered = await createWorkshop(db(), { startsAt: IN_20_DAYS, categoryId: ceramics.id });
    await expect(enroll(other.id, customer.id)).rejects.toBeInstanceOf(NoPackCreditError);
    await expect(enroll(online.id, customer.id)).rejects.toBeInstanceOf(NoPackCreditError);
    await enroll(covered.id, customer.id);
    expect(await balanceOf(pack.id)).toBe(2);
  });

  it('does not pay a workshop that starts after the pack expires', async () => {
    const customer = await createCustomer(db());
    await createCustomerPack(db(), { customerId: customer.id, credits: 1, validityDays: 10, now: NOW });
    const workshop = await createWorkshop(db(), { startsAt: IN_20_DAYS });
    await expect(enroll(workshop.id, customer.id)).rejects.toBeInstanceOf(NoPackCreditError);
  });

  it('returns the credit when the customer cancels before the cut-off', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 1, now: NOW });
    const workshop = await createWorkshop(db(), { startsAt: IN_20_DAYS, cancellationCutoffHours: 48 });
    const { enrollmentId } = await enroll(workshop.id, customer.id);
    const result = await inTransaction(database, (trx) =>
      cancelEnrollment(trx, { enrollmentId, customerId: customer.id, waitlistHoldHours: 12 }, ctx),
    );
    expect(result.credit).toBe('returned');
    expect(result.refundDueClp).toBe(0);
    expect(await balanceOf(pack.id)).toBe(1);
    expect((await entries(pack.id)).at(-1)).toEqual({ kind: 'refund', credits: 1, enrollmentId });
    expect((await checks()).problems).toEqual([]);
  });

  it('forfeits the credit when staff cancel after the cut-off', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 1, now: NOW });
    const workshop = await createWorkshop(db(), { startsAt: IN_20_DAYS, cancellationCutoffHours: 48 });
    const { enrollmentId } = await enroll(workshop.id, customer.id);
    const late = { ...staffCtx, now: addHours(new Date(IN_20_DAYS), -24) };
    const result = await inTransaction(database, (trx) =>
      cancelEnrollment(trx, { enrollmentId, customerId: null, waitlistHoldHours: 12 }, late),
    );
    expect(result.credit).toBe('forfeited');
    expect(await balanceOf(pack.id)).toBe(0);
    expect((await entries(pack.id)).at(-1)).toEqual({ kind: 'forfeit', credits: 0, enrollmentId });
    expect((await checks()).problems).toEqual([]);
  });

  it('returns every credit when the centre cancels the workshop', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 1, now: NOW });
    const workshop = await createWorkshop(db(), { startsAt: IN_20_DAYS });
    await enroll(workshop.id, customer.id);
    const late = { ...staffCtx, now: addHours(new Date(IN_20_DAYS), -2) };
    await inTransaction(database, (trx) => cancelWholeWorkshop(trx, workshop.id, { note: null }, late));
    expect(await balanceOf(pack.id)).toBe(1);
  });

  it('forfeits the unused credits of a refunded order', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 3, now: NOW });
    await enroll((await createWorkshop(db(), { startsAt: IN_20_DAYS })).id, customer.id);
    const forfeited = await inTransaction(database, (trx) => forfeitPacksOfSale(trx, pack.saleId, staffCtx));
    expect(forfeited).toBe(2);
    expect(await balanceOf(pack.id)).toBe(0);
    const row = await db()
      .selectFrom('packs')
      .select('status')
      .where('id', '=', pack.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('ANULADO');
    expect((await checks()).problems).toEqual([]);
  });

  it('lets staff adjust credits with a reason, audited, never below zero', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 1, now: NOW });
    const added = await inTransaction(database, (trx) =>
      adjustPackCredits(trx, { packId: pack.id, credits: 2, reason: 'Clase de recuperación' }, staffCtx),
    );
    expect(added.balance).toBe(3);
    await expect(
      inTransaction(database, (trx) =>
        adjustPackCredits(trx, { packId: pack.id, credits: -4, reason: 'Error' }, staffCtx),
      ),
    ).rejects.toBeInstanceOf(PackAdjustmentError);
    const audit = await db()
      .selectFrom('auditLog')
      .select(['actorUserId', 'afterJson'])
      .where('entityType', '=', 'pack')
      .where('entityId', '=', pack.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUserId).toBe(staffCtx.actor!.userId);
    expect(JSON.parse(audit[0]!.afterJson!)).toMatchObject({ balance: 3, reason: 'Clase de recuperación' });
  });

  it('expires packs and reminds 7 days before, each exactly once', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), {
      customerId: customer.id,
      credits: 2,
      validityDays: 10,
      now: NOW,
    });
    const config = testConfig(database);
    const run = (at: Date) => packsJob.run({ database, config, now: () => at, log: memoryLog() });
    const reminders = () =>
      db()
        .selectFrom('emailOutbox')
        .select(['template', 'toAddress'])
        .where('template', '=', 'pack_expiry_reminder')
        .where('customerId', '=', customer.id)
        .execute();
    await run(addHours(NOW, 2 * 24));
    expect(await reminders()).toHaveLength(0);
    await run(addHours(NOW, 4 * 24));
    await run(addHours(NOW, 5 * 24));
    expect(await reminders()).toEqual([{ template: 'pack_expiry_reminder', toAddress: customer.email }]);
    await run(addHours(NOW, 11 * 24));
    await run(addHours(NOW, 12 * 24));
    expect((await entries(pack.id)).map((e) => [e.kind, e.credits])).toEqual([
      ['purchase', 2],
      ['expire', -2],
    ]);
    const row = await db()
      .selectFrom('packs')
      .select('status')
      .where('id', '=', pack.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('VENCIDO');
    expect(await reminders()).toHaveLength(1);
  });

  it('lets a customer of the company enroll with a company seat, and nobody else', async () => {
    const company = await createCompany(db());
    const employee = await createCustomer(db(), { customerType: 'B2B', companyId: company.id });
    const outsider = await createCustomer(db());
    const bundleId = await inTransaction(database, (trx) =>
      assignCompanyBundle(
        trx,
        {
          companyId: company.id,
          companyName: company.legalName,
          seats: 2,
          validityDays: 180,
          priceClp: 300000,
          contactCustomerId: employee.id,
          contactCompanyId: company.id,
          note: null,
        },
        staffCtx,
      ),
    );
    const workshop = await createWorkshop(db(), { startsAt: IN_20_DAYS });
    await expect(enroll(workshop.id, outsider.id, 'company_seat')).rejects.toBeInstanceOf(NoCompanySeatError);
    const { enrollmentId } = await enroll(workshop.id, employee.id, 'company_seat');
    const enrollment = await db()
      .selectFrom('enrollments')
      .select(['status', 'amountDueClp', 'paidWith'])
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(enrollment).toEqual({ status: 'PAGADO', amountDueClp: 0, paidWith: 'company_seat' });
    expect(await balanceOf(bundleId)).toBe(1);
    await expect(
      inTransaction(database, (trx) =>
        assignCompanyBundle(
          trx,
          {
            companyId: company.id,
            companyName: company.legalName,
            seats: 2,
            validityDays: 180,
            priceClp: 0,
            contactCustomerId: outsider.id,
            contactCompanyId: null,
            note: null,
          },
          staffCtx,
        ),
      ),
    ).rejects.toBeInstanceOf(PackAdjustmentError);
    expect((await checks()).problems).toEqual([]);
  });

  it('tmm check reports a ledger that does not add up', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 1, now: NOW });
    const workshop = await createWorkshop(db(), { startsAt: IN_20_DAYS });
    const { enrollmentId } = await enroll(workshop.id, customer.id);
    await db()
      .insertInto('packCreditEntries')
      .values({ packId: pack.id, kind: 'redeem', credits: -1, createdAt: NOW.toISOString() })
      .execute();
    await db().updateTable('enrollments').set({ status: 'ANULADO' }).where('id', '=', enrollmentId).execute();
    const { problems } = await checks();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`Bono #${pack.id}`),
        expect.stringContaining(`Inscripción #${enrollmentId}: anulada`),
      ]),
    );
  });
});
