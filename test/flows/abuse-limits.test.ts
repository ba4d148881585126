import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RATE_LIMITS } from '../../src/surfaces/account/account.routes';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createUser, TEST_PASSWORD, unique } from '../support/factories';

/** Forms that send e-mail or check a link are limited per address; the answer is a Spanish 429. */
describe('rate limits on sign-up, reset requests and e-mail links', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  /** A form POST from one address with a valid CSRF token. */
  async function postFrom(ip: string, url: string, form: Record<string, string>) {
    const page = await t.app.inject({ method: 'GET', url: '/login/', remoteAddress: ip });
    const token = page.cookies.find((c) => c.name === 'csrftoken')!.value;
    return t.app.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      payload: new URLSearchParams({ _csrf: token, ...form }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: page.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      },
    });
  }

  it.each([
    ['sign-up', '/cuenta/registro/', RATE_LIMITS.signup.max, () => ({ email: `${unique('r')}@example.cl` })],
    [
      'reset request',
      '/cuenta/recuperar/',
      RATE_LIMITS.resetRequest.max,
      () => ({ email: `${unique('r')}@example.cl` }),
    ],
    [
      'e-mail confirmation',
      '/cuenta/verificar/token-de-prueba-que-no-existe/',
      RATE_LIMITS.links.max,
      () => ({}),
    ],
  ] as const)(
    'answers the %s form with 429 after its limit, and only for that address',
    async (_name, url, max, form) => {
      const ip = `10.9.${Math.floor(Math.random() * 200)}.1`;
      for (let i = 0; i < max; i++) expect((await postFrom(ip, url, form())).statusCode).not.toBe(429);
      const limited = await postFrom(ip, url, form());
      expect(limited.statusCode).toBe(429);
      expect(limited.body).toContain('demasiadas solicitudes');
      expect(limited.body).not.toMatch(/Rate limit exceeded/);
      expect((await postFrom('10.8.0.1', url, form())).statusCode).not.toBe(429);
    },
  );

  it('cleans control characters out of a sign-up that is otherwise valid', async () => {
    const email = `${unique('nul')}@example.cl`;
    const res = await new TestClient(t.app).post('/cuenta/registro/', {
      nombre: 'Ana\u0000 María \u202Egnp.exe',
      email,
      telefono: '+56 9 8765 4321',
      password: 'acuarela-en-el-cerro-77',
      password2: 'acuarela-en-el-cerro-77',
      comuna: 'Valpa\u0000raíso',
    });
    expect(res.statusCode).toBe(303);
    const pending = await t.database.db
      .selectFrom('signupRequests')
      .select(['name', 'comuna'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(pending).toEqual({ name: 'Ana María gnp.exe', comuna: 'Valparaíso' });
  });

  it('refuses birth dates nobody alive has: in the future, or centuries ago', async () => {
    for (const fecha of ['2099-01-01', '1700-05-01']) {
      const res = await new TestClient(t.app).post('/cuenta/registro/', {
        nombre: 'Ana María',
        email: `${unique('fecha')}@example.cl`,
        telefono: '+56987654321',
        password: 'acuarela-en-el-cerro-77',
        password2: 'acuarela-en-el-cerro-77',
        fecha_nacimiento: fecha,
      });
      expect(res.statusCode, fecha).toBe(422);
      expect(res.body).toMatch(/<input id="f-fecha_nacimiento"[^>]*aria-invalid="true"/);
    }
    const staffUser = await createUser(t.database.db, { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, TEST_PASSWORD);
    const res = await staff.post('/gestion/clientes/nuevo/', {
      nombre: 'Cliente Antigua',
      email: `${unique('antigua')}@example.cl`,
      tipo: 'B2C',
      fecha_nacimiento: '1700-01-01',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Revisa el año de nacimiento');
  });
});

describe('uploads to the back office', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  /** A multipart body of about 20 MB produced lazily, counting how much of it the server read. */
  function bigUpload() {
    const boundary = 'limite-de-prueba';
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const total = 320;
    let produced = 0;
    const stream = new Readable({
      read() {
        if (produced === 0)
          this.push(
            `--${boundary}\r\nContent-Disposition: form-data; name="imagen"; filename="x.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
          );
        if (produced < total) {
          produced++;
          this.push(chunk);
        } else {
          this.push(`\r\n--${boundary}--\r\n`);
          this.push(null);
        }
      },
    });
    return { stream, boundary, readChunks: () => produced, total };
  }

  it('refuses an upload from a visitor or a customer before reading its body', async () => {
    const customerUser = await createUser(t.database.db, { role: 'customer' });
    const customer = new TestClient(t.app);
    await customer.login(customerUser.email, TEST_PASSWORD);
    for (const [who, cookie] of [
      ['visitor', ''],
      ['customer', [...customer.cookies].map(([k, v]) => `${k}=${v}`).join('; ')],
    ] as const) {
      const upload = bigUpload();
      const res = await t.app.inject({
        method: 'POST',
        url: '/gestion/productos/1/imagen/',
        payload: upload.stream,
        headers: { 'content-type': `multipart/form-data; boundary=${upload.boundary}`, cookie },
      });
      expect(res.statusCode, who).toBe(who === 'visitor' ? 303 : 403);
      expect(upload.readChunks(), who).toBeLessThan(upload.total / 4);
    }
  });
});
