import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database';
import { inTransaction } from '../../src/db/transaction';
import { checkShopConsistency } from '../../src/domain/sales/checkout.consistency';
import { cancelSale, expireUnpaidOrders } from '../../src/domain/sales/checkout.service';
import { jobs } from '../../src/jobs';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { testDialect } from '../support/db';
import { createCustomerAccount, createProduct, createUser } from '../support/factories';

function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) =>
    m[1]!.replaceAll('&quot;', '"'),
  );
}

describe('checkout and the simulated sale payment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const stockOf = async (id: number) =>
    (await db().selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()).stock;

  async function shopper() {
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { ...account, client };
  }

  async function checkedOut(items: { id: number; quantity: number }[]) {
    const s = await shopper();
    for (const item of items)
      await s.client.post(`/carrito/add/${item.id}/`, { cantidad: String(item.quantity) });
    const res = await s.client.post('/carrito/checkout/');
    expect(res.statusCode).toBe(303);
    const saleId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    expect(saleId).toBeGreaterThan(0);
    return { ...s, saleId, res };
  }

  it('sends an anonymous visitor to log in and back to the cart', async () => {
    const client = new TestClient(t.app);
    const kit = await createProduct(db());
    await client.post(`/carrito/add/${kit.id}/`);
    const res = await client.post('/carrito/checkout/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login/?next=/carrito/');
    expect(flashes((await client.follow(res)).body)).toContain(
      'Debes iniciar sesión o registrarte para completar la compra.',
    );
    expect(await db().selectFrom('sales').select('id').execute()).toHaveLength(0);
  });

  it('refuses an empty cart', async () => {
    const s = await shopper();
    const res = await s.client.post('/carrito/checkout/');
    expect(res.headers.location).toBe('/carrito/');
    expect(flashes((await s.client.follow(res)).body)).toContain('El carrito está vacío.');
  });

  it('creates a pending sale at the prices of the checkout moment, takes the stock and empties the cart', async () => {
    const a = await createProduct(db(), { name: 'Kit Resina Premium', priceClp: 15000, stock: 10 });
    const b = await createProduct(db(), { name: 'Kit Timbres', priceClp: 8000, stock: 5 });
    const s = await shopper();
    await s.client.post(`/carrito/add/${b.id}/`, { cantidad: '1' });
    await s.client.post(`/carrito/add/${a.id}/`, { cantidad: '2' });
    // The price changes after the kit is in the cart: the sale uses the new one.
    await db().updateTable('products').set({ priceClp: 17000 }).where('id', '=', a.id).execute();

    const res = await s.client.post('/carrito/checkout/');
    expect(res.statusCode).toBe(303);
    const saleId = Number(/\/pago\/venta\/(\d+)\//.exec(String(res.headers.location))![1]);
    const sale = await db()
      .selectFrom('sales')
      .selectAll()
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale).toMatchObject({
      customerId: s.customer.id,
      status: 'PENDIENTE',
      totalClp: 2 * 17000 + 8000,
    });
    expect(sale.expiresAt).toBe('2026-03-02T17:00:00.000Z'); // clock 15:00Z + 2 h
    const lines = await db()
      .selectFrom('saleLines')
      .select(['productId', 'quantity', 'unitPriceClp'])
      .where('saleId', '=', saleId)
      .orderBy('productId')
      .execute();
    expect(lines).toEqual([
      { productId: a.id, quantity: 2, unitPriceClp: 17000 },
      { productId: b.id, quantity: 1, unitPriceClp: 8000 },
    ]);
    expect(await stockOf(a.id)).toBe(8);
    expect(await stockOf(b.id)).toBe(4);
    expect(
      await db().selectFrom('cartItems').select('id').where('customerId', '=', s.customer.id).execute(),
    ).toEqual([]);

    const page = await s.client.follow(res);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Pago de tu compra #${saleId}`);
    expect(page.body).toContain('Kit Resina Premium');
    expect(page.body).toContain('data-test="sale-total">$42.000');
    expect(page.body).toContain('data-test="pay-sale"');
    expect(page.body).toContain('Simular pago rechazado');
    expect(page.body).toContain('Anular pedido');
  });

  it('refuses the whole order, naming the short product and what is left, and sells nothing', async () => {
    const first = await createProduct(db(), { name: 'Kit Acuarela', stock: 10 });
    const short = await createProduct(db(), { name: 'Kit Resina Premium 2', stock: 5 });
    const s = await shopper();
    await s.client.post(`/carrito/add/${first.id}/`, { cantidad: '3' });
    await s.client.post(`/carrito/add/${short.id}/`, { cantidad: '4' });
    await db().updateTable('products').set({ stock: 2 }).where('id', '=', short.id).execute();

    const res = await s.client.post('/carrito/checkout/');
    expect(res.headers.location).toBe('/carrito/');
    const page = await s.client.follow(res);
    expect(flashes(page.body)).toContain(
      'Stock insuficiente: solo quedan 2 unidades de "Kit Resina Premium 2".',
    );
    expect(await stockOf(first.id)).toBe(10); // the first line's stock was put back by the rollback
    expect(await stockOf(short.id)).toBe(2);
    expect(
      await db().selectFrom('sales').select('id').where('customerId', '=', s.customer.id).execute(),
    ).toEqual([]);
    expect(
      await db()
        .selectFrom('cartItems')
        .select('productId')
        .where('customerId', '=', s.customer.id)
        .execute(),
    ).toHaveLength(2);
  });

  it('says when nothing is left of a product', async () => {
    const kit = await createProduct(db(), { name: 'Kit Último', stock: 1 });
    const s = await shopper();
    await s.client.post(`/carrito/add/${kit.id}/`);
    await db().updateTable('products').set({ stock: 0 }).where('id', '=', kit.id).execute();
    // The cart flags it, and the checkout (posted anyway) refuses it.
    expect((await s.client.get('/carrito/')).body).toContain('se quedó sin stock');
    const res = await s.client.post('/carrito/checkout/');
    expect(flashes((await s.client.follow(res)).body)).toContain(
      'Stock insuficiente: ya no quedan unidades de "Kit Último".',
    );
  });

  it('refuses a cart with a product that became unavailable', async () => {
    const kit = await createProduct(db(), { name: 'Kit Descontinuado' });
    const s = await shopper();
    await s.client.post(`/carrito/add/${kit.id}/`);
    await db().updateTable('products').set({ isAvailable: false }).where('id', '=', kit.id).execute();
    const res = await s.client.post('/carrito/checkout/');
    expect(flashes((await s.client.follow(res)).body)).toContain(
      '"Kit Descontinuado" ya no está disponible: quítalo del carrito para continuar.',
    );
    expect(await stockOf(kit.id)).toBe(10);
  });

  it('shows the payment page only to the sale customer and staff', async () => {
    const kit = await createProduct(db());
    const { saleId } = await checkedOut([{ id: kit.id, quantity: 1 }]);
    const stranger = await shopper();
    expect((await stranger.client.get(`/pago/venta/${saleId}/`)).statusCode).toBe(404);
    const forged = await stranger.client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    expect(forged.statusCode).toBe(404);
    const anonymous = await t.app.inject(`/pago/venta/${saleId}/`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/login/');
    const staffUser = await createUser(db(), { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, staffUser.password);
    expect((await staff.get(`/pago/venta/${saleId}/`)).statusCode).toBe(200);
    expect((await stranger.client.get('/pago/venta/999999/')).statusCode).toBe(404);
    expect((await stranger.client.get('/pago/venta/abc/')).statusCode).toBe(404);
    const sale = await db()
      .selectFrom('sales')
      .select('status')
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale.status).toBe('PENDIENTE');
  });

  it('pays once: one payment row, PAGADO with paid_at and the receipt queued, even when clicked twice', async () => {
    const kit = await createProduct(db(), { name: 'Kit Pagado', priceClp: 12000 });
    const { client, saleId, user } = await checkedOut([{ id: kit.id, quantity: 2 }]);
    const [first, second] = await Promise.all([
      client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' }),
      client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' }),
    ]);
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    const third = await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    const page = await client.follow(third);
    expect(flashes(page.body)).toContain('Este pedido ya fue pagado.');
    expect(page.body).toContain('data-test="sale-paid"');

    const sale = await db()
      .selectFrom('sales')
      .selectAll()
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale.status).toBe('PAGADO');
    expect(sale.paidAt).toBe('2026-03-02T15:00:00.000Z');
    const payments = await db().selectFrom('payments').selectAll().where('saleId', '=', saleId).execute();
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      kind: 'PAYMENT',
      method: 'simulado',
      amountClp: 24000,
      enrollmentId: null,
    });
    const mail = await db()
      .selectFrom('emailOutbox')
      .select(['template', 'toAddress', 'bodyText'])
      .where('saleId', '=', saleId)
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ template: 'order_receipt', toAddress: user.email });
    expect(mail[0]!.bodyText).toContain('Kit Pagado');
  });

  it('shows the payment success on the page after paying', async () => {
    const kit = await createProduct(db());
    const { client, saleId } = await checkedOut([{ id: kit.id, quantity: 1 }]);
    const res = await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    expect(res.headers.location).toBe(`/pago/venta/${saleId}/`);
    const page = await client.follow(res);
    expect(flashes(page.body)).toContain(
      `¡Pago procesado con éxito! Tu pedido #${saleId} está pagado; te enviamos el comprobante por correo.`,
    );
    expect(page.body).not.toContain('data-test="pay-sale"');
  });

  it('changes nothing on a simulated declined payment', async () => {
    const kit = await createProduct(db());
    const { client, saleId } = await checkedOut([{ id: kit.id, quantity: 1 }]);
    const res = await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'fallar' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/pago/venta/${saleId}/`);
    expect(flashes((await client.follow(res)).body)).toContain(
      'El pago fue rechazado (simulado). No se cobró nada; puedes intentarlo de nuevo.',
    );
    const sale = await db()
      .selectFrom('sales')
      .select(['status', 'paidAt'])
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale).toEqual({ status: 'PENDIENTE', paidAt: null });
    expect(await db().selectFrom('payments').select('id').where('saleId', '=', saleId).execute()).toEqual([]);
  });

  it('lets the customer cancel an unpaid order, returning its stock, and then refuses to pay it', async () => {
    const kit = await createProduct(db(), { stock: 6 });
    const { client, saleId } = await checkedOut([{ id: kit.id, quantity: 4 }]);
    expect(await stockOf(kit.id)).toBe(2);
    const res = await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'anular' });
    expect(flashes((await client.follow(res)).body)).toContain(
      `Anulaste el pedido #${saleId}. Los productos volvieron a la tienda.`,
    );
    expect(await stockOf(kit.id)).toBe(6);
    const again = await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'anular' });
    expect(flashes((await client.follow(again)).body)).toContain(
      'Este pedido ya no está pendiente: no se puede anular.',
    );
    expect(await stockOf(kit.id)).toBe(6);
    const pay = await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    expect(flashes((await client.follow(pay)).body)).toContain(
      'Este pedido fue anulado y ya no se puede pagar. Puedes armar tu carrito de nuevo.',
    );
    const sale = await db()
      .selectFrom('sales')
      .selectAll()
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale.status).toBe('ANULADO');
    expect(sale.cancelledAt).toBe('2026-03-02T15:00:00.000Z');
  });

  it('expires unpaid orders past their deadline once, even with two workers, and returns the stock', async () => {
    const kit = await createProduct(db(), { stock: 5 });
    const { client, saleId } = await checkedOut([{ id: kit.id, quantity: 3 }]);
    const paid = await checkedOut([{ id: kit.id, quantity: 1 }]);
    await paid.client.post(`/pago/venta/${paid.saleId}/`, { accion_pago: 'pagar' });
    expect(await stockOf(kit.id)).toBe(1);

    t.clock.advanceHours(1);
    expect(await expireUnpaidOrders(t.database, t.clock.now())).toBe(0);
    t.clock.advanceHours(1.5);
    // Past the deadline but not yet collected: it can no longer be paid.
    const late = await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    expect(flashes((await client.follow(late)).body)).toContain(
      'El plazo para pagar este pedido venció y será anulado. Puedes armar tu carrito de nuevo.',
    );

    // A second process: its own connection to the same database.
    const other = createDatabase(t.database.config);
    try {
      const expiryJob = jobs.find((j) => j.name === 'shop-order-expiry')!;
      const log = { info: () => {}, error: () => {} };
      const runs = [t.database, other].map(
        (database) => () => expiryJob.run({ database, config: t.config, now: t.clock.now, log }),
      );
      // Two connections in ONE process cannot overlap on SQLite: better-sqlite3 waits for the
      // write lock synchronously, blocking the event loop that would release it. There the
      // workers run one after the other; PostgreSQL runs them at the same time.
      if (testDialect() === 'postgres') await Promise.all(runs.map((run) => run()));
      else for (const run of runs) await run();
    } finally {
      await other.close();
    }
    const sale = await db()
      .selectFrom('sales')
      .select(['status'])
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale.status).toBe('ANULADO');
    expect(await stockOf(kit.id)).toBe(4);
    const paidSale = await db()
      .selectFrom('sales')
      .select('status')
      .where('id', '=', paid.saleId)
      .executeTakeFirstOrThrow();
    expect(paidSale.status).toBe('PAGADO');
    t.clock.set('2026-03-02T15:00:00.000Z');
  });

  it('returns the stock of a sale once when the cancellation is claimed twice', async () => {
    const kit = await createProduct(db(), { stock: 5 });
    const { saleId } = await checkedOut([{ id: kit.id, quantity: 2 }]);
    const now = t.clock.now();
    const later = new Date(now.getTime() + 3 * 3600_000);
    expect(await inTransaction(t.database, (trx) => cancelSale(trx, saleId, later, later))).toBe(true);
    expect(await inTransaction(t.database, (trx) => cancelSale(trx, saleId, later, later))).toBe(false);
    expect(await stockOf(kit.id)).toBe(5);
  });

  it('does not expire an order before its deadline', async () => {
    const kit = await createProduct(db(), { stock: 5 });
    const { saleId } = await checkedOut([{ id: kit.id, quantity: 2 }]);
    const early = new Date(t.clock.now().getTime() + 3600_000);
    expect(await inTransaction(t.database, (trx) => cancelSale(trx, saleId, early, early))).toBe(false);
    expect(await stockOf(kit.id)).toBe(3);
  });

  it('uses the configured order expiry', async () => {
    const other = await buildTestApp({ database: t.database, env: { ORDER_EXPIRY_HOURS: '5' } });
    try {
      const account = await createCustomerAccount(db());
      const kit = await createProduct(db());
      const client = new TestClient(other.app);
      await client.login(account.login, account.password);
      await client.post(`/carrito/add/${kit.id}/`);
      const res = await client.post('/carrito/checkout/');
      const saleId = Number(/\/pago\/venta\/(\d+)\//.exec(String(res.headers.location))![1]);
      const sale = await db()
        .selectFrom('sales')
        .select('expiresAt')
        .where('id', '=', saleId)
        .executeTakeFirstOrThrow();
      expect(sale.expiresAt).toBe('2026-03-02T20:00:00.000Z');
    } finally {
      await other.app.close();
    }
  });

  it('leaves the shop consistent after all of the above', async () => {
    expect(await checkShopConsistency(db())).toEqual([]);
  });

  it('reports an inconsistent sale', async () => {
    const kit = await createProduct(db());
    const { saleId } = await checkedOut([{ id: kit.id, quantity: 1 }]);
    await db()
      .updateTable('sales')
      .set({ status: 'PAGADO', paidAt: '2026-03-02T15:00:00.000Z' })
      .where('id', '=', saleId)
      .execute();
    const problems = await checkShopConsistency(db());
    expect(problems.some((p) => p.startsWith(`Venta #${saleId} está PAGADA con 0 pagos`))).toBe(true);
    await db()
      .updateTable('sales')
      .set({ status: 'ANULADO', paidAt: null, cancelledAt: '2026-03-02T15:00:00.000Z' })
      .where('id', '=', saleId)
      .execute();
  });
});
