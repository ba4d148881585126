import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packLedgerCheck, packRedemptionsCheck } from '../../src/domain/packs';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCode } from '../support/discounts';
import {
  createCustomerAccount,
  createCustomerPack,
  createInterest,
  createPackProduct,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
} from '../support/factories';

function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) => m[1]!);
}

/**
 * Paying an enrollment made earlier (unpaid) with one pack credit, on its payment page /pago/<id>/
 * (issue 17, part 1): the same rules as booking with a credit.
 */
describe('paying an unpaid enrollment with a pack credit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const inDays = (days: number) => new Date(t.clock.now().getTime() + days * 24 * 3600_000);

  async function customer() {
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { ...account, id: account.customer.id, client };
  }

  /** Enrolls the customer to pay later; returns the unpaid enrollment's id. */
  async function unpaid(client: TestClient, workshopId: number): Promise<number> {
    const res = await client.post(`/talleres/${workshopId}/`);
    const id = Number(/^\/pago\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    expect(id).toBeGreaterThan(0);
    return id;
  }

  const enrollment = (id: number) =>
    db()
      .selectFrom('enrollments')
      .select(['status', 'amountDueClp', 'amountPaidClp', 'paidWith', 'expiresAt'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  /**
   * What `tmm check` says of the credit ledger. Only the packs' checks: the pack factory writes its
   * order's payment directly, without the daily summary another check compares it with.
   */
  const packProblems = async () => [
    ...(await packLedgerCheck.run(db(), t.clock.now())),
    ...(await packRedemptionsCheck.run(db(), t.clock.now())),
  ];

  async function balance(packId: number) {
    const rows = await db()
      .selectFrom('packCreditEntries')
      .select(['credits'])
      .where('packId', '=', packId)
      .execute();
    return rows.reduce((sum, r) => sum + r.credits, 0);
  }

  it('offers the credit on the payment page, spends the soonest-expiring pack, and returns it on cancelling in time', async () => {
    const s = await customer();
    const later = await createCustomerPack(db(), {
      now: t.clock.now(),
      customerId: s.id,
      credits: 3,
      validityDays: 120,
    });
    const sooner = await createCustomerPack(db(), {
      now: t.clock.now(),
      customerId: s.id,
      credits: 2,
      validityDays: 60,
    });
    const packName = (
      await db().selectFrom('packs').select('name').where('id', '=', sooner.id).executeTakeFirstOrThrow()
    ).name;
    const workshop = await createWorkshop(db(), {
      name: 'Acuarela al aire libre',
      startsAt: inDays(10).toISOString(),
      priceClp: 40000,
      unpaidExpiryHours: 48,
    });
    const id = await unpaid(s.client, workshop.id);

    const page = (await s.client.get(`/pago/${id}/`)).body;
    expect(page).toContain('data-test="pay-with-credit"');
    expect(page).toContain('Tienes 5 créditos para este taller.');
    expect(page).toContain(`Pagar con 1 crédito del bono «${packName}»`);
    expect(page).toContain(`action="/pago/${id}/credito/"`);

    const res = await s.client.post(`/pago/${id}/credito/`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/pago/${id}/`);
    const after = (await s.client.follow(res)).body;
    expect(flashes(after)).toContain(
      '¡Listo! Pagaste tu inscripción en Acuarela al aire libre con 1 crédito de tu bono: tu cupo está asegurado.',
    );
    expect(after).toContain('data-test="payment-done"');
    expect(after).not.toContain('data-test="pay-with-credit"');
    expect(await enrollment(id)).toEqual({
      status: 'PAGADO',
      amountDueClp: 0,
      amountPaidClp: 0,
      paidWith: 'pack_credit',
      expiresAt: null,
    });
    expect([await balance(sooner.id), await balance(later.id)]).toEqual([1, 3]);
    expect(await db().selectFrom('payments').select('id').where('enrollmentId', '=', id).execute()).toEqual(
      [],
    );

    // Paying twice spends nothing more.
    const again = await s.client.post(`/pago/${id}/credito/`);
    expect(flashes((await s.client.follow(again)).body)).toContain(
      'Esta inscripción ya no está pendiente de pago: no se puede pagar con un crédito.',
    );
    expect(await balance(sooner.id)).toBe(1);

    const cancel = await s.client.post(`/cuenta/inscripciones/${id}/anular/`);
    expect(cancel.statusCode).toBe(303);
    expect(flashes((await s.client.follow(cancel)).body).join(' ')).toContain('Te devolvimos el crédito');
    expect(await balance(sooner.id)).toBe(2);
    expect(await packProblems()).toEqual([]);
  });

  it('offers nothing without an eligible pack, and refuses the spend with the reason', async () => {
    const category = await createInterest(db());
    const s = await customer();
    const otherCategory = await createPackProduct(db(), { credits: 2, categoryIds: [category.id] });
    await createCustomerPack(db(), { now: t.clock.now(), customerId: s.id, productId: otherCategory.id });
    const noOnline = await createPackProduct(db(), { credits: 2, isOnlineIncluded: false });
    await createCustomerPack(db(), { now: t.clock.now(), customerId: s.id, productId: noOnline.id });
    const shortPack = await createPackProduct(db(), { credits: 2, validityDays: 5 });
    await createCustomerPack(db(), { now: t.clock.now(), customerId: s.id, productId: shortPack.id });

    // Online, in no category, in 10 days: not covered, no online, expires before it starts.
    const workshop = await createWorkshop(db(), {
      startsAt: inDays(10).toISOString(),
      modality: 'ONLINE',
      location: null,
    });
    const id = await unpaid(s.client, workshop.id);
    expect((await s.client.get(`/pago/${id}/`)).body).not.toContain('pay-with-credit');
    const res = await s.client.post(`/pago/${id}/credito/`);
    expect(res.headers.location).toBe(`/pago/${id}/`);
    expect(flashes((await s.client.follow(res)).body)).toContain(
      'No tienes un bono vigente con créditos para este taller. Puedes pagar con dinero o comprar un bono en la tienda.',
    );
    expect(await enrollment(id)).toMatchObject({ status: 'PENDIENTE', paidWith: null });
    expect(
      await db().selectFrom('packCreditEntries').select('id').where('enrollmentId', '=', id).execute(),
    ).toEqual([]);
  });

  it('refuses a partly paid enrollment and one with a discount code: a credit pays a whole enrollment', async () => {
    const s = await customer();
    const pack = await createCustomerPack(db(), { now: t.clock.now(), customerId: s.id, credits: 2 });
    const partly = await unpaid(
      s.client,
      (await createWorkshop(db(), { startsAt: inDays(10).toISOString() })).id,
    );
    const staffUser = await createUser(db(), { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, TEST_PASSWORD);
    const paid = await staff.post(`/gestion/deudores/${partly}/pago/`, {
      monto: '10000',
      metodo: 'transferencia',
      clave: 'p'.repeat(22),
      volver: '/gestion/deudores/',
    });
    expect(paid.statusCode).toBe(303);
    expect((await enrollment(partly)).status).toBe('ABONADO');
    expect((await s.client.get(`/pago/${partly}/`)).body).not.toContain('pay-with-credit');
    const res = await s.client.post(`/pago/${partly}/credito/`);
    expect(flashes((await s.client.follow(res)).body)).toContain(
      'Esta inscripción ya tiene un abono: un crédito paga una inscripción completa, así que paga el saldo con dinero.',
    );

    const code = await createCode(t.database, { value: 10 });
    const withCode = await unpaid(
      s.client,
      (await createWorkshop(db(), { startsAt: inDays(10).toISOString() })).id,
    );
    await s.client.post(`/pago/${withCode}/codigo/`, { codigo: code.code });
    expect((await s.client.get(`/pago/${withCode}/`)).body).not.toContain('pay-with-credit');
    const refused = await s.client.post(`/pago/${withCode}/credito/`);
    expect(flashes((await s.client.follow(refused)).body)).toContain(
      'Esta inscripción tiene un código de descuento aplicado: págala con dinero.',
    );
    expect(await balance(pack.id)).toBe(2);
  });

  it("lets no one else spend a customer's credit on their enrollment, staff included", async () => {
    const owner = await customer();
    const pack = await createCustomerPack(db(), { now: t.clock.now(), customerId: owner.id, credits: 1 });
    const id = await unpaid(
      owner.client,
      (await createWorkshop(db(), { startsAt: inDays(10).toISOString() })).id,
    );
    const stranger = await customer();
    await createCustomerPack(db(), { now: t.clock.now(), customerId: stranger.id, credits: 1 });
    expect((await stranger.client.post(`/pago/${id}/credito/`)).statusCode).toBe(404);
    const staffUser = await createUser(db(), { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, TEST_PASSWORD);
    expect((await staff.get(`/pago/${id}/`)).body).not.toContain('pay-with-credit');
    expect((await staff.post(`/pago/${id}/credito/`)).statusCode).toBe(404);
    expect(await enrollment(id)).toMatchObject({ status: 'PENDIENTE' });
    expect(await balance(pack.id)).toBe(1);
  });

  it('spends the last credit once when two unpaid enrollments are paid with it at the same time', async () => {
    const s = await customer();
    const pack = await createCustomerPack(db(), { now: t.clock.now(), customerId: s.id, credits: 1 });
    const first = await unpaid(
      s.client,
      (await createWorkshop(db(), { startsAt: inDays(10).toISOString() })).id,
    );
    const second = await unpaid(
      s.client,
      (await createWorkshop(db(), { startsAt: inDays(12).toISOString() })).id,
    );
    const results = await Promise.all([
      s.client.post(`/pago/${first}/credito/`),
      s.client.post(`/pago/${second}/credito/`),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([303, 303]);
    const statuses = [(await enrollment(first)).status, (await enrollment(second)).status].sort();
    expect(statuses).toEqual(['PAGADO', 'PENDIENTE']);
    expect(await balance(pack.id)).toBe(0);
    expect(await packProblems()).toEqual([]);
  });

  it('spends one credit per seat for a party, and offers nothing when the packs hold fewer', async () => {
    const s = await customer();
    const pack = await createCustomerPack(db(), { now: t.clock.now(), customerId: s.id, credits: 4 });
    const workshop = await createWorkshop(db(), {
      name: 'Telar para tres',
      startsAt: inDays(10).toISOString(),
      priceClp: 20000,
      unpaidExpiryHours: 48,
    });
    const booked = await s.client.post(`/talleres/${workshop.id}/`, { cupos: '3' });
    const id = Number(/^\/pago\/(\d+)\/$/.exec(String(booked.headers.location))?.[1]);
    expect(id).toBeGreaterThan(0);

    const page = (await s.client.get(`/pago/${id}/`)).body;
    expect(page).toContain('Pagar con 3 créditos del bono');
    const res = await s.client.post(`/pago/${id}/credito/`);
    expect(flashes((await s.client.follow(res)).body)).toContain(
      '¡Listo! Pagaste tu inscripción en Telar para tres con 3 créditos de tu bono: tu cupo está asegurado.',
    );
    expect(await balance(pack.id)).toBe(1);

    // One credit left, a party of two: no offer, and a forged spend is refused with the reason.
    const other = await createWorkshop(db(), {
      name: 'Cerámica en pareja',
      startsAt: inDays(12).toISOString(),
      priceClp: 20000,
      unpaidExpiryHours: 48,
    });
    const pair = await s.client.post(`/talleres/${other.id}/`, { cupos: '2' });
    const pairId = Number(/^\/pago\/(\d+)\/$/.exec(String(pair.headers.location))?.[1]);
    expect((await s.client.get(`/pago/${pairId}/`)).body).not.toContain('data-test="pay-with-credit"');
    const refused = await s.client.post(`/pago/${pairId}/credito/`);
    expect(flashes((await s.client.follow(refused)).body).join(' ')).toContain('No tienes un bono vigente');
    expect((await enrollment(pairId)).status).toBe('PENDIENTE');
    expect(await balance(pack.id)).toBe(1);
    expect(await packProblems()).toEqual([]);
  });
});
