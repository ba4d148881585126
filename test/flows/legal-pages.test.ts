import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';

/** The footer's contact details come from the configuration; the terms and privacy pages exist. */
describe('footer, terms and privacy policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      env: {
        CENTRE_ADDRESS: 'Templeman 520, Cerro Concepción, Valparaíso',
        CENTRE_WHATSAPP: '+56 9 8765 4321',
        CENTRE_INSTAGRAM: '@tmm.valpo',
        CENTRE_EMAIL: 'hola@tmm.cl',
        WAITLIST_HOLD_HOURS: '6',
        ORDER_EXPIRY_HOURS: '3',
      },
    });
  });
  afterAll(async () => t.close());

  it('shows the centre’s address, WhatsApp and Instagram in every footer, with the legal links', async () => {
    for (const path of ['/', '/talleres/', '/login/', '/no-existe/']) {
      const body = (await t.app.inject(path)).body;
      expect(body).toContain(
        '<address data-test="footer-address">Templeman 520, Cerro Concepción, Valparaíso</address>',
      );
      expect(body).toContain('href="https://wa.me/56987654321"');
      expect(body).toContain('WhatsApp +56 9 8765 4321');
      expect(body).toContain('href="https://www.instagram.com/tmm.valpo/"');
      expect(body).toContain('Instagram @tmm.valpo');
      expect(body).toContain('href="mailto:hola@tmm.cl"');
      expect(body).toContain('<a href="/terminos/" data-test="footer-terms">Términos y condiciones</a>');
      expect(body).toContain('<a href="/privacidad/" data-test="footer-privacy">Política de privacidad</a>');
    }
  });

  it('publishes the terms as the application applies them', async () => {
    const res = await t.app.inject('/terminos/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Términos y condiciones</h1>');
    for (const heading of [
      'Inscripción en talleres',
      'Pagos',
      'Anulaciones y devoluciones',
      'Derecho a retracto',
      'Compra de kits',
    ])
      expect(res.body).toMatch(new RegExp(`<h2 id="[\\w-]+">\\d\\. ${heading}</h2>`));
    // The figures come from the configuration and the default cut-off.
    expect(res.body).toContain('se lo guardamos durante 6 horas');
    expect(res.body).toContain('Tienes 3 horas para pagarlo');
    expect(res.body).toContain('que es de 48 horas antes de su inicio');
    expect(res.body).toContain('Ley N° 19.496');
    expect(res.body).toContain('Templeman 520, Cerro Concepción, Valparaíso');
  });

  it('publishes the privacy policy: data, purposes, legal bases, retention and rights', async () => {
    const res = await t.app.inject('/privacidad/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Política de privacidad</h1>');
    for (const heading of [
      'Quién es responsable de tus datos',
      'Qué datos tratamos, para qué y con qué base legal',
      'Cuánto tiempo los guardamos',
      'Tus derechos',
      'Cómo ejercer tus derechos',
    ])
      expect(res.body).toMatch(new RegExp(`<h2 id="[\\w-]+">${heading}</h2>`));
    expect(res.body).toContain('Ley N° 19.628');
    expect(res.body).toContain('21.719');
    for (const right of ['Acceso', 'Rectificación', 'Supresión', 'Oposición', 'Portabilidad'])
      expect(res.body).toContain(`<strong>${right}:</strong>`);
    expect(res.body).toContain('href="mailto:hola@tmm.cl"');
  });
});
