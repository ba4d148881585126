import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workshopPricing } from '../../src/domain/workshops';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCode } from '../support/discounts';
import { createCustomerAccount, createUser, createWorkshop, TEST_PASSWORD } from '../support/factories';

/** A workshop's early-bird price (issue 17, part 3): shown where the price is, fixed when enrolling. */
describe('early-bird prices', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());
  const db = () => t.database.db;

  // Starts Saturday 13 June 2026, 10:30 in Santiago; 14 days before is Saturday 30 May, 10:30.
  const STARTS = '2026-06-13T14:30:00.000Z';
  const DEADLINE = '2026-05-30T14:30:00.000Z';

  const earlyWorkshop = async () => {
    const workshop = await createWorkshop(db(), { priceClp: 40000, startsAt: STARTS });
    const res = await staff.post(`/gestion/talleres/${workshop.id}/preventa/`, {
      precio_preventa: '30.000',
      dias_antes: '14',
    });
    expect(res.statusCode).toBe(303);
    return workshop;
  };
  const enroll = async () => {
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return client;
  };
  const enrollIn = async (client: TestClient, workshopId: number) => {
    const res = await client.post(`/talleres/${workshopId}/`);
    return Number(/\/pago\/(\d+)\//.exec(String(res.headers.location))![1]);
  };
  const enrollment = (id: number) =>
    db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('applies until N days before the start, to the minute, and only when lower', () => {
    const w = { priceClp: 40000, startsAt: STARTS, earlyPriceClp: 30000, earlyUntilDays: 14 };
    expect(workshopPricing(w, new Date('2026-05-30T14:29:59.000Z'))).toEqual({
      priceClp: 30000,
      earlyBird: { regularPriceClp: 40000, until: DEADLINE },
    });
    expect(workshopPricing(w, new Date(DEADLINE))).toEqual({ priceClp: 40000, earlyBird: null });
    expect(workshopPricing({ ...w, earlyPriceClp: 45000 }, new Date('2026-03-01T00:00:00Z')).priceClp).toBe(
      40000,
    );
    expect(workshopPricing({ ...w, earlyUntilDays: null }, new Date('2026-03-01T00:00:00Z')).priceClp).toBe(
      40000,
    );
  });

  it('shows the early price and its deadline on the catalogue and the workshop page, then charges it', async () => {
    t.clock.set('2026-03-02T15:00:00.000Z');
    const workshop = await earlyWorkshop();
    const catalogue = await t.app.inject(`/talleres/?q=${encodeURIComponent(workshop.name)}`);
    expect(catalogue.body).toContain('data-test="early-price"');
    expect(catalogue.body).toContain('Preventa hasta el sábado 30 de mayo, 10:30 hrs');
    const page = await t.app.inject(`/talleres/${workshop.id}/`);
    expect(page.body).toContain('<span class="price">$30.000</span>');
    expect(page.body).toContain(
      '<s class="price-regular"><span class="visually-hidden">Precio normal </span>$40.000</s>',
    );
    expect(page.body).toContain('Preventa hasta el sábado 30 de mayo de 2026, 10:30 hrs');

    const client = await enroll();
    const id = await enrollIn(client, workshop.id);
    expect(await enrollment(id)).toMatchObject({ amountDueClp: 30000 });
    expect(Boolean((await enrollment(id)).isEarlyBird)).toBe(true);
    const pay = await client.get(`/pago/${id}/`);
    expect(pay.body).toContain('$30.000 (precio de preventa)');
    expect(pay.body).toContain('Paga $30.000 para asegurar tu cupo.');

    // A discount code works on the early price.
    const code = await createCode(t.database, { value: 10 });
    const applied = await client.post(`/pago/${id}/codigo/`, { codigo: code.code });
    expect((await client.follow(applied)).body).toContain('Ahora pagas $27.000.');
  });

  it('charges the regular price after the deadline and keeps the price of earlier enrollments', async () => {
    t.clock.set('2026-03-02T15:00:00.000Z');
    const workshop = await earlyWorkshop();
    const early = await enrollIn(await enroll(), workshop.id);
    t.clock.set(DEADLINE);
    const page = await t.app.inject(`/talleres/${workshop.id}/`);
    expect(page.body).not.toContain('data-test="early-price"');
    expect(page.body).toContain('<span class="price">$40.000</span>');
    const late = await enrollIn(await enroll(), workshop.id);
    expect((await enrollment(late)).amountDueClp).toBe(40000);
    expect(Boolean((await enrollment(late)).isEarlyBird)).toBe(false);
    expect((await enrollment(early)).amountDueClp).toBe(30000);
    t.clock.set('2026-03-02T15:00:00.000Z');
  });

  it('lets staff set, refuse and remove the early price, audited', async () => {
    const workshop = await createWorkshop(db(), { priceClp: 40000, startsAt: STARTS });
    const form = await staff.get(`/gestion/talleres/${workshop.id}/preventa/`);
    expect(form.body).toContain('Hoy aplica el precio normal.');
    const tooHigh = await staff.post(`/gestion/talleres/${workshop.id}/preventa/`, {
      precio_preventa: '40000',
      dias_antes: '7',
    });
    expect(tooHigh.statusCode).toBe(422);
    expect(tooHigh.body).toContain('El precio de preventa debe ser menor que el precio normal.');
    const noDays = await staff.post(`/gestion/talleres/${workshop.id}/preventa/`, {
      precio_preventa: '30000',
      dias_antes: '',
    });
    expect(noDays.statusCode).toBe(422);
    expect(noDays.body).toContain('Escribe los días como un número entre 1 y 365.');

    await staff.post(`/gestion/talleres/${workshop.id}/preventa/`, {
      precio_preventa: '30000',
      dias_antes: '7',
    });
    const set = await staff.get(`/gestion/talleres/${workshop.id}/preventa/`);
    expect(set.body).toContain('Hoy aplica la preventa ($30.000)');
    const removed = await staff.post(`/gestion/talleres/${workshop.id}/preventa/`, {
      precio_preventa: '',
      dias_antes: '',
    });
    expect((await staff.follow(removed)).body).toContain('Preventa quitada: rige el precio normal.');
    const row = await db()
      .selectFrom('workshops')
      .selectAll()
      .where('id', '=', workshop.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ earlyPriceClp: null, earlyUntilDays: null });
    const audit = await db()
      .selectFrom('auditLog')
      .select('afterJson')
      .where('entityType', '=', 'workshop')
      .where('entityId', '=', workshop.id)
      .execute();
    expect(audit).toHaveLength(2);
    expect((await staff.get(`/gestion/talleres/${workshop.id}/`)).body).toContain(
      `href="/gestion/talleres/${workshop.id}/preventa/"`,
    );
  });
});
