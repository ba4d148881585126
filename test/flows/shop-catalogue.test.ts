import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createInterest, createProduct, createUser, unique } from '../support/factories';

describe('kit catalogue, product page and low-stock list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('lists available kits with price, an 80-character excerpt and "Sin stock" when none is left', async () => {
    const tag = unique('cat');
    const long = `${'Resina cristalina para joyería '.repeat(6)}final escondido`;
    const kit = await createProduct(t.database.db, { name: `Kit Resina ${tag}`, priceClp: 15000 });
    await t.database.db.updateTable('products').set({ description: long }).where('id', '=', kit.id).execute();
    const empty = await createProduct(t.database.db, { name: `Kit Agotado ${tag}`, stock: 0 });
    await createProduct(t.database.db, { name: `Kit Oculto ${tag}`, isAvailable: false });

    const res = await t.app.inject(`/productos/?q=${tag}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Kits e insumos</h1>');
    expect(res.body).toContain(`Kit Resina ${tag}`);
    expect(res.body).toContain('$15.000');
    expect(res.body).toContain(`data-test="producto-link-${kit.id}"`);
    expect(res.body).not.toContain('final escondido');
    expect(res.body).toContain('Resina cristalina para joyería');
    expect(res.body).not.toContain(`Kit Oculto ${tag}`);
    const emptyCard = res.body.slice(res.body.indexOf(`Kit Agotado ${tag}`));
    expect(emptyCard.slice(0, 600)).toContain('Sin stock');
    expect(res.body).toContain(`href="/productos/${empty.id}/"`);
  });

  it('finds kits by name without caring about accents or case', async () => {
    const tag = unique('acc');
    await createProduct(t.database.db, { name: `Kit Encuadernación Japonesa ${tag}` });
    await createProduct(t.database.db, { name: `Kit Timbres ${tag}` });
    const res = await t.app.inject(`/productos/?q=${encodeURIComponent(`ENCUADERNACION japonesa ${tag}`)}`);
    expect(res.body).toContain(`Kit Encuadernación Japonesa ${tag}`);
    expect(res.body).not.toContain(`Kit Timbres ${tag}`);
    const none = await t.app.inject(`/productos/?q=${encodeURIComponent(`nada-parecido-${tag}`)}`);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No encontramos kits con esos filtros');
  });

  it('filters by category and ignores a category that is not a number', async () => {
    const tag = unique('catf');
    const resin = await createInterest(t.database.db, `Resina ${tag}`);
    const books = await createInterest(t.database.db, `Libros ${tag}`);
    await createProduct(t.database.db, { name: `Kit Uno ${tag}`, categoryId: resin.id });
    await createProduct(t.database.db, { name: `Kit Dos ${tag}`, categoryId: books.id });
    const res = await t.app.inject(`/productos/?categoria=${resin.id}&q=${tag}`);
    expect(res.body).toContain(`Kit Uno ${tag}`);
    expect(res.body).not.toContain(`Kit Dos ${tag}`);
    expect(res.body).toContain(`<option value="${resin.id}" selected>Resina ${tag}</option>`);
    const bad = await t.app.inject(`/productos/?categoria=abc&q=${tag}`);
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain(`Kit Dos ${tag}`);
  });

  it('paginates the catalogue twelve kits at a time, keeping the search in the links', async () => {
    const tag = unique('pag');
    for (let i = 1; i <= 14; i++)
      await createProduct(t.database.db, { name: `Kit ${tag} ${String(i).padStart(2, '0')}` });
    const first = await t.app.inject(`/productos/?q=${tag}`);
    expect(first.body).toContain('Mostrando 1–12 de 14');
    expect(first.body).toContain(`Kit ${tag} 12`);
    expect(first.body).not.toContain(`Kit ${tag} 13`);
    expect(first.body).toContain(`href="/productos/?q=${tag}&amp;page=2"`);
    const second = await t.app.inject(`/productos/?q=${tag}&page=2`);
    expect(second.body).toContain('Mostrando 13–14 de 14');
    expect(second.body).toContain(`Kit ${tag} 14`);
    const beyond = await t.app.inject(`/productos/?q=${tag}&page=99`);
    expect(beyond.body).toContain(`Kit ${tag} 14`);
  });

  it('shows a product page with the add-to-cart form', async () => {
    const kit = await createProduct(t.database.db, {
      name: unique('Kit Detalle '),
      priceClp: 22500,
      stock: 8,
    });
    const res = await t.app.inject(`/productos/${kit.id}/`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${kit.name}</h1>`);
    expect(res.body).toContain('$22.500');
    expect(res.body).toContain(`data-test="add-to-cart-form-${kit.id}"`);
    expect(res.body).toContain(`action="/carrito/add/${kit.id}/"`);
    expect(res.body).toContain(`data-test="add-to-cart-${kit.id}"`);
    expect(res.body).toContain('Añadir al carrito');
    expect(res.body).toContain('name="cantidad"');
  });

  it('shows an unavailable product as unavailable, with no form', async () => {
    const kit = await createProduct(t.database.db, { name: unique('Kit Retirado '), isAvailable: false });
    const res = await t.app.inject(`/productos/${kit.id}/`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Este kit no está disponible por ahora.');
    expect(res.body).not.toContain(`add-to-cart-form-${kit.id}`);
  });

  it('answers 404 for a product that does not exist or an id that is not a number', async () => {
    expect((await t.app.inject('/productos/999999/')).statusCode).toBe(404);
    expect((await t.app.inject('/productos/abc/')).statusCode).toBe(404);
  });

  it('lists products at or below their threshold for staff only', async () => {
    const tag = unique('low');
    const low = await createProduct(t.database.db, {
      name: `Kit Bajo ${tag}`,
      stock: 2,
      lowStockThreshold: 3,
    });
    const edge = await createProduct(t.database.db, {
      name: `Kit Borde ${tag}`,
      stock: 3,
      lowStockThreshold: 3,
    });
    await createProduct(t.database.db, { name: `Kit Lleno ${tag}`, stock: 30, lowStockThreshold: 3 });

    const anonymous = await t.app.inject('/gestion/productos/stock-bajo/');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/login/');

    const customer = await createUser(t.database.db, { role: 'customer' });
    const customerClient = new TestClient(t.app);
    await customerClient.login(customer.email, customer.password);
    expect((await customerClient.get('/gestion/productos/stock-bajo/')).statusCode).toBe(403);

    const staff = await createUser(t.database.db, { role: 'staff' });
    const client = new TestClient(t.app);
    await client.login(staff.email, staff.password);
    const res = await client.get('/gestion/productos/stock-bajo/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`data-test="low-stock-${low.id}"`);
    expect(res.body).toContain(`data-test="low-stock-${edge.id}"`);
    expect(res.body).not.toContain(`Kit Lleno ${tag}`);
    // The gift card product (made by its migration, stock 0) is sold without stock: never "low".
    const giftCard = await t.database.db
      .selectFrom('products')
      .select('id')
      .where('kind', '=', 'gift_card')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('products')
      .set({ lowStockThreshold: 5 })
      .where('id', '=', giftCard.id)
      .execute();
    expect((await client.get('/gestion/productos/stock-bajo/')).body).not.toContain(
      `data-test="low-stock-${giftCard.id}"`,
    );
    const dashboard = await client.get('/gestion/');
    expect(dashboard.body).toContain(`data-test="dash-stock-${low.id}"`);
    expect(dashboard.body).not.toContain(`data-test="dash-stock-${giftCard.id}"`);
  });
});
