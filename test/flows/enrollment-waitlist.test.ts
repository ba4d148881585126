import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli';
import { inTransaction } from '../../src/db/transaction';
import { expireWaitlistOffersJob } from '../../src/domain/capacity/waitlist.jobs';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { expireUnpaidEnrollmentsJob } from '../../src/domain/enrollments/enrollments.jobs';
import { cancelEnrollment } from '../../src/domain/enrollments/enrollments.service';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomerAccount, createUser, createWorkshop, TEST_PASSWORD } from '../support/factories';

/** Cancellation, the waitlist, the expiry jobs and `tmm check`. */
describe('cancellation, waitlist and expiries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());
  afterEach(() => {
    vi.restoreAllMocks();
    t.clock.set('2026-03-02T15:00:00.000Z');
  });

  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl });
  const jobDeps = () => ({
    database: t.database,
    config: t.config,
    now: t.clock.now,
    log: { info: () => {}, error: () => {} },
  });
  const customer = async () => {
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { client, ...account };
  };
  const enroll = async (client: TestClient, workshopId: number) => {
    const res = await client.post(`/talleres/${workshopId}/`);
    expect(String(res.headers.location)).toMatch(/^\/pago\/\d+\/$/);
    return Number(/\d+/.exec(String(res.headers.location))![0]);
  };
  const seats = (id: number) =>
    t.database.db
      .selectFrom('workshops')
      .select(['seatsTaken', 'seatsHeld'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const entries = (workshopId: number) =>
    t.database.db
      .selectFrom('waitlistEntries')
      .select(['customerId', 'status', 'offerExpiresAt'])
      .where('workshopId', '=', workshopId)
      .orderBy('id')
      .execute();
  const mails = (template: string, customerId: number) =>
    t.database.db
      .selectFrom('emailOutbox')
      .select(['id', 'bodyText'])
      .where('template', '=', template)
      .where('customerId', '=', customerId)
      .execute();
  const expectConsistent = async () =>
    expect((await runConsistencyChecks(t.database.db)).problems).toEqual([]);

  it('cancels before the cut-off: keeps the row, frees the seat, records the refund and mails', async () => {
    const w = await createWorkshop(t.database.db, { totalSeats: 3 });
    const { client, customer: c } = await customer();
    const id = await enroll(client, w.id);
    await client.post(`/pago/${id}/`, { accion_pago: 'pagar' });
    const res = await client.post(`/cuenta/inscripciones/${id}/anular/`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/cuenta/perfil/');
    const flash = await t.database.db
      .selectFrom('sessions')
      .select('data')
      .where('userId', '=', c.userId!)
      .execute();
    expect(flash.map((s) => s.data).join()).toContain('Anulaste tu inscripción');
    const row = await t.database.db
      .selectFrom('enrollments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'ANULADO',
      refundDueClp: 45000,
      cancelledAt: t.clock.now().toISOString(),
    });
    expect(await seats(w.id)).toEqual({ seatsTaken: 0, seatsHeld: 0 });
    expect(await mails('cancellation', c.id)).toHaveLength(1);
    // Cancelled enrollments are history: the customer may enroll again.
    await enroll(client, w.id);
    await expectConsistent();
  });

  it('refuses to cancel after the cut-off, and someone else’s enrollment is a 404', async () => {
    const w = await createWorkshop(t.database.db, {
      startsAt: '2026-03-03T15:00:00.000Z',
      cancellationCutoffHours: 48,
    });
    const { client } = await customer();
    const id = await enroll(client, w.id);
    const res = await client.post(`/cuenta/inscripciones/${id}/anular/`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/cuenta/perfil/');
    const row = await t.database.db
      .selectFrom('enrollments')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('PENDIENTE');

    const { client: other } = await customer();
    expect((await other.post(`/cuenta/inscripciones/${id}/anular/`)).statusCode).toBe(404);
    const anonymous = await new TestClient(t.app).post(`/cuenta/inscripciones/${id}/anular/`);
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/login\//);
  });

  it('offers the freed seat at the early-bird price while it lasts, the price the enrollment is made at', async () => {
    const w = await createWorkshop(t.database.db, {
      totalSeats: 1,
      priceClp: 45000,
      startsAt: new Date(t.clock.now().getTime() + 20 * 24 * 3600_000).toISOString(),
    });
    await t.database.db
      .updateTable('workshops')
      .set({ earlyPriceClp: 30000, earlyUntilDays: 7 })
      .where('id', '=', w.id)
      .execute();
    const a = await customer();
    const b = await customer();
    const aEnrollment = await enroll(a.client, w.id);
    await b.client.post(`/talleres/${w.id}/lista-espera/`);
    await a.client.post(`/cuenta/inscripciones/${aEnrollment}/anular/`);
    const offer = (await b.client.get(`/talleres/${w.id}/lista-espera/aceptar/`)).body;
    expect(offer).toContain('Confírmalo para inscribirte ($30.000)');
    const accepted = await b.client.post(`/talleres/${w.id}/lista-espera/aceptar/`);
    const id = Number(/^\/pago\/(\d+)\/$/.exec(String(accepted.headers.location))?.[1]);
    const row = await t.database.db
      .selectFrom('enrollments')
      .select('amountDueClp')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.amountDueClp).toBe(30000);
  });

  it('offers a freed seat to the first in line, who alone can take it', async () => {
    const w = await createWorkshop(t.database.db, { totalSeats: 1 });
    const a = await customer();
    const b = await customer();
    const c = await customer();
    const aEnrollment = await enroll(a.client, w.id);

    expect((await b.client.get(`/talleres/${w.id}/`)).body).toContain('Unirme a la lista de espera');
    const joined = await b.client.post(`/talleres/${w.id}/lista-espera/`);
    expect(joined.headers.location).toBe(`/talleres/${w.id}/`);
    expect((await b.client.follow(joined)).body).toContain('Te sumamos a la lista de espera (lugar 1)');
    await b.client.post(`/talleres/${w.id}/lista-espera/`);
    expect((await b.client.get(`/talleres/${w.id}/`)).body).toContain('Ya estás en la lista de espera');
    await c.client.post(`/talleres/${w.id}/lista-espera/`);
    expect((await c.client.get(`/talleres/${w.id}/`)).body).toContain('lugar 2');
    expect((await entries(w.id)).map((e) => e.status)).toEqual(['WAITING', 'WAITING']);

    await a.client.post(`/cuenta/inscripciones/${aEnrollment}/anular/`);
    expect(await seats(w.id)).toEqual({ seatsTaken: 0, seatsHeld: 1 });
    expect((await entries(w.id)).map((e) => [e.customerId, e.status])).toEqual([
      [b.customer.id, 'OFFERED'],
      [c.customer.id, 'WAITING'],
    ]);
    const offers = await mails('waitlist_offer', b.customer.id);
    expect(offers).toHaveLength(1);
    expect(offers[0]!.bodyText).toContain(`/talleres/${w.id}/lista-espera/aceptar/`);

    // The held seat is not for anyone else.
    const cTry = await c.client.post(`/talleres/${w.id}/`);
    expect(cTry.headers.location).toBe(`/talleres/${w.id}/`);
    expect((await c.client.get(`/talleres/${w.id}/lista-espera/aceptar/`)).body).toContain(
      'No tienes una oferta',
    );
    const cAccept = await c.client.post(`/talleres/${w.id}/lista-espera/aceptar/`);
    expect(cAccept.headers.location).toBe(`/talleres/${w.id}/`);

    const offerPage = await b.client.get(`/talleres/${w.id}/lista-espera/aceptar/`);
    expect(offerPage.body).toContain('Tomar mi cupo');
    const accepted = await b.client.post(`/talleres/${w.id}/lista-espera/aceptar/`);
    expect(String(accepted.headers.location)).toMatch(/^\/pago\/\d+\/$/);
    expect((await b.client.follow(accepted)).body).toContain('Tomaste el cupo que guardamos para ti');
    expect(await seats(w.id)).toEqual({ seatsTaken: 1, seatsHeld: 0 });
    expect((await entries(w.id)).map((e) => e.status)).toEqual(['ACCEPTED', 'WAITING']);
    await expectConsistent();

    const staffUser = await createUser(t.database.db, { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, TEST_PASSWORD);
    const list = await staff.get(`/gestion/talleres/${w.id}/lista-espera/`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(c.customer.email);
    expect(list.body).toContain('En espera');
    expect((await c.client.get(`/gestion/talleres/${w.id}/lista-espera/`)).statusCode).toBe(403);
  });

  it('passes a lapsed offer to the next person, and a declined one too', async () => {
    const w = await createWorkshop(t.database.db, { totalSeats: 1 });
    const a = await customer();
    const b = await customer();
    const c = await customer();
    const aEnrollment = await enroll(a.client, w.id);
    await b.client.post(`/talleres/${w.id}/lista-espera/`);
    await c.client.post(`/talleres/${w.id}/lista-espera/`);
    await a.client.post(`/cuenta/inscripciones/${aEnrollment}/anular/`);

    t.clock.advanceHours(11);
    expect(await expireWaitlistOffersJob.run(jobDeps())).toBe(0);
    t.clock.advanceHours(2);
    // Two workers at once expire it once.
    const runs = await Promise.all([
      expireWaitlistOffersJob.run(jobDeps()),
      expireWaitlistOffersJob.run(jobDeps()),
    ]);
    expect(runs.reduce((sum: number, n) => sum + Number(n), 0)).toBe(1);
    expect((await entries(w.id)).map((e) => e.status)).toEqual(['EXPIRED', 'OFFERED']);
    expect(await seats(w.id)).toEqual({ seatsTaken: 0, seatsHeld: 1 });
    const lapsed = await b.client.post(`/talleres/${w.id}/lista-espera/aceptar/`);
    expect(lapsed.headers.location).toBe(`/talleres/${w.id}/`);

    // C declines: the hold returns to the free pool, nobody else is waiting.
    const left = await c.client.post(`/talleres/${w.id}/lista-espera/salir/`);
    expect((await c.client.follow(left)).body).toContain('Saliste de la lista de espera.');
    expect(await seats(w.id)).toEqual({ seatsTaken: 0, seatsHeld: 0 });
    await expectConsistent();
    await enroll(b.client, w.id);
  });

  it('frees the seat and offers it once when two cancellations of one enrollment race', async () => {
    const w = await createWorkshop(t.database.db, { totalSeats: 1 });
    const a = await customer();
    const b = await customer();
    const c = await customer();
    const id = await enroll(a.client, w.id);
    await b.client.post(`/talleres/${w.id}/lista-espera/`);
    await c.client.post(`/talleres/${w.id}/lista-espera/`);
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        inTransaction(t.database, (trx) =>
          cancelEnrollment(
            trx,
            { enrollmentId: id, customerId: a.customer.id, waitlistHoldHours: 12 },
            ctx(),
          ),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(rejected.reason)).toContain('ya estaba anulada');
    expect(await seats(w.id)).toEqual({ seatsTaken: 0, seatsHeld: 1 });
    expect((await entries(w.id)).map((e) => e.status)).toEqual(['OFFERED', 'WAITING']);
    expect(await mails('waitlist_offer', b.customer.id)).toHaveLength(1);
    expect(await mails('waitlist_offer', c.customer.id)).toHaveLength(0);
    expect(await mails('cancellation', a.customer.id)).toHaveLength(1);
    await expectConsistent();
  });

  it('refuses the waitlist while seats remain', async () => {
    const w = await createWorkshop(t.database.db, { totalSeats: 2 });
    const { client } = await customer();
    const res = await client.post(`/talleres/${w.id}/lista-espera/`);
    expect(res.headers.location).toBe(`/talleres/${w.id}/`);
    expect((await client.follow(res)).body).toContain('Todavía quedan cupos');
    expect(await entries(w.id)).toEqual([]);
  });

  it('cancels unpaid enrollments after the workshop’s expiry, once, and offers the seat', async () => {
    const w = await createWorkshop(t.database.db, { totalSeats: 1, unpaidExpiryHours: 2 });
    const payer = await createWorkshop(t.database.db, { totalSeats: 1, unpaidExpiryHours: 2 });
    const a = await customer();
    const b = await customer();
    const unpaid = await enroll(a.client, w.id);
    const paid = await enroll(a.client, payer.id);
    await a.client.post(`/pago/${paid}/`, { accion_pago: 'pagar' });
    await b.client.post(`/talleres/${w.id}/lista-espera/`);

    t.clock.advanceHours(1);
    expect(await expireUnpaidEnrollmentsJob.run(jobDeps())).toBe(0);
    t.clock.advanceHours(2);
    const runs = await Promise.all([
      expireUnpaidEnrollmentsJob.run(jobDeps()),
      expireUnpaidEnrollmentsJob.run(jobDeps()),
    ]);
    expect(runs.reduce((sum: number, n) => sum + Number(n), 0)).toBe(1);
    const rows = await t.database.db
      .selectFrom('enrollments')
      .select(['id', 'status'])
      .where('id', 'in', [unpaid, paid])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: unpaid, status: 'ANULADO' },
      { id: paid, status: 'PAGADO' },
    ]);
    expect(await mails('cancellation', a.customer.id)).toHaveLength(1);
    expect(await seats(w.id)).toEqual({ seatsTaken: 0, seatsHeld: 1 });
    expect((await entries(w.id)).map((e) => e.status)).toEqual(['OFFERED']);
    await expectConsistent();
  });

  it('tmm check names every mismatch and exits non-zero', async () => {
    const w = await createWorkshop(t.database.db, { totalSeats: 5 });
    const { client } = await customer();
    const id = await enroll(client, w.id);
    await expectConsistent();
    await t.database.db.updateTable('workshops').set({ seatsTaken: 3 }).where('id', '=', w.id).execute();
    await t.database.db.updateTable('enrollments').set({ amountPaidClp: 100 }).where('id', '=', id).execute();
    const report = await runConsistencyChecks(t.database.db);
    expect(report.problems).toEqual([
      `Taller #${w.id} "${w.name}": cupos tomados = 3, pero las inscripciones activas suman 1.`,
      `Inscripción #${id}: monto pagado = 100, pero los pagos registrados suman 0.`,
    ]);

    const saved = { ...process.env };
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const cfg = t.database.config;
      process.env.DATABASE_URL = cfg.dialect === 'sqlite' ? `sqlite:${cfg.file}` : cfg.url;
      process.env.NODE_ENV = 'test';
      expect(await runCli(['check'])).toBe(1);
    } finally {
      process.env = saved;
      await t.database.db.updateTable('workshops').set({ seatsTaken: 1 }).where('id', '=', w.id).execute();
      await t.database.db.updateTable('enrollments').set({ amountPaidClp: 0 }).where('id', '=', id).execute();
    }
    expect(errors.join('\n')).toContain(`Taller #${w.id}`);
    expect(errors.join('\n')).toContain('2 problema(s) de consistencia.');
  });
});
