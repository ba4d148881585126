import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createUser, TEST_PASSWORD, unique } from '../support/factories';

/**
 * Names that differ only in case, accents or spacing are the same company, interest or kit on both
 * databases (SQLite's lower() folds ASCII only, so the database and the check used to disagree and
 * answer 500); and identical creates sent at the same instant keep one row and tell the rest.
 */
describe('duplicate names and simultaneous creates', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const count = async (
    table: 'companies' | 'interests' | 'products' | 'workshops' | 'customers',
    column: string,
    value: string,
  ) =>
    (
      await t.database.db
        .selectFrom(table)
        .select('id')
        .where(column as never, '=', value as never)
        .execute()
    ).length;

  it('refuses a second company whose name differs only in case and accents', async () => {
    const tag = unique('').replace(/\D/g, '');
    const first = await staff.post('/gestion/empresas/nueva/', { razon_social: `ÑUÑOA Diseño ${tag} SpA` });
    expect(first.statusCode).toBe(303);
    for (const variant of [
      `ÑUÑOA Diseño ${tag} SpA`,
      `ñuñoa diseno ${tag} spa`,
      `  Ñuñoa   DISEÑO ${tag} SPA `,
    ]) {
      const again = await staff.post('/gestion/empresas/nueva/', { razon_social: variant });
      expect(again.statusCode, variant).toBe(422);
      expect(again.body).toContain('Ya existe una empresa con esa razón social.');
    }
  });

  it('refuses "ÓLEO" when "Óleo" exists, and the edit of another interest into it', async () => {
    const tag = unique('').replace(/\D/g, '');
    expect((await staff.post('/gestion/intereses/nuevo/', { nombre: `Óleo ${tag}` })).statusCode).toBe(303);
    const upper = await staff.post('/gestion/intereses/nuevo/', { nombre: `ÓLEO ${tag}` });
    expect(upper.statusCode).toBe(422);
    expect(upper.body).toContain('Ya existe un interés con ese nombre.');
    const plain = await staff.post('/gestion/intereses/nuevo/', { nombre: `oleo ${tag}` });
    expect(plain.statusCode).toBe(422);
    const other = await staff.post('/gestion/intereses/nuevo/', { nombre: `Acuarela ${tag}` });
    const otherId = Number(/\/(\d+)\//.exec(String(other.headers.location))?.[1] ?? 0);
    const row = await t.database.db
      .selectFrom('interests')
      .select('id')
      .where('name', '=', `Acuarela ${tag}`)
      .executeTakeFirstOrThrow();
    const rename = await staff.post(`/gestion/intereses/${otherId || row.id}/editar/`, {
      nombre: `OLEO ${tag}`,
    });
    expect(rename.statusCode).toBe(422);
  });

  it.each([
    [
      'company',
      '/gestion/empresas/nueva/',
      () => ({ razon_social: unique('Simultánea ') }),
      'companies',
      'legalName',
      'razon_social',
    ],
    [
      'interest',
      '/gestion/intereses/nuevo/',
      () => ({ nombre: unique('Simultáneo ') }),
      'interests',
      'name',
      'nombre',
    ],
    [
      'kit',
      '/gestion/productos/nuevo/',
      () => ({ nombre: unique('Kit simultáneo '), precio: '15.000', stock: '3', umbral: '1' }),
      'products',
      'name',
      'nombre',
    ],
    [
      'customer',
      '/gestion/clientes/nuevo/',
      () => ({ nombre: 'Clienta Simultánea', email: `${unique('simultanea')}@example.cl`, tipo: 'B2C' }),
      'customers',
      'email',
      'email',
    ],
  ] as const)(
    'keeps one %s when six identical creates arrive at once, and tells the rest',
    async (_label, url, form, table, column, field) => {
      const body = form();
      const token = await staff.csrfToken();
      const results = await Promise.all(
        Array.from({ length: 6 }, () => staff.post(url, body, { csrf: token })),
      );
      const statuses = results.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 303)).toHaveLength(1);
      expect(statuses.filter((s) => s === 422)).toHaveLength(5);
      for (const r of results.filter((x) => x.statusCode === 422)) expect(r.body).toContain('Ya existe');
      expect(await count(table, column, (body as Record<string, string>)[field]!)).toBe(1);
    },
  );
});
