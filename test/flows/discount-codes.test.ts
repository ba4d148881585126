import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { mergeCustomers } from '../../src/domain/customer-merge';
import { applyEnrollmentDiscountCode } from '../../src/domain/enrollments';
import {
  expireUnpaidEnrollment,
  reinstateLapsedEnrollment,
} from '../../src/domain/enrollments/enrollments.service';
import { expireUnpaidOrders, reinstateLapsedSale } from '../../src/domain/sales/checkout.service';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { codeRow, createCode } from '../support/discounts';
import {
  createCustomer,
  createCustomerAccount,
  createInterest,
  createPackProduct,
  createProduct,
  createUser,
  createWorkshop,
  setShippingRate,
  TEST_ADDRESS,
  TEST_PASSWORD,
} from '../support/factories';

/** Discount codes typed on the payment pages of enrollments and kit orders (issue 17, part 3). */
describe('discount codes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;

  /** A logged-in customer with a PENDIENTE enrollment in a workshop (default $40.000). */
  const enrolled = async (
    workshopOverrides: Parameters<typeof createWorkshop>[1] = {},
    account?: Awaited<ReturnType<typeof createCustomerAccount>>,
  ) => {
    const who = account ?? (await createCustomerAccount(db()));
    const client = new TestClient(t.app);
    await client.login(who.login, who.password);
    const workshop = await createWorkshop(db(), { priceClp: 40000, ...workshopOverrides });
    const res = await client.post(`/talleres/${workshop.id}/`);
    const enrollmentId = Number(/\/pago\/(\d+)\//.exec(String(res.headers.location))![1]);
    return { client, account: who, workshop, enrollmentId };
  };
  const enrollment = (id: number) =>
    db().selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const sale = (id: number) =>
    db().selectFrom('sales').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  /** Types the code on the enrollment's payment page; returns the redirect and the page it leads to. */
  const applyCode = async (client: TestClient, enrollmentId: number, code: string) => {
    const res = await client.post(`/pago/${enrollmentId}/codigo/`, { codigo: code });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/pago/${enrollmentId}/`);
    return (await client.follow(res)).body;
  };

  /** A kit order checked out through the shop: one $20.000 kit, delivered for $5.000 when asked. */
  const ordered = async (options: { delivery?: boolean; categoryId?: number | null } = {}) => {
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const product = await createProduct(db(), { priceClp: 20000, categoryId: options.categoryId ?? null });
    await client.post(`/carrito/add/${product.id}/`, { cantidad: '1' });
    if (options.delivery) await setShippingRate(db(), 'VS', { priceClp: 5000, isAvailable: true });
    const res = await client.post(
      '/carrito/checkout/',
      options.delivery
        ? {
            entrega: 'despacho',
            nombre_recibe: TEST_ADDRESS.deliveryRecipient,
            telefono: TEST_ADDRESS.deliveryPhone,
            direccion: TEST_ADDRESS.deliveryStreet,
            comuna: TEST_ADDRESS.deliveryComuna,
            region: 'VS',
            indicaciones: '',
          }
        : { entrega: 'retiro' },
    );
    expect(res.statusCode).toBe(303);
    const saleId = Number(/\/pago\/venta\/(\d+)\//.exec(String(res.headers.location))![1]);
    return { client, account, product, saleId };
  };

  it('takes a percentage off an enrollment on the server, and the payment charges the new amount', async () => {
    const { code, id } = await createCode(t.database, { value: 15 });
    const { client, enrollmentId } = await enrolled();
    const before = await client.get(`/pago/${enrollmentId}/`);
    expect(before.body).toContain('¿Tienes un código de descuento?');
    expect(before.body).toContain(`action="/pago/${enrollmentId}/codigo/"`);

    const page = await applyCode(client, enrollmentId, `  ${code.toLowerCase()} `);
    expect(page).toContain('Código aplicado: descuento de $6.000. Ahora pagas $34.000.');
    expect(page).toContain(`Código <strong>${code}</strong> aplicado: descuento de $6.000.`);
    expect(page).toContain('−$6.000');
    expect(page).not.toContain('¿Tienes un código de descuento?');
    expect(await enrollment(enrollmentId)).toMatchObject({
      amountDueClp: 34000,
      discountClp: 6000,
      status: 'PENDIENTE',
    });
    expect((await codeRow(db(), id)).usesCount).toBe(1);

    const paid = await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' });
    expect(paid.statusCode).toBe(303);
    const payments = await db()
      .selectFrom('payments')
      .selectAll()
      .where('enrollmentId', '=', enrollmentId)
      .execute();
    expect(payments.map((p) => p.amountClp)).toEqual([34000]);
    expect(await enrollment(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 34000 });
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('refuses a second code on the same enrollment and a code once something is paid', async () => {
    const first = await createCode(t.database);
    const second = await createCode(t.database);
    const { client, enrollmentId } = await enrolled();
    await applyCode(client, enrollmentId, first.code);
    expect(await applyCode(client, enrollmentId, second.code)).toContain(
      'Esta inscripción ya tiene un código de descuento.',
    );
    expect((await codeRow(db(), second.id)).usesCount).toBe(0);

    const other = await enrolled();
    await other.client.post(`/pago/${other.enrollmentId}/`, { accion_pago: 'pagar' });
    expect(await applyCode(other.client, other.enrollmentId, second.code)).toContain(
      'Los códigos de descuento se aplican antes de pagar: esta inscripción ya no está pendiente de pago.',
    );
  });

  it('explains in Spanish why a code cannot be used, and changes nothing', async () => {
    t.clock.set('2026-03-02T15:00:00.000Z'); // 2 March in Santiago
    const expired = await createCode(t.database, { validUntil: '2026-03-01' });
    const future = await createCode(t.database, { validFrom: '2026-03-03' });
    const inactive = await createCode(t.database, { isActive: false });
    const minimum = await createCode(t.database, { minAmountClp: 50000 });
    const kitsOnly = await createCode(t.database, { scope: 'kits' });
    const otherWorkshop = await createWorkshop(db());
    const wrongWorkshop = await createCode(t.database, { scope: 'workshops', itemIds: [otherWorkshop.id] });
    const lastDay = await createCode(t.database, {
      validFrom: '2026-03-02',
      validUntil: '2026-03-02',
      kind: 'amount',
      value: 5000,
    });

    const { client, enrollmentId } = await enrolled();
    const cases: [string, string][] = [
      ['NO-EXISTE', 'No encontramos ese código de descuento. Revisa que esté bien escrito.'],
      [expired.code, 'Este código de descuento venció el 01-03-2026.'],
      [future.code, 'Este código de descuento se puede usar desde el 03-03-2026.'],
      [inactive.code, 'Este código de descuento ya no está disponible.'],
      [minimum.code, 'Este código de descuento es para compras desde $50.000.'],
      [kitsOnly.code, 'Este código de descuento no aplica a esta inscripción.'],
      [wrongWorkshop.code, 'Este código de descuento no aplica a esta inscripción.'],
    ];
    for (const [code, message] of cases)
      expect(await applyCode(client, enrollmentId, code)).toContain(message);
    expect(await enrollment(enrollmentId)).toMatchObject({ amountDueClp: 40000, discountClp: 0 });
    const blank = await client.post(`/pago/${enrollmentId}/codigo/`, { codigo: '' });
    expect((await client.follow(blank)).body).toContain('Escribe el código de descuento.');

    // Santiago's calendar day decides: 23:30 on 2 March in Santiago is already 3 March in UTC.
    t.clock.set('2026-03-03T02:30:00.000Z');
    expect(await applyCode(client, enrollmentId, lastDay.code)).toContain('Ahora pagas $35.000.');
    t.clock.set('2026-03-02T15:00:00.000Z');
  });

  it('limits a code to its workshops or categories', async () => {
    const category = await createInterest(db());
    const workshopScoped = await enrolled();
    const byWorkshop = await createCode(t.database, {
      scope: 'workshops',
      itemIds: [workshopScoped.workshop.id],
      kind: 'amount',
      value: 10000,
    });
    expect(await applyCode(workshopScoped.client, workshopScoped.enrollmentId, byWorkshop.code)).toContain(
      'Ahora pagas $30.000.',
    );

    const byCategory = await createCode(t.database, {
      scope: 'categories',
      itemIds: [category.id],
      value: 50,
    });
    const inCategory = await enrolled({ categoryId: category.id });
    expect(await applyCode(inCategory.client, inCategory.enrollmentId, byCategory.code)).toContain(
      'Ahora pagas $20.000.',
    );
    const outside = await enrolled();
    expect(await applyCode(outside.client, outside.enrollmentId, byCategory.code)).toContain(
      'no aplica a esta inscripción',
    );
  });

  it('counts uses in total and per customer, and says when they are used up', async () => {
    const once = await createCode(t.database, { maxUses: 1 });
    const a = await enrolled();
    const b = await enrolled();
    await applyCode(a.client, a.enrollmentId, once.code);
    expect(await applyCode(b.client, b.enrollmentId, once.code)).toContain(
      'Este código de descuento ya se usó todas las veces permitidas.',
    );

    const perCustomer = await createCode(t.database, { maxUsesPerCustomer: 1 });
    const first = await enrolled();
    await applyCode(first.client, first.enrollmentId, perCustomer.code);
    const again = await enrolled({}, first.account);
    expect(await applyCode(again.client, again.enrollmentId, perCustomer.code)).toContain(
      'Ya usaste este código de descuento todas las veces que permite por persona.',
    );
    expect((await codeRow(db(), perCustomer.id)).usesCount).toBe(1);
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('gives the use back when an unpaid enrollment is cancelled, and keeps it when it was paid', async () => {
    const code = await createCode(t.database, { maxUses: 2, maxUsesPerCustomer: 1 });
    const unpaid = await enrolled();
    await applyCode(unpaid.client, unpaid.enrollmentId, code.code);
    expect((await codeRow(db(), code.id)).usesCount).toBe(1);
    const cancel = await unpaid.client.post(`/cuenta/inscripciones/${unpaid.enrollmentId}/anular/`);
    expect(cancel.statusCode).toBe(303);
    expect((await enrollment(unpaid.enrollmentId)).status).toBe('ANULADO');
    expect((await codeRow(db(), code.id)).usesCount).toBe(0);
    // The same customer may use it again on another enrollment.
    const again = await enrolled({}, unpaid.account);
    expect(await applyCode(again.client, again.enrollmentId, code.code)).toContain('Ahora pagas $36.000.');

    const paid = await enrolled();
    await applyCode(paid.client, paid.enrollmentId, code.code);
    await paid.client.post(`/pago/${paid.enrollmentId}/`, { accion_pago: 'pagar' });
    await paid.client.post(`/cuenta/inscripciones/${paid.enrollmentId}/anular/`);
    expect(await enrollment(paid.enrollmentId)).toMatchObject({ status: 'ANULADO', refundDueClp: 36000 });
    expect((await codeRow(db(), code.id)).usesCount).toBe(2);
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('takes the use back when a lapsed enrollment returns because its payment arrived late', async () => {
    const code = await createCode(t.database, { maxUses: 1 });
    const { client, enrollmentId } = await enrolled({ unpaidExpiryHours: 2 });
    await applyCode(client, enrollmentId, code.code);
    t.clock.advanceHours(3);
    const ctx = { now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl };
    expect(
      await inTransaction(t.database, (trx) =>
        expireUnpaidEnrollment(trx, { enrollmentId, waitlistHoldHours: 24 }, ctx),
      ),
    ).toBe(true);
    expect((await codeRow(db(), code.id)).usesCount).toBe(0);
    await inTransaction(t.database, (trx) => reinstateLapsedEnrollment(trx, enrollmentId, ctx));
    expect(await enrollment(enrollmentId)).toMatchObject({ status: 'PENDIENTE', amountDueClp: 36000 });
    expect((await codeRow(db(), code.id)).usesCount).toBe(1);
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
    t.clock.set('2026-03-02T15:00:00.000Z');
  });

  it("adds a merged customer's uses of a code to the customer kept", async () => {
    const code = await createCode(t.database, { maxUsesPerCustomer: 3 });
    const ctx = { now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl };
    const keep = await createCustomer(db());
    const remove = await createCustomer(db());
    for (const customer of [keep, keep, remove]) {
      const workshop = await createWorkshop(db(), { seatsTaken: 1 });
      const row = await db()
        .insertInto('enrollments')
        .values({
          customerId: customer.id,
          workshopId: workshop.id,
          amountDueClp: 45000,
          status: 'PENDIENTE',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await inTransaction(t.database, (trx) =>
        applyEnrollmentDiscountCode(trx, { enrollmentId: row.id, customerId: null, code: code.code }, ctx),
      );
    }
    await inTransaction(t.database, (trx) =>
      mergeCustomers(trx, { keepId: keep.id, removeId: remove.id }, ctx),
    );
    const counters = await db()
      .selectFrom('discountCodeCustomers')
      .select(['customerId', 'uses'])
      .where('codeId', '=', code.id)
      .execute();
    expect(counters).toEqual([{ customerId: keep.id, uses: 3 }]);
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('settles an enrollment a code makes free', async () => {
    const full = await createCode(t.database, { value: 100 });
    const { client, enrollmentId } = await enrolled();
    expect(await applyCode(client, enrollmentId, full.code)).toContain('Tu inscripción quedó pagada.');
    expect(await enrollment(enrollmentId)).toMatchObject({
      status: 'PAGADO',
      amountDueClp: 0,
      amountPaidClp: 0,
      expiresAt: null,
    });
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('discounts a kit order but not its shipping, and the payment charges the new total', async () => {
    const fixed = await createCode(t.database, { kind: 'amount', value: 25000, scope: 'kits' });
    const { client, saleId } = await ordered({ delivery: true });
    expect((await sale(saleId)).totalClp).toBe(25000);
    const before = await client.get(`/pago/venta/${saleId}/`);
    expect(before.body).toContain(`action="/pago/venta/${saleId}/codigo/"`);
    const res = await client.post(`/pago/venta/${saleId}/codigo/`, { codigo: fixed.code });
    expect(res.headers.location).toBe(`/pago/venta/${saleId}/`);
    const page = (await client.follow(res)).body;
    // The $25.000 off is capped at the kit's $20.000: the $5.000 of shipping is still owed.
    expect(page).toContain('Código aplicado: descuento de $20.000. Ahora pagas $5.000.');
    expect(await sale(saleId)).toMatchObject({ totalClp: 5000, discountClp: 20000, status: 'PENDIENTE' });

    await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    const payments = await db().selectFrom('payments').selectAll().where('saleId', '=', saleId).execute();
    expect(payments.map((p) => p.amountClp)).toEqual([5000]);
    const receipt = await db()
      .selectFrom('emailOutbox')
      .select('bodyText')
      .where('saleId', '=', saleId)
      .where('template', '=', 'order_receipt')
      .executeTakeFirstOrThrow();
    expect(receipt.bodyText).toContain('Descuento: −$20.000');
    expect(receipt.bodyText).toContain('Total: $5.000');
    const staffUser = await createUser(db(), { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, TEST_PASSWORD);
    expect((await staff.get(`/gestion/ventas/${saleId}/`)).body).toContain(
      '<td class="num" data-test="sale-discount">−$20.000</td>',
    );
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('refuses a workshop-only code on a kit order, frees the use of a cancelled order, pays a free one', async () => {
    const workshopsOnly = await createCode(t.database, {
      scope: 'workshops',
      itemIds: [(await createWorkshop(db())).id],
    });
    const order = await ordered();
    const refused = await order.client.post(`/pago/venta/${order.saleId}/codigo/`, {
      codigo: workshopsOnly.code,
    });
    expect((await order.client.follow(refused)).body).toContain(
      'Este código de descuento no aplica a este pedido.',
    );

    const half = await createCode(t.database, { value: 50, maxUses: 1 });
    await order.client.post(`/pago/venta/${order.saleId}/codigo/`, { codigo: half.code });
    expect((await sale(order.saleId)).totalClp).toBe(10000);
    await order.client.post(`/pago/venta/${order.saleId}/`, { accion_pago: 'anular' });
    expect((await sale(order.saleId)).status).toBe('ANULADO');
    expect((await codeRow(db(), half.id)).usesCount).toBe(0);

    const free = await createCode(t.database, { value: 100 });
    const second = await ordered();
    const res = await second.client.post(`/pago/venta/${second.saleId}/codigo/`, { codigo: free.code });
    expect((await second.client.follow(res)).body).toContain('Tu pedido quedó pagado.');
    expect(await sale(second.saleId)).toMatchObject({ status: 'PAGADO', totalClp: 0 });
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it("gives a lapsed order's use back, and takes it again when a late payment brings the order back", async () => {
    const code = await createCode(t.database, { maxUses: 1 });
    const { client, saleId } = await ordered();
    await client.post(`/pago/venta/${saleId}/codigo/`, { codigo: code.code });
    t.clock.advanceHours(t.config.orderExpiryHours + 1);
    expect(await expireUnpaidOrders(t.database, t.clock.now())).toBeGreaterThanOrEqual(1);
    expect((await sale(saleId)).status).toBe('ANULADO');
    expect((await codeRow(db(), code.id)).usesCount).toBe(0);
    expect(await inTransaction(t.database, (trx) => reinstateLapsedSale(trx, saleId, t.clock.now()))).toBe(
      true,
    );
    expect(await sale(saleId)).toMatchObject({ status: 'PENDIENTE', totalClp: 18000, discountClp: 2000 });
    expect((await codeRow(db(), code.id)).usesCount).toBe(1);
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
    t.clock.set('2026-03-02T15:00:00.000Z');
  });

  it('lets nobody else use a code on an enrollment or order that is not theirs', async () => {
    const code = await createCode(t.database);
    const { enrollmentId } = await enrolled();
    const { saleId } = await ordered();
    const stranger = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(stranger.login, stranger.password);
    expect((await client.post(`/pago/${enrollmentId}/codigo/`, { codigo: code.code })).statusCode).toBe(404);
    expect((await client.post(`/pago/venta/${saleId}/codigo/`, { codigo: code.code })).statusCode).toBe(404);
    expect((await codeRow(db(), code.id)).usesCount).toBe(0);
  });

  it('takes a code for packs off the packs of an order only, and refuses it on kits and workshops', async () => {
    const forPacks = await createCode(t.database, { scope: 'packs', value: 20 });
    const forKits = await createCode(t.database, { scope: 'kits', value: 20 });
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const pack = await createPackProduct(db(), { priceClp: 100000, credits: 5 });
    const kit = await createProduct(db(), { priceClp: 20000 });
    await client.post(`/carrito/add/${pack.id}/`, { cantidad: '1' });
    await client.post(`/carrito/add/${kit.id}/`, { cantidad: '1' });
    const checkout = await client.post('/carrito/checkout/', { entrega: 'retiro' });
    const saleId = Number(/\/pago\/venta\/(\d+)\//.exec(String(checkout.headers.location))![1]);
    expect((await sale(saleId)).totalClp).toBe(120000);

    const res = await client.post(`/pago/venta/${saleId}/codigo/`, { codigo: forPacks.code });
    // 20% of the $100.000 pack; the $20.000 kit is not covered.
    expect((await client.follow(res)).body).toContain(
      'Código aplicado: descuento de $20.000. Ahora pagas $100.000.',
    );
    expect(await sale(saleId)).toMatchObject({ totalClp: 100000, discountClp: 20000 });
    expect((await codeRow(db(), forPacks.id)).usesCount).toBe(1);
    // The pack is worth what was paid for it: its credits are valued at $80.000 ÷ 5 in the liability.
    await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    const issued = await db()
      .selectFrom('packs')
      .select(['priceClp', 'credits'])
      .where('saleId', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(issued).toEqual({ priceClp: 80000, credits: 5 });

    const kitOrder = await ordered();
    const onKits = await kitOrder.client.post(`/pago/venta/${kitOrder.saleId}/codigo/`, {
      codigo: forPacks.code,
    });
    expect((await kitOrder.client.follow(onKits)).body).toContain(
      'Este código de descuento no aplica a este pedido. Es solo para bonos.',
    );
    expect((await sale(kitOrder.saleId)).totalClp).toBe(20000);
    const { client: enrolledClient, enrollmentId } = await enrolled();
    expect(await applyCode(enrolledClient, enrollmentId, forPacks.code)).toContain(
      'Este código de descuento no aplica a esta inscripción. Es solo para bonos.',
    );
    expect((await codeRow(db(), forPacks.id)).usesCount).toBe(1);

    // A code for kits no longer covers packs, which are products of the shop too.
    await client.post(`/carrito/add/${pack.id}/`, { cantidad: '1' });
    const packOnly = await client.post('/carrito/checkout/', { entrega: 'retiro' });
    const packSaleId = Number(/\/pago\/venta\/(\d+)\//.exec(String(packOnly.headers.location))![1]);
    const onPack = await client.post(`/pago/venta/${packSaleId}/codigo/`, { codigo: forKits.code });
    expect((await client.follow(onPack)).body).toContain(
      'Este código de descuento no aplica a este pedido. Es solo para kits.',
    );
    expect(await sale(packSaleId)).toMatchObject({ totalClp: 100000, discountClp: 0 });
    expect((await runConsistencyChecks(db(), t.clock.now())).problems).toEqual([]);
  });

  it('reports counters that do not match the uses recorded', async () => {
    const code = await createCode(t.database, { maxUses: 3 });
    const { client, enrollmentId } = await enrolled();
    await applyCode(client, enrollmentId, code.code);
    await db().updateTable('discountCodes').set({ usesCount: 3 }).where('id', '=', code.id).execute();
    await db().updateTable('enrollments').set({ discountClp: 1 }).where('id', '=', enrollmentId).execute();
    const { problems } = await runConsistencyChecks(db(), t.clock.now());
    expect(problems).toContain(`Código ${code.code}: cuenta 3 usos, pero tiene 1 usos vigentes registrados.`);
    expect(problems).toContain(
      `Inscripción #${enrollmentId}: tiene un descuento de 1, pero su código registró 4000.`,
    );
    await db().updateTable('discountCodes').set({ usesCount: 1 }).where('id', '=', code.id).execute();
    await db().updateTable('enrollments').set({ discountClp: 4000 }).where('id', '=', enrollmentId).execute();
  });
});
