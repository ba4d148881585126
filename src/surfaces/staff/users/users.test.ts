import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/support/app';
import { TestClient } from '../../../../test/support/client';
import { parseCsvExport } from '../../../../test/support/csv';
import { createUser, TEST_PASSWORD, unique } from '../../../../test/support/factories';

describe('admin: users and roles (/gestion/usuarios/)', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminId: number;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'admin', name: 'Ada Admin' });
    adminId = user.id;
    admin = new TestClient(t.app);
    await admin.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const roleOf = async (id: number) =>
    t.database.db
      .selectFrom('users')
      .select(['role', 'isActive'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('lists users with search, role filter and pagination', async () => {
    const tag = unique('buscable');
    for (let i = 0; i < 27; i++)
      await createUser(t.database.db, { name: `Persona ${tag} ${String(i).padStart(2, '0')}` });
    await createUser(t.database.db, { name: `Equipo ${tag}`, role: 'staff' });

    const first = await admin.get(`/gestion/usuarios/?q=${tag.toUpperCase()}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Mostrando 1–25 de 28');
    expect(first.body).toContain('Página 1 de 2');
    const second = await admin.get(`/gestion/usuarios/?q=${tag}&page=2`);
    expect(second.body).toContain('Mostrando 26–28 de 28');

    const staffOnly = await admin.get(`/gestion/usuarios/?q=${tag}&rol=staff`);
    expect(staffOnly.body).toContain('Mostrando 1–1 de 1');
    expect(staffOnly.body).toContain(`Equipo ${tag}`);

    const none = await admin.get('/gestion/usuarios/?q=%25_%25-no-existe');
    expect(none.body).toContain('No hay usuarios que coincidan');
    const junk = await admin.get('/gestion/usuarios/?rol=superuser&page=abc');
    expect(junk.statusCode).toBe(200);

    const csv = await admin.get(`/gestion/usuarios/?q=${tag}&formato=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(parseCsvExport(csv.body).filter((row) => row.some((c) => c.includes(tag)))).toHaveLength(28);
    const xlsx = await admin.get(`/gestion/usuarios/?q=${tag}&rol=staff&formato=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('promotes a customer to staff and ends their sessions so the change applies at once', async () => {
    const user = await createUser(t.database.db, { role: 'customer' });
    const theirs = new TestClient(t.app);
    await theirs.login(user.email, TEST_PASSWORD);
    expect((await theirs.get('/gestion/usuarios/')).statusCode).toBe(403);

    const res = await admin.post(`/gestion/usuarios/${user.id}/rol/`, {
      role: 'staff',
      volver: '/gestion/usuarios/?q=x',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/gestion/usuarios/?q=x');
    expect((await admin.follow(res)).body).toContain(`${user.email} ahora tiene el rol Equipo.`);
    expect((await roleOf(user.id)).role).toBe('staff');
    expect((await theirs.get('/cuenta/perfil/')).statusCode).toBe(303);

    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['actorUserId', 'beforeJson', 'afterJson'])
      .where('entityType', '=', 'user')
      .where('entityId', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(audit.actorUserId).toBe(adminId);
    expect(JSON.parse(audit.beforeJson!)).toMatchObject({ role: 'customer' });
    expect(JSON.parse(audit.afterJson!)).toMatchObject({ role: 'staff' });

    // Staff now, but still not an admin.
    await theirs.login(user.email, TEST_PASSWORD);
    expect((await theirs.get('/gestion/usuarios/')).statusCode).toBe(403);
  });

  it('deactivates an account: its sessions end and it cannot log in; activating restores it', async () => {
    const user = await createUser(t.database.db);
    const theirs = new TestClient(t.app);
    await theirs.login(user.email, TEST_PASSWORD);
    const off = await admin.post(`/gestion/usuarios/${user.id}/estado/`, { activo: '0' });
    expect(off.statusCode).toBe(303);
    expect((await admin.follow(off)).body).toContain('quedó desactivada');
    expect((await roleOf(user.id)).isActive).toBe(false);
    expect((await theirs.get('/cuenta/perfil/')).statusCode).toBe(303);
    const login = await new TestClient(t.app).post('/login/', {
      username: user.email,
      password: TEST_PASSWORD,
    });
    expect(login.statusCode).toBe(422);
    expect(login.body).toContain('Usuario o contraseña incorrectos');

    await admin.post(`/gestion/usuarios/${user.id}/estado/`, { activo: '1' });
    expect((await roleOf(user.id)).isActive).toBe(true);
    await new TestClient(t.app).login(user.email, TEST_PASSWORD);
  });

  it('does not let an admin demote or deactivate themself', async () => {
    const list = await admin.get('/gestion/usuarios/?q=Ada%20Admin');
    expect(list.body).not.toContain(`action="/gestion/usuarios/${adminId}/rol/"`);
    for (const [path, form] of [
      [`/gestion/usuarios/${adminId}/rol/`, { role: 'customer' }],
      [`/gestion/usuarios/${adminId}/estado/`, { activo: '0' }],
    ] as const) {
      const res = await admin.post(path, form);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/gestion/usuarios/');
      expect((await admin.follow(res)).body).toContain(
        'No puedes cambiar tu propio rol ni desactivar tu propia cuenta.',
      );
    }
    expect(await roleOf(adminId)).toEqual({ role: 'admin', isActive: true });
  });

  it('refuses an unknown role, an unknown user and a foreign "volver" target', async () => {
    const user = await createUser(t.database.db);
    const bad = await admin.post(`/gestion/usuarios/${user.id}/rol/`, {
      role: 'superuser',
      volver: 'https://evil.example/',
    });
    expect(bad.statusCode).toBe(303);
    expect(bad.headers.location).toBe('/gestion/usuarios/');
    expect((await admin.follow(bad)).body).toContain('Elige un rol válido.');
    expect((await roleOf(user.id)).role).toBe('customer');

    const missing = await admin.post('/gestion/usuarios/999999/rol/', { role: 'staff' });
    expect(missing.statusCode).toBe(404);
    expect((await admin.post('/gestion/usuarios/abc/rol/', { role: 'staff' })).statusCode).toBe(404);
  });

  it('refuses staff who are not admins, for reading and for changes', async () => {
    const staff = await createUser(t.database.db, { role: 'staff' });
    const target = await createUser(t.database.db);
    const client = new TestClient(t.app);
    await client.login(staff.email, TEST_PASSWORD);
    expect((await client.get('/gestion/usuarios/')).statusCode).toBe(403);
    const res = await client.post(`/gestion/usuarios/${target.id}/rol/`, { role: 'admin' });
    expect(res.statusCode).toBe(403);
    expect((await roleOf(target.id)).role).toBe('customer');
  });
});
