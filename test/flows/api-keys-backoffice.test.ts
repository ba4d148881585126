import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/domain/api-keys';
import { api } from '../support/api';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createUser, TEST_PASSWORD } from '../support/factories';

/** Gestión → Claves de API: admins create a key (shown once), see it used, and revoke it. */
describe('API keys in the back office', () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'admin', name: 'Dueña' });
    admin = new TestClient(t.app);
    await admin.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  it('creates a key with its scopes and expiry, shows it once, stores only its hash, and revokes it', async () => {
    const created = await admin.post('/gestion/claves-api/', {
      nombre: 'Sitio web',
      permisos: ['public:read', 'staff:read'],
      vence: '2026-12-31',
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    const key = /<code class="api-key-secret">([^<]+)<\/code>/.exec(created.body)?.[1];
    expect(key).toMatch(/^tmm_[0-9a-f]{8}_/);

    const row = await t.database.db
      .selectFrom('apiKeys')
      .selectAll()
      .where('prefix', '=', key!.slice(0, 12))
      .executeTakeFirstOrThrow();
    expect(row.secretHash).toBe(hashApiKey(key!));
    expect(JSON.stringify(row)).not.toContain(key!.slice(13));
    expect(row.scopes).toBe('public:read staff:read');
    // The whole last day, in Santiago (UTC-3 in December).
    expect(row.expiresAt).toBe('2027-01-01T02:59:00.000Z');

    const list = await admin.get('/gestion/claves-api/');
    expect(list.body).toContain(row.prefix);
    expect(list.body).not.toContain(key!);
    expect(list.body).toContain('Vigente');

    expect((await api(t.app, 'GET', '/api/v1/customers', { key })).statusCode).toBe(200);
    expect((await admin.get('/gestion/claves-api/')).body).not.toContain('>Nunca<');

    const revoked = await admin.post(`/gestion/claves-api/${row.id}/revocar/`);
    expect(revoked.statusCode).toBe(303);
    expect((await admin.follow(revoked)).body).toContain('Clave revocada');
    expect((await api(t.app, 'GET', '/api/v1/customers', { key })).statusCode).toBe(401);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'api_key')
      .where('entityId', '=', row.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('shows the form again with a message on each field', async () => {
    const res = await admin.post('/gestion/claves-api/', { nombre: '', vence: '2026-02-30' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Escribe para qué es la clave');
    expect(res.body).toContain('Elige al menos un permiso.');
    expect(res.body).toContain('Elige el último día en que sirve la clave.');
    const past = await admin.post('/gestion/claves-api/', {
      nombre: 'Vieja',
      permisos: 'write',
      vence: '2026-01-01',
    });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('La fecha de vencimiento ya pasó.');
  });

  it('is for admins only', async () => {
    const staffUser = await createUser(t.database.db, { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, TEST_PASSWORD);
    expect((await staff.get('/gestion/claves-api/')).statusCode).toBe(403);
    expect((await admin.get('/gestion/claves-api/')).body).toContain('Claves de API');
  });
});
