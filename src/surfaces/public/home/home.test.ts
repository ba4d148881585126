import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/support/app';
import { createProduct, createWorkshop } from '../../../../test/support/factories';

describe('home page and error pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('shows upcoming active workshops and available kits from the database', async () => {
    const upcoming = await createWorkshop(t.database.db, {
      name: 'Resina <b>para</b> todas',
      startsAt: '2026-04-11T14:30:00.000Z',
      priceClp: 45000,
    });
    await createWorkshop(t.database.db, { name: 'Taller pasado', startsAt: '2026-01-10T13:30:00.000Z' });
    await createWorkshop(t.database.db, {
      name: 'Taller inactivo',
      isActive: false,
      startsAt: '2026-05-10T13:30:00.000Z',
    });
    await createProduct(t.database.db, { name: 'Kit Resina Premium', priceClp: 15000 });
    await createProduct(t.database.db, { name: 'Kit oculto', isAvailable: false });

    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(`href="/talleres/${upcoming.id}/"`);
    expect(res.body).toContain('Resina &lt;b>para&lt;/b> todas');
    expect(res.body).toContain('$45.000');
    expect(res.body).toContain('sábado 11 de abril de 2026, 10:30 hrs');
    expect(res.body).not.toContain('Taller pasado');
    expect(res.body).not.toContain('Taller inactivo');
    expect(res.body).toContain('Kit Resina Premium');
    expect(res.body).not.toContain('Kit oculto');
  });

  it('answers an unknown path with a Spanish 404 page in the layout', async () => {
    const res = await t.app.inject('/no-existe/');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Página no encontrada');
    expect(res.body).toContain('<html lang="es-CL">');
    expect(res.body).toContain('href="/talleres/"');
  });

  it('serves static files with cache headers', async () => {
    const res = await t.app.inject('/static/css/app.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('max-age=86400');
  });

  it('sends a Content-Security-Policy without inline scripts and forbids framing', async () => {
    const res = await t.app.inject('/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
