import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app';
import { TestClient } from '../../test/support/client';
import { createCustomerAccount, createProduct, createWorkshop } from '../../test/support/factories';
import { SECURITY_HEADERS } from './security';

describe('anonymous micro-cache of the catalogue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ pageCache: true });
  });
  afterAll(async () => t.close());

  it('serves anonymous visitors the same page for a second, then renders it again', async () => {
    await createWorkshop(t.database.db, { name: 'Primer taller' });
    expect((await t.app.inject('/talleres/')).body).toContain('Primer taller');

    await createWorkshop(t.database.db, { name: 'Taller recién creado' });
    expect((await t.app.inject('/talleres/')).body).not.toContain('Taller recién creado');

    t.clock.advanceHours(1 / 3600);
    expect((await t.app.inject('/talleres/')).body).toContain('Taller recién creado');
  });

  it('never serves a logged-in customer from the cache, and keys the cache by URL', async () => {
    const anonymous = (await t.app.inject('/talleres/')).body;
    expect(anonymous).not.toContain('Cerrar sesión');
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    expect((await client.get('/talleres/')).body).toContain('Cerrar sesión');
    const online = (await t.app.inject('/talleres/?modalidad=ONLINE')).body;
    expect(online).not.toBe(anonymous);
    expect(online).toMatch(/<option value="ONLINE" selected/);
  });

  it('answers from ready bytes: compressed copies, the security headers, and no cookie work', async () => {
    await t.app.inject('/productos/');
    const plain = await t.app.inject('/productos/');
    const br = await t.app.inject({
      url: '/productos/',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    const gzip = await t.app.inject({ url: '/productos/', headers: { 'accept-encoding': 'gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    for (const response of [plain, br, gzip]) {
      expect(response.headers.vary).toContain('accept-encoding');
      expect(response.headers['set-cookie']).toBeUndefined();
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        expect(response.headers[name]).toBe(value);
    }
    // A page with a form still gets its CSRF pair.
    const login = await t.app.inject('/login/');
    expect(String(login.headers['set-cookie'])).toContain('csrftoken=');
  });

  it('does not answer a visitor who has a session (a cart, a message) from the cache', async () => {
    await t.app.inject('/productos/');
    const product = await createProduct(t.database.db, { name: 'Kit con sesión' });
    const visitor = new TestClient(t.app);
    await visitor.post(`/carrito/add/${product.id}/`, { cantidad: '1' });
    expect((await visitor.get('/productos/')).body).toContain('Kit con sesión');
    expect((await t.app.inject('/productos/')).body).not.toContain('Kit con sesión');
  });

  it('shares the home page data between logged-in customers for a second', async () => {
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    await client.get('/');
    await createWorkshop(t.database.db, {
      name: 'Taller de la última hora',
      startsAt: '2026-03-03T15:00:00.000Z',
    });
    expect((await client.get('/')).body).not.toContain('Taller de la última hora');
    t.clock.advanceHours(1 / 3600);
    expect((await client.get('/')).body).toContain('Taller de la última hora');
  });

  it("shares the catalogues and a workshop's public part between logged-in customers for a second", async () => {
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const workshop = await createWorkshop(t.database.db, { name: 'Taller compartido', totalSeats: 10 });
    await client.get('/talleres/');
    await client.get('/productos/');
    await client.get(`/talleres/${workshop.id}/`);
    await createWorkshop(t.database.db, { name: 'Taller del último segundo' });
    await createProduct(t.database.db, { name: 'Kit del último segundo' });
    await t.database.db
      .updateTable('workshops')
      .set({ seatsTaken: 9 })
      .where('id', '=', workshop.id)
      .execute();
    expect((await client.get('/talleres/')).body).not.toContain('Taller del último segundo');
    expect((await client.get('/productos/')).body).not.toContain('Kit del último segundo');
    expect((await client.get(`/talleres/${workshop.id}/`)).body).not.toContain('Queda 1 cupo');

    t.clock.advanceHours(1 / 3600);
    expect((await client.get('/talleres/')).body).toContain('Taller del último segundo');
    expect((await client.get('/productos/')).body).toContain('Kit del último segundo');
    expect((await client.get(`/talleres/${workshop.id}/`)).body).toContain('Queda 1 cupo');
  });
});
