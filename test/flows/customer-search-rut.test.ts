import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCustomerAccount,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';

/**
 * The bug that came from having no owner for the customers table: sign-up, profile edit and
 * enrollment each built the search text their own way, without the RUT, so staff could not find a
 * customer who signed up with one. Now every write goes through the customers module.
 */
describe('finding customers by RUT in the back office', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const findsByRut = async (rut: string, name: string) => {
    for (const q of [rut, rut.replace(/\./g, ''), rut.replace(/[.-]/g, '')]) {
      const list = await staff.get(`/gestion/clientes/?q=${encodeURIComponent(q)}`);
      expect(list.body, `search "${q}"`).toContain(name);
    }
  };

  it('finds a customer who signed up with a RUT', async () => {
    const email = `${unique('rut')}@example.cl`;
    const name = `Rutina Registrada ${unique('')}`;
    const visitor = new TestClient(t.app);
    await visitor.post('/cuenta/registro/', {
      nombre: name,
      email,
      telefono: '+56987654321',
      password: 'acuarela-en-el-cerro-77',
      password2: 'acuarela-en-el-cerro-77',
      rut: '11.111.111-1',
    });
    const mail = await t.database.db
      .selectFrom('emailOutbox')
      .select('privateLink')
      .where('toAddress', '=', email)
      .executeTakeFirstOrThrow();
    expect((await visitor.post(new URL(mail.privateLink!).pathname)).statusCode).toBe(303);
    await findsByRut('11.111.111-1', name);
  });

  it('finds a customer after they add their RUT in the profile, and after they enroll', async () => {
    const name = `Perfil Con Rut ${unique('')}`;
    const account = await createCustomerAccount(t.database.db, { name });
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const saved = await client.post('/cuenta/perfil/editar/', {
      nombre: name,
      telefono: '+56 9 1234 5678',
      rut: '22.222.222-2',
    });
    expect(saved.statusCode).toBe(303);
    await findsByRut('22.222.222-2', name);
    // Enrolling with a new phone rewrites the search text: the RUT must survive it.
    const workshop = await createWorkshop(t.database.db);
    await client.get(`/talleres/${workshop.id}/`);
    expect((await client.post(`/talleres/${workshop.id}/`, { telefono: '+56 9 8888 7777' })).statusCode).toBe(
      303,
    );
    await findsByRut('22.222.222-2', name);
  });
});
