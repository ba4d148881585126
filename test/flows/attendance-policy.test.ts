import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { runConsistencyChecks } from '../../src/domain/consistency';
import { applyNoShowPolicyJob } from '../../src/domain/enrollments';
import { enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
import { packLedgerCheck, packRedemptionsCheck } from '../../src/domain/packs';
import { recordEnrollmentPayment } from '../../src/domain/payments/payments.service';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCustomer,
  createCustomerAccount,
  createCustomerPack,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
} from '../support/factories';

/** The attendance policy: what a late cancellation and a no-show cost (issue 19, part 3). */
describe('attendance policy', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
    // The policy treats sessions that end after it exists; the test clock lives before that.
    await t.database.db
      .updateTable('attendanceSettings')
      .set({ appliesFrom: new Date(t.clock.now().getTime() - 30 * 86400_000).toISOString() })
      .execute();
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl });
  const jobDeps = () => ({
    database: t.database,
    config: t.config,
    now: t.clock.now,
    log: { info: () => {}, error: () => {} },
  });
  const hoursFromNow = (h: number) => new Date(t.clock.now().getTime() + h * 3600_000).toISOString();
  const enroll = async (workshopId: number, customerId?: number) => {
    const id = customerId ?? (await createCustomer(db())).id;
    return (
      await inTransaction(t.database, (trx) => enrollCustomer(trx, { workshopId, customerId: id }, ctx()))
    ).enrollmentId;
  };
  const pay = (enrollmentId: number) =>
    inTransaction(t.database, (trx) =>
      recordEnrollmentPayment(trx, { enrollmentId, method: 'efectivo' }, ctx()),
    );
  const row = (id: number) =>
    db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const arrive = (id: number) =>
    db()
      .updateTable('enrollments')
      .set({ attendedAt: t.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  const setCentre = (form: Record<string, string>) =>
    staff.post('/gestion/talleres/politica-asistencia/', form);

  it('lets staff set the centre default and shows it before paying and in the confirmation', async () => {
    const saved = await setCentre({ plazo: '24', cobro: 'fee', cargo: '$10.000' });
    expect(saved.statusCode).toBe(303);
    const w = await createWorkshop(db(), {
      startsAt: hoursFromNow(96),
      priceClp: 30000,
      cancellationCutoffHours: 2,
    });
    const sentence =
      'se registra un cargo por inasistencia de $10.000 por persona, que queda como saldo por pagar';
    expect((await new TestClient(t.app).get(`/talleres/${w.id}/`)).body).toContain(sentence);

    const account = await createCustomerAccount(db());
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    const id = await enroll(w.id, account.customer.id);
    const payPage = await customer.get(`/pago/${id}/`);
    expect(payPage.body).toContain(sentence);
    expect(payPage.body).toContain(
      'Si anulas con menos de 24 horas de anticipación, descontamos $10.000 por persona',
    );
    const mail = await db()
      .selectFrom('emailOutbox')
      .select(['bodyText', 'bodyHtml'])
      .where('enrollmentId', '=', id)
      .where('template', '=', 'enrollment_confirmation')
      .executeTakeFirstOrThrow();
    expect(mail.bodyText).toContain(sentence);
    expect(mail.bodyHtml).toContain(sentence);
  });

  it('refuses a fee without an amount, keeping what was typed', async () => {
    const res = await setCentre({ plazo: '12', cobro: 'fee', cargo: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Escribe el monto del cargo');
    expect(res.body).toContain('value="12"');
  });

  it('applies the no-show fee once after the session ends and its grace passes, even when run twice at once', async () => {
    await setCentre({ plazo: '24', cobro: 'fee', cargo: '$10.000' });
    const w = await createWorkshop(db(), {
      startsAt: hoursFromNow(1),
      priceClp: 30000,
      durationMinutes: 120,
    });
    const came = await enroll(w.id);
    const paidNoShow = await enroll(w.id);
    const unpaidNoShow = await enroll(w.id);
    const partyCustomer = await createCustomer(db());
    const party = (
      await inTransaction(t.database, (trx) =>
        enrollCustomer(trx, { workshopId: w.id, customerId: partyCustomer.id, seats: 3 }, ctx()),
      )
    ).enrollmentId;
    await pay(paidNoShow);
    await pay(party);
    await arrive(came);

    // The session ends 3 h from now; with 2 h of grace nothing happens before 5 h.
    t.clock.advanceHours(4.5);
    expect(await applyNoShowPolicyJob.run(jobDeps())).toBe(0);
    t.clock.advanceHours(1);
    const runs = await Promise.all([
      applyNoShowPolicyJob.run(jobDeps()),
      applyNoShowPolicyJob.run(jobDeps()),
    ]);
    expect(runs.reduce((a, b) => Number(a) + Number(b), 0)).toBe(3);
    expect(await applyNoShowPolicyJob.run(jobDeps())).toBe(0);

    const paid = await row(paidNoShow);
    expect([paid.status, paid.amountDueClp, paid.amountPaidClp, paid.noShowFeeClp]).toEqual([
      'ABONADO',
      40000,
      30000,
      10000,
    ]);
    expect(paid.noShowAt).not.toBeNull();
    const unpaid = await row(unpaidNoShow);
    expect([unpaid.status, unpaid.amountDueClp, unpaid.noShowFeeClp]).toEqual(['PENDIENTE', 40000, 10000]);
    // A party of three that did not come left three seats empty: the fee is per person.
    const partyRow = await row(party);
    expect([partyRow.status, partyRow.amountDueClp, partyRow.noShowFeeClp]).toEqual([
      'ABONADO',
      120000,
      30000,
    ]);
    const attended = await row(came);
    expect([attended.noShowAt, attended.amountDueClp]).toEqual([null, 30000]);
    const audits = await db()
      .selectFrom('auditLog')
      .select('entityId')
      .where('entityType', '=', 'enrollment')
      .where('entityId', 'in', [paidNoShow, unpaidNoShow])
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('follows a workshop’s own policy over the centre’s, and leaves sessions nobody checked in at alone', async () => {
    await setCentre({ plazo: '24', cobro: 'fee', cargo: '$10.000' });
    const own = await createWorkshop(db(), {
      startsAt: hoursFromNow(1),
      priceClp: 20000,
      durationMinutes: 60,
    });
    const res = await staff.post(`/gestion/talleres/${own.id}/politica-asistencia/`, {
      propia: 'on',
      plazo: '0',
      cobro: 'none',
    });
    expect(res.statusCode).toBe(303);
    expect((await staff.get(`/gestion/talleres/${own.id}/politica-asistencia/`)).body).toContain(
      'Si no asistes, no se cobra ningún cargo adicional.',
    );
    const noShow = await enroll(own.id);
    await arrive(await enroll(own.id));

    const unkept = await createWorkshop(db(), {
      startsAt: hoursFromNow(1),
      priceClp: 20000,
      durationMinutes: 60,
    });
    const nobodyChecked = await enroll(unkept.id);

    t.clock.advanceHours(5);
    await applyNoShowPolicyJob.run(jobDeps());
    const treated = await row(noShow);
    expect(treated.noShowAt).not.toBeNull();
    expect([treated.amountDueClp, treated.noShowFeeClp, treated.status]).toEqual([20000, 0, 'PENDIENTE']);
    expect((await row(nobodyChecked)).noShowAt).toBeNull();
  });

  it('keeps the fee from the refund of a customer’s late cancellation, not of an early one', async () => {
    await setCentre({ plazo: '24', cobro: 'fee', cargo: '$10.000' });
    const account = await createCustomerAccount(db());
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    const late = await createWorkshop(db(), {
      startsAt: hoursFromNow(10),
      priceClp: 30000,
      cancellationCutoffHours: 2,
    });
    const early = await createWorkshop(db(), {
      startsAt: hoursFromNow(72),
      priceClp: 30000,
      cancellationCutoffHours: 2,
    });
    const lateId = await enroll(late.id, account.customer.id);
    const earlyId = await enroll(early.id, account.customer.id);
    await pay(lateId);
    await pay(earlyId);
    for (const id of [lateId, earlyId])
      expect((await customer.post(`/cuenta/inscripciones/${id}/anular/`)).statusCode).toBe(303);
    expect((await row(lateId)).refundDueClp).toBe(20000);
    expect((await row(earlyId)).refundDueClp).toBe(30000);
  });
  it('returns a no-show’s pack credit when the policy costs nothing, and keeps it when it costs the credit', async () => {
    const creditBooking = async (charge: 'none' | 'pack_credit') => {
      const w = await createWorkshop(db(), {
        startsAt: hoursFromNow(1),
        priceClp: 15000,
        durationMinutes: 60,
      });
      const res = await staff.post(`/gestion/talleres/${w.id}/politica-asistencia/`, {
        propia: 'on',
        plazo: '0',
        cobro: charge,
      });
      expect(res.statusCode).toBe(303);
      const customer = await createCustomer(db());
      const pack = await createCustomerPack(db(), {
        customerId: customer.id,
        credits: 1,
        now: t.clock.now(),
      });
      const { enrollmentId } = await inTransaction(t.database, (trx) =>
        enrollCustomer(trx, { workshopId: w.id, customerId: customer.id, payWith: 'pack_credit' }, ctx()),
      );
      await arrive(await enroll(w.id));
      return { w, pack, enrollmentId };
    };
    const balance = async (packId: number) =>
      Number(
        (
          await db()
            .selectFrom('packCreditEntries')
            .select((eb) => eb.fn.sum<number>('credits').as('b'))
            .where('packId', '=', packId)
            .executeTakeFirstOrThrow()
        ).b,
      );
    const free = await creditBooking('none');
    const strict = await creditBooking('pack_credit');
    expect([await balance(free.pack.id), await balance(strict.pack.id)]).toEqual([0, 0]);
    expect((await staff.get(`/gestion/talleres/${strict.w.id}/politica-asistencia/`)).body).toContain(
      'el crédito de bono con que reservaste no se devuelve',
    );

    t.clock.advanceHours(5);
    await applyNoShowPolicyJob.run(jobDeps());
    await applyNoShowPolicyJob.run(jobDeps());
    expect((await row(free.enrollmentId)).noShowAt).not.toBeNull();
    expect((await row(strict.enrollmentId)).noShowAt).not.toBeNull();
    expect(await balance(free.pack.id)).toBe(1);
    expect(await balance(strict.pack.id)).toBe(0);
    expect(
      (await runConsistencyChecks(db(), t.clock.now(), [packLedgerCheck, packRedemptionsCheck])).problems,
    ).toEqual([]);
  });
});
