import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { owedClp } from '../../src/domain/balance';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { cancelEnrollment, enrollCustomer, enrollmentTotals } from '../../src/domain/enrollments';
import { paymentTotals, recordEnrollmentPayment } from '../../src/domain/payments';
import { formatClp } from '../../src/lib/money';
import { seedDemo } from '../../src/seed/demo';
import { buildTestApp, type TestApp, TestClock } from '../support/app';
import { TestClient } from '../support/client';
import { createTestDb } from '../support/db';
import { createCustomer, createUser, createWorkshop, TEST_PASSWORD, unique } from '../support/factories';

/**
 * Money views that add up, on the demo data: the enrollments header (total = paid + owed + refunded),
 * the payments ledger it must agree with, and refunds owed from a cancelled paid booking to the money
 * given back through the refunds list.
 */
describe('money totals on the demo data', () => {
  let t: TestApp;
  let staff: TestClient;
  const clock = new TestClock(new Date('2026-11-24T15:00:00.000Z'));
  const ctx = () => ({ now: clock.now(), actor: null, publicUrl: t.config.publicUrl });
  const db = () => t.database.db;

  // The demo's covers are written here (the seed draws one per workshop and kit).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-money-'));

  beforeAll(async () => {
    const database = await createTestDb();
    await seedDemo(database.db, { now: clock.now(), dataDir, password: TEST_PASSWORD });
    t = await buildTestApp({ database, clock });
    const user = await createUser(db(), { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
    await t.database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const all = { q: '', status: null, workshopId: null, from: null, to: null, ids: [] };
  const ledger = {
    q: '',
    method: null,
    kind: null,
    source: 'enrollments' as const,
    from: null,
    to: null,
    ids: [],
  };

  /** The header's totals computed another way: from each enrollment and its ledger rows. */
  async function independently() {
    const rows = await db()
      .selectFrom('enrollments')
      .select(['id', 'status', 'amountDueClp', 'amountPaidClp', 'refundDueClp'])
      .execute();
    const refunds = await db()
      .selectFrom('payments')
      .select(['enrollmentId', 'amountClp'])
      .where('kind', '=', 'REFUND')
      .where('enrollmentId', 'is not', null)
      .execute();
    const refundedOf = (id: number) =>
      refunds.filter((r) => r.enrollmentId === id).reduce((sum, r) => sum + r.amountClp, 0);
    return rows.reduce(
      (sum, e) => ({
        total: sum.total + (e.status === 'ANULADO' ? e.amountPaidClp + refundedOf(e.id) : e.amountDueClp),
        paid: sum.paid + e.amountPaidClp,
        owed: sum.owed + owedClp(e),
        refunded: sum.refunded + refundedOf(e.id),
        refundDue: sum.refundDue + e.refundDueClp,
      }),
      { total: 0, paid: 0, owed: 0, refunded: 0, refundDue: 0 },
    );
  }

  async function expectTotalsAddUp() {
    const totals = await enrollmentTotals(db(), all);
    expect(totals.total).toBe(totals.paid + totals.owed + totals.refunded);
    expect(totals).toMatchObject(await independently());
    // What the enrollments hold is what the ledger says was received for them, less what went back.
    const received = await paymentTotals(db(), ledger);
    expect(totals.paid).toBe(received.net);
    expect(totals.refunded).toBe(received.refunded);
    return totals;
  }

  /** A booking paid in full and then cancelled by staff: its money is to be given back. */
  async function cancelledPaidBooking(name: string, priceClp: number) {
    const workshop = await createWorkshop(db(), {
      name: unique('Encuadernación japonesa '),
      startsAt: '2026-12-19T14:00:00.000Z',
      priceClp,
    });
    const customer = await createCustomer(db(), { fullName: name });
    return inTransaction(t.database, async (trx) => {
      const { enrollmentId } = await enrollCustomer(
        trx,
        { workshopId: workshop.id, customerId: customer.id },
        ctx(),
      );
      await recordEnrollmentPayment(trx, { enrollmentId, method: 'transferencia' }, ctx());
      await cancelEnrollment(trx, { enrollmentId, customerId: null, waitlistHoldHours: 12 }, ctx());
      return { enrollmentId, workshop, customer };
    });
  }

  it('adds up on the demo data as seeded', async () => {
    const totals = await expectTotalsAddUp();
    expect(totals.total).toBeGreaterThan(0);
    expect(totals.owed).toBeGreaterThan(0);
    // The demo has a paid booking cancelled in time, so the refunds list has something to show.
    expect(totals.refundDue).toBeGreaterThan(0);
  });

  it('lists refunds owed, records one from the list and shows it in payments, the dashboard and the header', async () => {
    // What the demo already owes back, from its own cancelled paid booking.
    const demo = await expectTotalsAddUp();
    const owedBack = (amount: number) =>
      formatClp(demo.refundDue + amount)
        .replace('.', '\\.')
        .replace('$', '\\$');
    const first = await cancelledPaidBooking(unique('Isidora Paredes '), 38000);
    const second = await cancelledPaidBooking(unique('Tomás Araya '), 25000);

    const list = await staff.get('/gestion/devoluciones/');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(first.customer.fullName);
    expect(list.body).toContain(second.customer.fullName);
    expect(list.body).toMatch(new RegExp(`Por devolver: <strong>${owedBack(63000)}</strong>`));
    const dashboard = await staff.get('/gestion/');
    expect(dashboard.body).toMatch(
      new RegExp(`data-test="dash-refunds"[\\s\\S]*?${owedBack(63000)}[\\s\\S]*?3 inscripciones anuladas`),
    );

    // Part of the first one given back by transfer, from its row in the list.
    const refunded = await staff.post(`/gestion/devoluciones/${first.enrollmentId}/`, {
      monto: '20000',
      metodo: 'transferencia',
      clave: `devolucion-pendiente-${first.enrollmentId}`,
      volver: '/gestion/devoluciones/?page=1',
    });
    expect(refunded.statusCode).toBe(303);
    expect(refunded.headers.location).toBe('/gestion/devoluciones/?page=1');
    expect((await staff.follow(refunded)).body).toContain(
      'Devolución registrada (Transferencia). Queda $18.000 por devolver.',
    );
    // The rest of the second one, with its reference, from the full form.
    const form = await staff.get(`/gestion/devoluciones/${second.enrollmentId}/`);
    expect(form.body).toContain('Registrar devolución');
    const settled = await staff.post(`/gestion/devoluciones/${second.enrollmentId}/`, {
      monto: '25000',
      metodo: 'efectivo',
      referencia: 'Entregado en el taller',
      clave: `devolucion-pendiente-${second.enrollmentId}`,
    });
    expect((await staff.follow(settled)).body).toContain('No queda nada por devolver.');

    const after = await staff.get('/gestion/devoluciones/');
    expect(after.body).toContain(first.customer.fullName);
    expect(after.body).not.toContain(second.customer.fullName);
    expect(after.body).toMatch(new RegExp(`Por devolver: <strong>${owedBack(18000)}</strong>`));

    // The ledger has the two refunds, counted in its "Devuelto", and says what is still owed back.
    const payments = await staff.get('/gestion/pagos/?tipo=devolucion');
    expect(payments.body).toMatch(/<dt>Devuelto<\/dt><dd>\$45\.000<\/dd>/);
    expect(payments.body).toContain(
      `Además quedan ${formatClp(demo.refundDue + 18000)} por devolver de 2 inscripciones anuladas`,
    );

    // The enrollments header adds up, says its rule, and matches the ledger.
    const totals = await expectTotalsAddUp();
    expect(totals.refunded).toBe(45000);
    expect(totals.refundDue).toBe(demo.refundDue + 18000);
    const header = (await staff.get('/gestion/inscripciones/')).body;
    for (const [label, amount] of [
      ['Total', totals.total],
      ['Pagado', totals.paid],
      ['Debe', totals.owed],
      ['Devuelto', totals.refunded],
    ] as const)
      expect(header).toContain(`<dt>${label}</dt><dd>${formatClp(amount)}</dd>`);
    expect(header).toContain('Total = pagado + debe + devuelto.');
    expect(header).toContain(
      `De lo pagado, ${formatClp(demo.refundDue + 18000)} es de inscripciones anuladas`,
    );

    // The daily money summary followed the refunds (tmm check compares it with the ledger).
    expect((await runConsistencyChecks(db())).problems).toEqual([]);
  });
});
