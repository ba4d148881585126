import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../src/domain/users/auth.service';
import type { RouteEntry } from '../../src/http/security';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCustomerAccount,
  createProduct,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';
import { legacyScryptHash } from '../support/passwords';

/**
 * The security every page relies on, checked against the app's own route table
 * (app.routeTable, collected as routes are registered): a route added later is covered without
 * anyone remembering to add it here.
 */

const XSS = '<script>alert(1)</script>';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Routes that may take a POST without the CSRF token, each with its reason. Webpay's return comes
 * from the customer's browser posting from Transbank's site, Mercado Pago's webhook from its server:
 * neither can carry our token, and both are checked by what the provider sends (a server-side
 * commit, a signature); test/flows/online-payments-*.test.ts prove those checks.
 */
const CSRF_EXEMPT = new Set<string>(['/pago/webpay/retorno/', '/pago/mercadopago/webhook/']);
/**
 * The API reads only its `Authorization: Bearer` key, never a cookie, so a forged cross-site POST has
 * nothing to ride on; test/flows/api.test.ts proves it refuses a POST without a valid key.
 */
const BEARER_ONLY = /^\/api\/v1\//;

/** A concrete URL for a route pattern: every parameter becomes `value`, a wildcard a file name. */
const concrete = (url: string, value = '1') =>
  url.replace(/:\w+(\([^)]*\))?/g, value).replace(/\*$/, 'x.txt');

function routes(t: TestApp): RouteEntry[] {
  const seen = new Set<string>();
  return t.app.routeTable.filter((r) => {
    const key = `${r.method} ${r.url}`;
    if (r.method === 'HEAD' || r.method === 'OPTIONS' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function send(client: TestClient, route: RouteEntry, url = concrete(route.url)) {
  return route.method === 'GET' ? client.get(url) : client.post(url, {});
}

describe('security generated from the route table', () => {
  let t: TestApp;
  let customer: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const account = await createCustomerAccount(t.database.db);
    customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    const adminUser = await createUser(t.database.db, { role: 'admin' });
    admin = new TestClient(t.app);
    await admin.login(adminUser.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  it('refuses every /gestion/ route to an anonymous visitor (login, then back) and to a customer (403)', async () => {
    const staffRoutes = routes(t).filter((r) => r.url.startsWith('/gestion'));
    expect(staffRoutes.map((r) => `${r.method} ${r.url}`)).toContain('GET /gestion/usuarios/');
    for (const route of staffRoutes) {
      const label = `${route.method} ${route.url}`;
      const anonymous = await send(new TestClient(t.app), route);
      expect(anonymous.statusCode, label).toBe(303);
      const location = String(anonymous.headers.location);
      expect(location, label).toMatch(/^\/login\/\?next=/);
      if (route.method === 'GET')
        expect(location, label).toBe(`/login/?next=${encodeURIComponent(concrete(route.url))}`);

      const asCustomer = await send(customer, route);
      expect(asCustomer.statusCode, label).toBe(403);
      expect(asCustomer.body, label).toContain('Acceso denegado');
    }
  });

  it('refuses every state-changing route without a valid CSRF token (403), even for an admin', async () => {
    const writes = routes(t).filter(
      (r) => STATE_CHANGING.has(r.method) && !CSRF_EXEMPT.has(r.url) && !BEARER_ONLY.test(r.url),
    );
    expect(writes.map((r) => r.url)).toEqual(
      expect.arrayContaining(['/login/', '/logout/', '/cuenta/registro/']),
    );
    for (const route of writes) {
      const label = `${route.method} ${route.url}`;
      const url = concrete(route.url);
      for (const [who, client] of [
        ['anonymous', new TestClient(t.app)],
        ['admin', admin],
      ] as const) {
        const missing = await t.app.inject({
          method: route.method as 'POST',
          url,
          payload: 'nombre=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(client) },
        });
        const forged = await client.post(url, {}, { csrf: 'token-inventado' });
        if (who === 'anonymous' && (missing.statusCode === 303 || route.url.startsWith('/gestion/'))) {
          // A route for logged-in users (the staff area, the account) refuses a visitor before the
          // body, and its token, is even read: to the login page.
          for (const res of [missing, forged]) {
            expect(res.statusCode, `${label} ${who}`).toBe(303);
            expect(String(res.headers.location), label).toMatch(/^\/login\/\?next=/);
          }
          continue;
        }
        expect(missing.statusCode, `${label} ${who} without token`).toBe(403);
        expect(missing.body, label).toContain('El formulario expiró');
        expect(forged.statusCode, `${label} ${who} with a forged token`).toBe(403);
      }
    }
  });

  it('gives 404 for another customer’s enrollment or order on every customer route with an id', async () => {
    // Each route with an id parameter is either public, token-based, staff-only, or owned by one
    // customer; owned ones are listed here by what their id names.
    const OWNED: { pattern: RegExp; kind: 'enrollment' | 'sale' | 'attempt' | 'seriesBooking' }[] = [
      { pattern: /^\/pago\/en-linea\/:id\//, kind: 'attempt' },
      { pattern: /^\/pago\/venta\/:id\//, kind: 'sale' },
      { pattern: /^\/pago\/:id\//, kind: 'enrollment' },
      { pattern: /^\/cuenta\/inscripciones\/:id\//, kind: 'enrollment' },
      { pattern: /^\/series\/reservas\/:id\//, kind: 'seriesBooking' },
    ];
    const NOT_OWNED = [
      /^\/gestion\//,
      /^\/static\//,
      /^\/talleres\/:id\//,
      /^\/productos\/:id\//,
      /^\/carrito\//,
      /\/:token\//,
      // A calendar feed's secret is its key (no id to swap; calendar-feeds.test.ts tries guesses).
      /^\/calendario\/:feed$/,
      /^\/media\//,
      /^\/series\/:id\/$/,
      // The API answers keys, not customers (scopes: test/flows/api.test.ts).
      /^\/api\/v1\//,
      // Public on purpose: anyone holding a certificate may check it (certificates.test.ts).
      /^\/certificados\/:uuid\//,
    ];
    const withId = routes(t).filter((r) => r.url.includes(':') || r.url.includes('*'));
    const unclassified = withId.filter(
      (r) => !OWNED.some((o) => o.pattern.test(r.url)) && !NOT_OWNED.some((p) => p.test(r.url)),
    );
    expect(unclassified, 'classify new routes with an id in this test').toEqual([]);

    const { db } = t.database;
    const owner = await createCustomerAccount(db);
    const workshop = await createWorkshop(db, { startsAt: '2026-06-13T14:30:00.000Z' });
    const enrollment = await db
      .insertInto('enrollments')
      .values({ customerId: owner.customer.id, workshopId: workshop.id, amountDueClp: 45000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('workshops').set({ seatsTaken: 1 }).where('id', '=', workshop.id).execute();
    // A certificate of attendance, so its download is there for the owner.
    await db
      .insertInto('certificates')
      .values({
        uuid: '0d7c9f5e-1a2b-4c3d-8e9f-a0b1c2d3e4f5',
        enrollmentId: enrollment.id,
        customerName: 'Cliente con Cuenta',
        workshopName: 'Taller',
        sessionStartsAt: '2026-06-13T14:30:00.000Z',
        durationMinutes: 120,
        issuedAt: '2026-06-13T17:00:00.000Z',
      })
      .execute();
    const product = await createProduct(db);
    const sale = await db
      .insertInto('sales')
      .values({ customerId: owner.customer.id, totalClp: 15000, status: 'PENDIENTE' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('saleLines')
      .values({ saleId: sale.id, productId: product.id, quantity: 1, unitPriceClp: 15000 })
      .execute();
    const attempt = await db
      .insertInto('paymentAttempts')
      .values({
        provider: 'webpay',
        purpose: 'enrollment',
        enrollmentId: enrollment.id,
        amountClp: 45000,
        buyOrder: unique('I'),
        state: 'redirected',
        token: unique('token'),
        redirectUrl: 'https://webpay3gint.transbank.cl/webpayserver/initTransaction',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const series = await db
      .insertInto('series')
      .values({
        name: unique('Serie '),
        description: 'Una serie.',
        priceClp: 45000,
        totalSeats: 10,
        durationMinutes: 60,
        weekdays: '1',
        startTime: '19:00',
        startsOn: '2026-06-01',
        sessionCount: 1,
        createdAt: '2026-03-01T00:00:00.000Z',
        updatedAt: '2026-03-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const booking = await db
      .insertInto('seriesBookings')
      .values({ seriesId: series.id, customerId: owner.customer.id, createdAt: '2026-03-01T00:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('seriesBookingEnrollments')
      .values({ bookingId: booking.id, enrollmentId: enrollment.id })
      .execute();
    const ids = {
      enrollment: String(enrollment.id),
      sale: String(sale.id),
      attempt: String(attempt.id),
      seriesBooking: String(booking.id),
    };
    const ownerClient = new TestClient(t.app);
    await ownerClient.login(owner.login, owner.password);

    const owned = withId.filter((r) => OWNED.some((o) => o.pattern.test(r.url)));
    expect(owned.length).toBeGreaterThan(0);
    for (const route of owned) {
      const kind = OWNED.find((o) => o.pattern.test(route.url))!.kind;
      const url = concrete(route.url, ids[kind]);
      const res = await send(customer, route, url);
      expect(res.statusCode, `${route.method} ${url} by another customer`).toBe(404);
      expect(res.body).not.toContain(owner.user.email);
      if (route.method === 'GET')
        expect((await ownerClient.get(url)).statusCode, `${url} by its owner`).toBe(200);
    }
    const after = await db
      .selectFrom('enrollments')
      .select(['status', 'amountPaidClp'])
      .where('id', '=', enrollment.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'PENDIENTE', amountPaidClp: 0 });
    const saleAfter = await db
      .selectFrom('sales')
      .select('status')
      .where('id', '=', sale.id)
      .executeTakeFirstOrThrow();
    expect(saleAfter.status).toBe('PENDIENTE');
    expect(await db.selectFrom('payments').select('id').execute()).toEqual([]);
  });
});

function cookieHeader(client: TestClient) {
  return [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
}

describe('login, sessions, redirects and headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  /** A POST to /login/ from one IP address, with a valid CSRF token. */
  async function loginFrom(ip: string, username: string, password: string): Promise<LightMyRequestResponse> {
    const page = await t.app.inject({ method: 'GET', url: '/login/', remoteAddress: ip });
    const cookies = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const token = page.cookies.find((c) => c.name === 'csrftoken')!.value;
    return t.app.inject({
      method: 'POST',
      url: '/login/',
      remoteAddress: ip,
      payload: new URLSearchParams({ _csrf: token, username, password }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
    });
  }

  it('logs in with the username or the e-mail and answers every failure with one message', async () => {
    const username = unique('usuaria');
    const user = await createUser(t.database.db, { username });
    await new TestClient(t.app).login(username.toUpperCase(), TEST_PASSWORD);
    await new TestClient(t.app).login(user.email, TEST_PASSWORD);
    const wrong = await new TestClient(t.app).post('/login/', {
      username: user.email,
      password: 'no-es-esta',
    });
    const unknown = await new TestClient(t.app).post('/login/', {
      username: 'nadie@example.cl',
      password: 'no-es-esta',
    });
    expect(wrong.statusCode).toBe(422);
    expect(unknown.statusCode).toBe(422);
    const message = (body: string) => /role="alert">([^<]*)</.exec(body)?.[1];
    expect(message(wrong.body)).toBe(
      'Usuario o contraseña incorrectos. Revisa los datos e inténtalo otra vez.',
    );
    expect(message(unknown.body)).toBe(message(wrong.body));
    expect(wrong.body).toContain(`value="${user.email}"`);
  });

  /** A browser that logged in once: it keeps the signed device cookie the login set. */
  async function trustedBrowser(ip: string, login: string) {
    const page = await t.app.inject({ method: 'GET', url: '/login/', remoteAddress: ip });
    const jar = new Map(page.cookies.map((c) => [c.name, c.value]));
    const res = await t.app.inject({
      method: 'POST',
      url: '/login/',
      remoteAddress: ip,
      payload: new URLSearchParams({
        _csrf: jar.get('csrftoken')!,
        username: login,
        password: TEST_PASSWORD,
      }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    expect(res.statusCode).toBe(303);
    const device = res.cookies.find((c) => c.name === 'tmm_dispositivo');
    expect(device?.httpOnly).toBe(true);
    return { device: device!.value };
  }

  /** A login POST from an address, optionally carrying a device cookie. */
  async function attempt(ip: string, login: string, password: string, device?: string) {
    const page = await t.app.inject({ method: 'GET', url: '/login/', remoteAddress: ip });
    const cookies = page.cookies.map((c) => `${c.name}=${c.value}`);
    if (device) cookies.push(`tmm_dispositivo=${device}`);
    return t.app.inject({
      method: 'POST',
      url: '/login/',
      remoteAddress: ip,
      payload: new URLSearchParams({
        _csrf: page.cookies.find((c) => c.name === 'csrftoken')!.value,
        username: login,
        password,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies.join('; ') },
    });
  }

  it('stops ten typos per account and address without locking the account anywhere else', async () => {
    const user = await createUser(t.database.db);
    const colleague = await createUser(t.database.db);
    // Everyone behind one office proxy (no TRUST_PROXY): one address for all of them.
    for (let i = 0; i < 10; i++)
      expect((await attempt('10.1.0.1', user.email, 'mala-clave-123')).statusCode).toBe(422);
    const blocked = await attempt('10.1.0.1', user.email, TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Demasiados intentos fallidos');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // The colleague behind the same proxy, and the owner from home, are not locked out.
    expect((await attempt('10.1.0.1', colleague.email, TEST_PASSWORD)).statusCode).toBe(303);
    expect((await attempt('10.1.9.9', user.email, TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('blocks a guess spread over many addresses, but not a browser that logged in to that account before', async () => {
    const user = await createUser(t.database.db);
    const { device } = await trustedBrowser('10.2.9.9', user.email);
    for (let i = 0; i < 30; i++)
      expect((await attempt(`10.2.0.${i}`, user.email, 'mala-clave-123')).statusCode).toBe(422);
    // A new browser, even with the right password, waits out the window…
    expect((await attempt('10.2.1.1', user.email, TEST_PASSWORD)).statusCode).toBe(429);
    // …the owner's own browser does not.
    expect((await attempt('10.2.9.9', user.email, TEST_PASSWORD, device)).statusCode).toBe(303);
    // A forged cookie, or one earned on another account, is no pass.
    const other = await createUser(t.database.db);
    const { device: foreign } = await trustedBrowser('10.2.8.8', other.email);
    expect((await attempt('10.2.1.2', user.email, TEST_PASSWORD, foreign)).statusCode).toBe(303);
  });

  it('answers an account that does not exist exactly like one that does', async () => {
    const user = await createUser(t.database.db);
    for (const login of [user.email, `${unique('fantasma')}@example.cl`]) {
      for (let i = 0; i < 10; i++)
        expect((await attempt('10.4.0.1', login, 'mala-clave-123')).statusCode).toBe(422);
      const blocked = await attempt('10.4.0.1', login, login === user.email ? TEST_PASSWORD : 'x');
      expect(blocked.statusCode, login).toBe(429);
    }
    // Fifteen minutes after the first failures the address may try again.
    t.clock.advanceHours(0.26);
    try {
      expect((await attempt('10.4.0.1', user.email, TEST_PASSWORD)).statusCode).toBe(303);
    } finally {
      t.clock.advanceHours(-0.26);
    }
  });

  it('limits a trusted browser’s own failures, so a stolen device cookie is no unlimited pass', async () => {
    const user = await createUser(t.database.db);
    const { device } = await trustedBrowser('10.5.0.1', user.email);
    for (let i = 0; i < 10; i++)
      expect((await attempt(`10.5.1.${i}`, user.email, 'mala-clave-123', device)).statusCode).toBe(422);
    expect((await attempt('10.5.2.1', user.email, TEST_PASSWORD, device)).statusCode).toBe(429);
  });

  it('limits failed logins per IP address across accounts, and across app processes sharing the database', async () => {
    const other = await buildTestApp({ database: t.database, clock: t.clock });
    try {
      const user = await createUser(t.database.db);
      for (let i = 0; i < LOGIN_LIMITS.perIp - 1; i++)
        await loginFrom('10.3.0.1', `${unique('n')}@example.cl`, 'mala-clave-123');
      // The last failure reaches the other process, which shares the count through the database.
      const page = await other.app.inject({ method: 'GET', url: '/login/', remoteAddress: '10.3.0.1' });
      const token = page.cookies.find((c) => c.name === 'csrftoken')!.value;
      const viaOther = await other.app.inject({
        method: 'POST',
        url: '/login/',
        remoteAddress: '10.3.0.1',
        payload: new URLSearchParams({ _csrf: token, username: 'otra@example.cl', password: 'x' }).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: page.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        },
      });
      expect(viaOther.statusCode).toBe(422);
      const blocked = await loginFrom('10.3.0.1', user.email, TEST_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect((await loginFrom('10.3.0.2', user.email, TEST_PASSWORD)).statusCode).toBe(303);
    } finally {
      await other.close();
    }
  }, 60_000);

  it('sends open-redirect attempts in next to the home page and honours local paths', async () => {
    const user = await createUser(t.database.db);
    for (const next of [
      '//evil.example',
      'https://evil.example',
      '/\\evil',
      '/\\/evil.example',
      'javascript:alert(1)',
      // Dot segments that collapse into "//evil.example" once parsed.
      '/.//evil.example',
      '/a/..//evil.example',
      '/%2e%2e//evil.example',
      '/%0a/evil',
    ]) {
      const client = new TestClient(t.app);
      const res = await client.post('/login/', { username: user.email, password: TEST_PASSWORD, next });
      expect(res.statusCode, next).toBe(303);
      expect(res.headers.location, next).toBe(next === '/%0a/evil' ? '/%0a/evil' : '/');
      const again = await client.get(`/login/?next=${encodeURIComponent(next)}`);
      expect(again.headers.location, next).toBe(next === '/%0a/evil' ? '/%0a/evil' : '/');
    }
    const page = await t.app.inject(`/login/?next=${encodeURIComponent('//evil.example')}`);
    expect(page.body).not.toContain('evil.example');
    const ok = await new TestClient(t.app).post('/login/', {
      username: user.email,
      password: TEST_PASSWORD,
      next: '/talleres/?q=resina',
    });
    expect(ok.headers.location).toBe('/talleres/?q=resina');
  });

  it('changes the session id at login, so a session planted before login is worthless', async () => {
    const user = await createUser(t.database.db);
    const victim = new TestClient(t.app);
    await victim.post('/logout/'); // leaves an anonymous session (a flash message) and its cookie
    const planted = victim.cookies.get('sessionid');
    expect(planted).toBeTruthy();
    await victim.login(user.email, TEST_PASSWORD);
    const fresh = victim.cookies.get('sessionid');
    expect(fresh).toBeTruthy();
    expect(fresh).not.toBe(planted);
    expect((await victim.get('/cuenta/perfil/')).statusCode).toBe(200);
    const attacker = await t.app.inject({
      url: '/cuenta/perfil/',
      headers: { cookie: `sessionid=${planted}` },
    });
    expect(attacker.statusCode).toBe(303);
  });

  it('ends the session on logout (POST only): the old cookie no longer opens the account', async () => {
    const user = await createUser(t.database.db);
    const client = new TestClient(t.app);
    await client.login(user.email, TEST_PASSWORD);
    const cookie = `sessionid=${client.cookies.get('sessionid')}`;
    expect((await t.app.inject({ method: 'GET', url: '/logout/', headers: { cookie } })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ url: '/cuenta/perfil/', headers: { cookie } })).statusCode).toBe(200);
    const out = await client.post('/logout/');
    expect(out.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/cuenta/perfil/', headers: { cookie } })).statusCode).toBe(303);
  });

  it('upgrades a scrypt hash from before Argon2id to Argon2id at the next login', async () => {
    const user = await createUser(t.database.db);
    const old = legacyScryptHash(TEST_PASSWORD);
    await t.database.db.updateTable('users').set({ passwordHash: old }).where('id', '=', user.id).execute();
    await new TestClient(t.app).login(user.email, TEST_PASSWORD);
    const { passwordHash } = await t.database.db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(passwordHash).not.toBe(old);
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await new TestClient(t.app).login(user.email, TEST_PASSWORD);
  });

  it('accepts the token in the X-CSRFToken header equal to the csrftoken cookie, and refuses a foreign Origin', async () => {
    const client = new TestClient(t.app);
    const token = await client.csrfToken();
    const viaHeader = await client.post('/logout/', {}, { csrf: false, headers: { 'x-csrftoken': token } });
    expect(viaHeader.statusCode).toBe(303);
    const lower = await client.post(
      '/logout/',
      {},
      { csrf: false, headers: { 'x-csrf-token': await client.csrfToken() } },
    );
    expect(lower.statusCode).toBe(303);
    const foreign = await client.post('/logout/', {}, { headers: { origin: 'https://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    // Browsers send "Origin: null" when they withhold it; then the token alone decides.
    const nullOrigin = await client.post('/logout/', {}, { headers: { origin: 'null' } });
    expect(nullOrigin.statusCode).toBe(303);
    const nullOriginNoToken = await client.post('/logout/', {}, { csrf: false, headers: { origin: 'null' } });
    expect(nullOriginNoToken.statusCode).toBe(403);
    const sameSite = await client.post('/logout/', {}, { headers: { origin: 'http://localhost:80' } });
    expect(sameSite.statusCode).toBe(303);
    // Old scripts send foreign Referers over plain HTTP: the token alone decides.
    const referer = await client.post('/logout/', {}, { headers: { referer: 'https://elsewhere.example/' } });
    expect(referer.statusCode).toBe(303);
  });

  it('sends a strict CSP, forbids framing, sets HttpOnly SameSite cookies and HSTS only over HTTPS', async () => {
    const client = new TestClient(t.app);
    const res = await client.get('/cuenta/registro/');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['referrer-policy']).toBe('same-origin');
    // No executable inline script; JSON data islands (type="application/json") are never run.
    expect(res.body).not.toMatch(/<script(?![^>]*\b(src=|type="application\/json"))[^>]*>/);
    expect(res.body).toContain('<script type="application/json" id="password-policy">');
    expect(res.body).not.toMatch(/\sstyle="/);
    expect(res.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[^"]*\.(js|css)"/);

    const login = await client.login((await createUser(t.database.db)).email, TEST_PASSWORD);
    const session = login.cookies.find((c) => c.name === 'sessionid')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    const csrf = res.cookies.find((c) => c.name === 'csrftoken')!;
    expect(csrf.httpOnly).toBeFalsy();

    const behindProxy = await buildTestApp({ database: t.database, env: { TRUST_PROXY: 'true' } });
    try {
      const https = await behindProxy.app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
      expect(https.headers['strict-transport-security']).toContain('max-age=');
      const http = await behindProxy.app.inject({ url: '/' });
      expect(http.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await behindProxy.close();
    }
  });

  it('shows a script typed as a name escaped on every page where the name appears', async () => {
    const client = new TestClient(t.app);
    const password = 'acuarela-en-el-cerro-77';
    const email = `${unique('xss')}@example.cl`;
    const res = await client.post('/cuenta/registro/', {
      nombre: `${XSS} Pérez`,
      email,
      telefono: '+56912345678',
      password,
      password2: password,
    });
    expect(res.statusCode).toBe(303);
    // The account exists once the e-mailed link is used.
    const mail = await t.database.db
      .selectFrom('emailOutbox')
      .select('privateLink')
      .where('toAddress', '=', email)
      .executeTakeFirstOrThrow();
    expect((await client.post(new URL(mail.privateLink!).pathname)).statusCode).toBe(303);
    const adminUser = await createUser(t.database.db, { role: 'admin' });
    const admin = new TestClient(t.app);
    await admin.login(adminUser.email, TEST_PASSWORD);
    const pages = [
      ['layout greeting', await client.get('/')],
      ['profile', await client.get('/cuenta/perfil/')],
      ['profile form', await client.get('/cuenta/perfil/editar/')],
      ['admin users list', await admin.get(`/gestion/usuarios/?q=${encodeURIComponent(email)}`)],
    ] as const;
    for (const [where, page] of pages) {
      expect(page.statusCode, where).toBe(200);
      expect(page.body, where).not.toContain(XSS);
      expect(page.body, where).toMatch(
        /&lt;script>alert\(1\)&lt;\/script>|&lt;script&gt;alert\(1\)&lt;\/script&gt;/,
      );
    }
    // The sign-up form re-rendered with the name keeps it escaped too.
    const again = await new TestClient(t.app).post('/cuenta/registro/', { nombre: XSS, email: 'malo' });
    expect(again.statusCode).toBe(422);
    expect(again.body).not.toContain(XSS);
  });
});
