import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createInterest, createUser, createWorkshop, TEST_PASSWORD } from '../support/factories';

const frameAncestors = (csp: unknown) => /frame-ancestors ([^;]*)/.exec(String(csp))?.[1];

/** The booking widget: framed only by the sites admins list at /gestion/widget/. */
describe('embeddable booking widget', () => {
  let t: TestApp;
  let admin: TestClient;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const a = await createUser(t.database.db, { role: 'admin' });
    const s = await createUser(t.database.db, { role: 'staff' });
    admin = new TestClient(t.app);
    staff = new TestClient(t.app);
    await admin.login(a.email, TEST_PASSWORD);
    await staff.login(s.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  it('refuses every site until an admin lists one, then names exactly the listed origins; every other page still refuses framing', async () => {
    const before = await t.app.inject('/widget/talleres/');
    expect(before.statusCode).toBe(200);
    expect(frameAncestors(before.headers['content-security-policy'])).toBe("'none'");

    const bad = await admin.post('/gestion/widget/', { origen: 'ftp://ejemplo.cl' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('El sitio debe empezar con https://.');
    expect((await admin.post('/gestion/widget/', { origen: 'https://*.ejemplo.cl' })).statusCode).toBe(422);
    const added = await admin.post('/gestion/widget/', { origen: 'https://www.ejemplo.cl/talleres?x=1' });
    expect(added.statusCode).toBe(303);
    expect((await admin.follow(added)).body).toContain('https://www.ejemplo.cl ya puede mostrar el widget');
    expect((await admin.post('/gestion/widget/', { origen: 'http://127.0.0.1:5555' })).statusCode).toBe(303);
    const again = await admin.post('/gestion/widget/', { origen: 'https://www.ejemplo.cl' });
    expect((await admin.follow(again)).body).toContain('ya estaba en la lista');

    const widget = await t.app.inject('/widget/talleres/');
    expect(frameAncestors(widget.headers['content-security-policy'])).toBe(
      'http://127.0.0.1:5555 https://www.ejemplo.cl',
    );
    expect(widget.headers['x-frame-options']).toBeUndefined();
    // The rest of the policy is the site's: no inline script, no other framing rule.
    expect(String(widget.headers['content-security-policy'])).toContain("script-src 'self'");

    for (const path of ['/', '/talleres/', '/login/', '/talleres/calendario.ics']) {
      const res = await t.app.inject(path);
      expect(frameAncestors(res.headers['content-security-policy']), path).toBe("'none'");
      expect(res.headers['x-frame-options'], path).toBe('SAMEORIGIN');
    }
    const settings = await admin.get('/gestion/widget/');
    expect(frameAncestors(settings.headers['content-security-policy'])).toBe("'none'");

    // Taking a site off the list takes it out of the policy.
    const id = /\/gestion\/widget\/(\d+)\/quitar\//.exec(settings.body)?.[1];
    expect((await admin.post(`/gestion/widget/${id}/quitar/`)).statusCode).toBe(303);
    expect(frameAncestors((await t.app.inject('/widget/talleres/')).headers['content-security-policy'])).toBe(
      'https://www.ejemplo.cl',
    );
    expect((await admin.post('/gestion/widget/999999/quitar/')).statusCode).toBe(404);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'afterJson', 'beforeJson'])
      .where('entityType', '=', 'widget_origin')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.afterJson ?? a.beforeJson!).origin])).toEqual([
      ['create', 'https://www.ejemplo.cl'],
      ['create', 'http://127.0.0.1:5555'],
      ['delete', 'http://127.0.0.1:5555'],
    ]);
  });

  it('lists upcoming workshops with seats left and links that book on our site, filtered by category', async () => {
    const db = t.database.db;
    const soon = new Date(t.clock.now().getTime() + 4 * 24 * 3600_000).toISOString();
    const ceramica = await createInterest(db, 'Cerámica del widget');
    const open = await createWorkshop(db, {
      name: 'Cuencos de gres',
      startsAt: soon,
      totalSeats: 8,
      seatsTaken: 6,
      categoryId: ceramica.id,
    });
    await createWorkshop(db, {
      name: 'Respiración del widget',
      startsAt: soon,
      totalSeats: 5,
      seatsTaken: 5,
    });
    await createWorkshop(db, {
      name: 'Taller pasado del widget',
      startsAt: new Date(t.clock.now().getTime() - 3600_000).toISOString(),
    });

    const page = (await t.app.inject('/widget/talleres/')).body;
    expect(page).toContain('Cuencos de gres');
    expect(page).toContain('Quedan 2 cupos');
    expect(page).toContain('Respiración del widget');
    expect(page).toContain('Agotado: hay lista de espera');
    expect(page).not.toContain('Taller pasado del widget');
    expect(page).toContain(
      `href="${t.config.publicUrl}/talleres/${open.id}/" target="_blank" rel="noopener"`,
    );
    expect(page).toContain('>Inscribirme<');
    expect(page).not.toContain('<form');

    const filtered = (await t.app.inject(`/widget/talleres/?categoria=${ceramica.id}`)).body;
    expect(filtered).toContain('Cuencos de gres');
    expect(filtered).not.toContain('Respiración del widget');
    expect(filtered).toContain(`href="${t.config.publicUrl}/talleres/?categoria=${ceramica.id}"`);
    expect((await t.app.inject('/widget/talleres/?categoria=abc')).statusCode).toBe(200);
  });

  it('serves the one-line script from our origin, loadable by other sites, and shows admins what to paste', async () => {
    const script = await t.app.inject('/widget.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(script.body).toContain("'/widget/talleres/'");

    const settings = await admin.get('/gestion/widget/');
    expect(settings.body).toContain(
      `&lt;script src=&quot;${t.config.publicUrl}/widget.js&quot; async>&lt;/script>`,
    );
    expect((await staff.get('/gestion/widget/')).statusCode).toBe(403);
    expect((await staff.post('/gestion/widget/', { origen: 'https://otro.cl' })).statusCode).toBe(403);
  });
});
