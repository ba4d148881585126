import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomerAccount, createProduct } from '../support/factories';

/** The flash messages shown on a page (the layout renders them in .flash elements). */
function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) =>
    m[1]!.replaceAll('&quot;', '"'),
  );
}

describe('shopping cart', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('adds a kit for an anonymous visitor, keeps it with the session and shows the current total', async () => {
    const kit = await createProduct(t.database.db, {
      name: 'Kit Resina Premium',
      priceClp: 15000,
      stock: 10,
    });
    const client = new TestClient(t.app);
    const added = await client.post(`/carrito/add/${kit.id}/`, { cantidad: '2' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/carrito/');
    const cart = await client.follow(added);
    expect(flashes(cart.body)).toContain('"Kit Resina Premium" agregado al carrito.');
    expect(cart.body).toContain('<h1>Mi carrito</h1>');
    expect(cart.body).toContain(`data-test="cart-line-${kit.id}"`);
    expect(cart.body).toContain('$30.000');

    const again = await client.post(`/carrito/add/${kit.id}/`); // no quantity: one more unit
    expect(again.statusCode).toBe(303);
    const rows = await t.database.db
      .selectFrom('cartItems')
      .selectAll()
      .where('productId', '=', kit.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.quantity).toBe(3);
    expect(rows[0]!.sessionId).toBeTruthy();
    expect(rows[0]!.customerId).toBeNull();

    // Another visitor has an empty cart.
    const other = await new TestClient(t.app).get('/carrito/');
    expect(other.body).toContain('Tu carrito está vacío.');
  });

  it('never changes the cart on a GET to the old add link', async () => {
    const kit = await createProduct(t.database.db);
    const client = new TestClient(t.app);
    const res = await client.get(`/carrito/add/${kit.id}/`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/productos/${kit.id}/`);
    const count = await t.database.db
      .selectFrom('cartItems')
      .select('id')
      .where('productId', '=', kit.id)
      .execute();
    expect(count).toHaveLength(0);
  });

  it('refuses a POST without the CSRF token', async () => {
    const kit = await createProduct(t.database.db);
    const client = new TestClient(t.app);
    await client.get('/carrito/');
    const res = await client.post(`/carrito/add/${kit.id}/`, { cantidad: '1' }, { csrf: false });
    expect(res.statusCode).toBe(403);
  });

  it('caps the quantity at the stock on hand, with a message', async () => {
    const kit = await createProduct(t.database.db, { name: 'Kit Escaso', stock: 3 });
    const client = new TestClient(t.app);
    const res = await client.post(`/carrito/add/${kit.id}/`, { cantidad: '5' });
    const page = await client.follow(res);
    expect(flashes(page.body)).toContain('Solo hay 3 unidades de "Kit Escaso": dejamos 3 en tu carrito.');
    const upd = await client.post('/carrito/update/', { producto_id: String(kit.id), cantidad: '9' });
    const page2 = await client.follow(upd);
    expect(flashes(page2.body)).toContain('Solo hay 3 unidades de "Kit Escaso": ajustamos la cantidad a 3.');
    const row = await t.database.db
      .selectFrom('cartItems')
      .select('quantity')
      .where('productId', '=', kit.id)
      .executeTakeFirstOrThrow();
    expect(row.quantity).toBe(3);
  });

  it('refuses to add an unavailable or out-of-stock kit, and a product that does not exist', async () => {
    const hidden = await createProduct(t.database.db, { name: 'Kit Retirado', isAvailable: false });
    const empty = await createProduct(t.database.db, { name: 'Kit Vacío', stock: 0 });
    const client = new TestClient(t.app);
    const a = await client.post(`/carrito/add/${hidden.id}/`);
    expect(a.statusCode).toBe(303);
    expect(a.headers.location).toBe(`/productos/${hidden.id}/`);
    expect(flashes((await client.follow(a)).body)).toContain('"Kit Retirado" ya no está disponible.');
    const b = await client.post(`/carrito/add/${empty.id}/`);
    expect(flashes((await client.follow(b)).body)).toContain('"Kit Vacío" no tiene stock por ahora.');
    expect((await client.post('/carrito/add/999999/')).statusCode).toBe(404);
    expect((await client.get('/carrito/')).body).toContain('Tu carrito está vacío.');
  });

  it('sets a quantity, removes a line at 0 and rejects an invalid quantity', async () => {
    const kit = await createProduct(t.database.db, { stock: 10, priceClp: 1000 });
    const client = new TestClient(t.app);
    await client.post(`/carrito/add/${kit.id}/`);
    const upd = await client.post('/carrito/update/', { producto_id: String(kit.id), cantidad: '4' });
    expect(upd.statusCode).toBe(303);
    expect(upd.headers.location).toBe('/carrito/');
    const page = await client.follow(upd);
    expect(flashes(page.body)).toContain('Cantidad actualizada.');
    expect(page.body).toContain('$4.000');

    for (const bad of ['dos', '-1', '1.5', '']) {
      const res = await client.post('/carrito/update/', { producto_id: String(kit.id), cantidad: bad });
      expect(res.statusCode).toBe(303);
      expect(flashes((await client.follow(res)).body)).toContain('Cantidad inválida.');
    }
    const addBad = await client.post(`/carrito/add/${kit.id}/`, { cantidad: 'muchos' });
    expect(flashes((await client.follow(addBad)).body)).toContain('Cantidad inválida.');

    const zero = await client.post('/carrito/update/', { producto_id: String(kit.id), cantidad: '0' });
    expect(flashes((await client.follow(zero)).body)).toContain('Producto eliminado del carrito.');
    expect((await client.get('/carrito/')).body).toContain('Tu carrito está vacío.');

    // A product that is not in the cart (or not a number) is ignored.
    const ignored = await client.post('/carrito/update/', { producto_id: 'x', cantidad: '2' });
    expect(ignored.statusCode).toBe(303);
    const ignored2 = await client.post('/carrito/update/', { producto_id: String(kit.id), cantidad: '2' });
    expect(ignored2.statusCode).toBe(303);
    expect((await client.get('/carrito/')).body).toContain('Tu carrito está vacío.');
  });

  it('removes a line with the remove button', async () => {
    const kit = await createProduct(t.database.db);
    const client = new TestClient(t.app);
    await client.post(`/carrito/add/${kit.id}/`);
    const res = await client.post(`/carrito/remove/${kit.id}/`);
    expect(res.statusCode).toBe(303);
    expect(flashes((await client.follow(res)).body)).toContain('Producto eliminado del carrito.');
    expect((await client.get('/carrito/')).body).toContain('Tu carrito está vacío.');
  });

  it('shows current prices and flags lines that became unavailable or short instead of dropping them', async () => {
    const a = await createProduct(t.database.db, { name: 'Kit Que Sube', priceClp: 10000, stock: 10 });
    const b = await createProduct(t.database.db, { name: 'Kit Que Se Retira', priceClp: 5000, stock: 10 });
    const c = await createProduct(t.database.db, { name: 'Kit Que Se Acaba', priceClp: 5000, stock: 10 });
    const client = new TestClient(t.app);
    await client.post(`/carrito/add/${a.id}/`);
    await client.post(`/carrito/add/${b.id}/`);
    await client.post(`/carrito/add/${c.id}/`, { cantidad: '4' });
    await t.database.db.updateTable('products').set({ priceClp: 12000 }).where('id', '=', a.id).execute();
    await t.database.db.updateTable('products').set({ isAvailable: false }).where('id', '=', b.id).execute();
    await t.database.db.updateTable('products').set({ stock: 2 }).where('id', '=', c.id).execute();

    const page = await client.get('/carrito/');
    expect(page.body).toContain('Precio unitario: $12.000');
    expect(page.body).toContain(`data-test="cart-line-${b.id}"`);
    expect(page.body).toContain('Este producto ya no está disponible.');
    expect(page.body).toContain('Solo quedan 2 unidades.');
    expect(page.body).toContain(
      '&quot;Kit Que Se Retira&quot; ya no está disponible: quítalo del carrito para continuar.',
    );
    expect(page.body).not.toContain('data-test="checkout-button"');
    // 12.000 + 5.000 + 4 × 5.000
    expect(page.body).toContain('data-test="cart-total">$37.000');
  });

  it('merges the anonymous cart into the account at login', async () => {
    const account = await createCustomerAccount(t.database.db);
    const kit = await createProduct(t.database.db, { stock: 5 });
    const other = await createProduct(t.database.db, { stock: 5 });
    // The account already has one unit of `kit` from an earlier visit.
    await t.database.db
      .insertInto('cartItems')
      .values({ customerId: account.customer.id, productId: kit.id, quantity: 1 })
      .execute();

    const client = new TestClient(t.app);
    await client.post(`/carrito/add/${kit.id}/`, { cantidad: '2' });
    await client.post(`/carrito/add/${other.id}/`);
    await client.login(account.login, account.password);

    const rows = await t.database.db
      .selectFrom('cartItems')
      .select(['productId', 'quantity', 'customerId', 'sessionId'])
      .where('productId', 'in', [kit.id, other.id])
      .orderBy('productId')
      .execute();
    expect(rows).toEqual([
      { productId: kit.id, quantity: 3, customerId: account.customer.id, sessionId: null },
      { productId: other.id, quantity: 1, customerId: account.customer.id, sessionId: null },
    ]);
    const page = await client.get('/carrito/');
    expect(page.body).toContain(`data-test="cart-line-${kit.id}"`);
    expect(page.body).toContain(`data-test="cart-line-${other.id}"`);
  });

  it('keeps a logged-in customer cart on the customer, across sessions', async () => {
    const account = await createCustomerAccount(t.database.db);
    const kit = await createProduct(t.database.db);
    const first = new TestClient(t.app);
    await first.login(account.login, account.password);
    await first.post(`/carrito/add/${kit.id}/`);
    const second = new TestClient(t.app);
    await second.login(account.login, account.password);
    expect((await second.get('/carrito/')).body).toContain(`data-test="cart-line-${kit.id}"`);
  });
});
