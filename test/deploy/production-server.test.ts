import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/database';
import { type BuiltServer, startBuiltServer } from '../support/built-server';
import { createCustomerAccount, createWorkshop } from '../support/factories';
import { HttpSession } from '../support/http-session';

/**
 * The production bundle (`node dist/cli.js serve`, NODE_ENV=production) over plain http, over https
 * with its own certificate, and behind a TLS proxy. Issue 21: production over http refused every
 * form, because the CSRF secret cookie was always Secure and never came back.
 */

const SECRET = 'secreto-de-produccion-para-pruebas-0123456789';

const production = (databaseFile: string, extra: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  SESSION_SECRET: SECRET,
  DATABASE_URL: `sqlite:${databaseFile}`,
  IN_PROCESS_WORKER: 'false',
  ...extra,
});

const isSecure = (line: string) => line.split(';').some((a) => a.trim().toLowerCase() === 'secure');
const cookieLine = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name}=`));

/** Logs in, enrolls in a workshop and pays it with the simulated provider, as a browser does. */
async function logInEnrollAndPay(session: HttpSession, login: string, password: string, workshopId: number) {
  const loginPage = await session.get('/login/');
  expect(loginPage.status).toBe(200);
  const loggedIn = await session.post('/login/', { username: login, password });
  expect(loggedIn.status, loggedIn.body.slice(0, 300)).toBe(303);
  expect(loggedIn.headers.location).toBe('/');
  expect((await session.get(`/talleres/${workshopId}/`)).status).toBe(200);
  const enrolled = await session.post(`/talleres/${workshopId}/`);
  expect(enrolled.status, enrolled.body.slice(0, 300)).toBe(303);
  const payPath = String(enrolled.headers.location);
  expect(payPath).toMatch(/^\/pago\/\d+\/$/);
  expect((await session.get(payPath)).status).toBe(200);
  const paid = await session.post(payPath, { accion_pago: 'pagar' });
  expect(paid.status).toBe(303);
  const receipt = await session.get(payPath);
  expect(receipt.body).toContain('Pagado');
  return { loggedIn };
}

describe('production mode, served by the built bundle', () => {
  let dir: string;
  let database: Database;
  let plain: BuiltServer;
  let proxied: BuiltServer;
  let tls: BuiltServer;
  let certificate: { cert: string; key: string };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tmm-prod-'));
    const file = path.join(dir, 'tmm.sqlite');
    certificate = { cert: path.join(dir, 'cert.pem'), key: path.join(dir, 'key.pem') };
    // A self-signed certificate for 127.0.0.1, made here (openssl is on every Debian machine).
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        certificate.key,
        '-out',
        certificate.cert,
      ],
      { stdio: 'ignore' },
    );
    plain = await startBuiltServer(production(file));
    [proxied, tls] = await Promise.all([
      startBuiltServer(production(file, { TRUST_PROXY: 'true', REQUIRE_HTTPS: 'true' })),
      startBuiltServer(production(file, { TLS_CERT_FILE: certificate.cert, TLS_KEY_FILE: certificate.key }), {
        https: true,
      }),
    ]);
    database = createDatabase({ dialect: 'sqlite', file });
  }, 60_000);

  afterAll(async () => {
    await Promise.all([plain?.stop(), proxied?.stop(), tls?.stop()]);
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in, enrolls and pays over plain http, with cookies a browser sends back', async () => {
    const account = await createCustomerAccount(database.db);
    const workshop = await createWorkshop(database.db, {
      startsAt: new Date(Date.now() + 10 * 24 * 3600_000).toISOString(),
    });
    const session = new HttpSession(plain.url);
    const first = await session.get('/login/');
    const secret = cookieLine(first.setCookies, '_csrf_secret');
    expect(secret, 'the CSRF secret cookie is set').toBeDefined();
    expect(isSecure(secret!)).toBe(false);
    expect(first.headers['strict-transport-security']).toBeUndefined();
    await logInEnrollAndPay(session, account.login, account.password, workshop.id);
    expect(isSecure(cookieLine((await session.get('/')).setCookies, 'csrftoken') ?? '')).toBe(false);
  });

  it('seeds demo data in production with a generated admin password, never the published one', async () => {
    const file = path.join(dir, 'demo.sqlite');
    const demo = await startBuiltServer(production(file, { SEED_DEMO: 'true' }));
    try {
      const printed = /carolina@tmm\.cl \/ ([\w-]{16})/.exec(demo.output());
      expect(printed, demo.output()).not.toBeNull();
      const published = new HttpSession(demo.url);
      await published.get('/login/');
      const refused = await published.post('/login/', {
        username: 'carolina@tmm.cl',
        password: 'tmm-demo-2026',
      });
      expect(refused.status).toBe(422);
      const admin = new HttpSession(demo.url);
      await admin.get('/login/');
      expect(
        (await admin.post('/login/', { username: 'carolina@tmm.cl', password: printed![1]! })).status,
      ).toBe(303);
      expect((await admin.get('/gestion/usuarios/')).status).toBe(200);
    } finally {
      await demo.stop();
    }
  });

  it('warns once at start-up that production runs on plain http without a trusted proxy', () => {
    const warnings = plain
      .output()
      .split('\n')
      .filter((l) => l.includes('plain http'));
    expect(warnings).toHaveLength(1);
    expect(tls.output()).not.toContain('plain http');
    expect(proxied.output()).not.toContain('plain http');
  });

  it('over https marks every cookie Secure and sends HSTS', async () => {
    const account = await createCustomerAccount(database.db);
    const workshop = await createWorkshop(database.db, {
      startsAt: new Date(Date.now() + 10 * 24 * 3600_000).toISOString(),
    });
    const session = new HttpSession(tls.url);
    const page = await session.get('/login/');
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(page.setCookies.length).toBeGreaterThan(0);
    for (const line of page.setCookies) expect(isSecure(line), line).toBe(true);
    const { loggedIn } = await logInEnrollAndPay(session, account.login, account.password, workshop.id);
    const sessionCookie = cookieLine(loggedIn.setCookies, 'sessionid');
    expect(sessionCookie && isSecure(sessionCookie)).toBe(true);
  });

  it('behind a TLS proxy with TRUST_PROXY marks cookies Secure and sends HSTS', async () => {
    const session = new HttpSession(proxied.url, { 'x-forwarded-proto': 'https' });
    const page = await session.get('/login/');
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    for (const line of page.setCookies) expect(isSecure(line), line).toBe(true);
  });

  it('with REQUIRE_HTTPS redirects plain http to https, and keeps the health check on http', async () => {
    const session = new HttpSession(proxied.url);
    const page = await session.get('/talleres/?q=x');
    expect(page.status).toBe(301);
    expect(page.headers.location).toBe(`https://127.0.0.1:${proxied.port}/talleres/?q=x`);
    const form = await session.post('/login/', { username: 'x', password: 'y' });
    expect(form.status).toBe(308);
    expect((await session.get('/healthz')).status).toBe(200);
  });
});
