import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app';
import { TestClient } from '../../test/support/client';
import { createCustomerAccount, createWorkshop } from '../../test/support/factories';

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
    await t.app.inject('/talleres/');
    await createWorkshop(t.database.db, { name: 'Taller para clientes' });
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const page = await client.get('/talleres/');
    expect(page.body).toContain('Taller para clientes');
    expect(page.body).toContain('Cerrar sesión');
    expect((await t.app.inject('/talleres/?page=1')).body).toContain('Taller para clientes');
  });
});
