import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/database';
import { type BuiltServer, startBuiltServer } from '../support/built-server';
import { createCustomerAccount, createWorkshop } from '../support/factories';
import { startMercadoPagoFake } from '../support/fakes/mercadopago-fake';
import { startWebpayFake } from '../support/fakes/webpay-fake';
import { HttpSession } from '../support/http-session';

/**
 * The payment SDKs (transbank-sdk with axios ~22 MB of memory, mercadopago ~12 MB) are loaded when a
 * provider is first used, never with the process. The production bundle runs in a child process with
 * a module loader hook (`--import`) that writes down every module it resolves; the control run, with
 * both providers configured and used, proves the hook sees the SDKs when they do load.
 */

const SECRET = 'secreto-de-produccion-para-pruebas-0123456789';

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.TMM_MODULE_LOG, resolved.url + '\\n');
  return resolved;
}
`;
const REGISTER = `
import { register } from 'node:module';
register('./hooks.mjs', import.meta.url);
`;

const isSdk = (name: 'transbank-sdk' | 'mercadopago') => (url: string) =>
  url.includes(`/node_modules/${name}/`);

describe('the payment SDKs in the production bundle', () => {
  let dir: string;
  let database: Database;
  const servers: BuiltServer[] = [];
  const databases: Database[] = [];

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tmm-lazy-sdk-'));
    writeFileSync(path.join(dir, 'hooks.mjs'), HOOKS);
    writeFileSync(path.join(dir, 'register.mjs'), REGISTER);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await Promise.all(databases.map((d) => d.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** The built server on its own database, every module it resolves written to `<name>.log`. */
  async function serve(name: string, extra: Record<string, string> = {}) {
    const log = path.join(dir, `${name}.log`);
    writeFileSync(log, '');
    const file = path.join(dir, `${name}.sqlite`);
    const server = await startBuiltServer({
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      DATABASE_URL: `sqlite:${file}`,
      NODE_OPTIONS: `--import=${path.join(dir, 'register.mjs')}`,
      TMM_MODULE_LOG: log,
      ...extra,
    });
    servers.push(server);
    database = createDatabase({ dialect: 'sqlite', file });
    databases.push(database);
    const loaded = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
    return { server, loaded };
  }

  /** A customer logged in with an enrollment to pay, and its payment page seen. */
  async function customerWithEnrollment(server: BuiltServer) {
    const account = await createCustomerAccount(database.db);
    const workshop = await createWorkshop(database.db, {
      startsAt: new Date(Date.now() + 10 * 24 * 3600_000).toISOString(),
    });
    const session = new HttpSession(server.url);
    await session.get('/login/');
    expect(
      (await session.post('/login/', { username: account.login, password: account.password })).status,
    ).toBe(303);
    await session.get(`/talleres/${workshop.id}/`);
    const enrolled = await session.post(`/talleres/${workshop.id}/`);
    const payPath = String(enrolled.headers.location);
    expect(payPath).toMatch(/^\/pago\/\d+\/$/);
    expect((await session.get(payPath)).status).toBe(200);
    return { session, payPath };
  }

  it('never loads them in a server that only offers the simulated page', async () => {
    const { server, loaded } = await serve('simulated');
    const { session, payPath } = await customerWithEnrollment(server);
    const paid = await session.post(payPath, { accion_pago: 'pagar' });
    expect(paid.status).toBe(303);
    expect((await session.get(payPath)).body).toContain('Pagado');
    const modules = loaded();
    // The hook did see the application's own dependencies being loaded.
    expect(modules.some((url) => url.includes('/node_modules/fastify/'))).toBe(true);
    expect(modules.filter(isSdk('transbank-sdk'))).toEqual([]);
    expect(modules.filter(isSdk('mercadopago'))).toEqual([]);
  });

  it('loads each one only once its provider is used, even when both are configured', async () => {
    const webpay = await startWebpayFake();
    const mp = await startMercadoPagoFake();
    try {
      const { server, loaded } = await serve('configured', {
        WEBPAY_ENVIRONMENT: 'integration',
        WEBPAY_BASE_URL: webpay.baseUrl,
        MERCADOPAGO_ACCESS_TOKEN: mp.accessToken,
        MERCADOPAGO_WEBHOOK_SECRET: mp.webhookSecret,
        MERCADOPAGO_BASE_URL: mp.baseUrl,
        NO_PROXY: '127.0.0.1',
      });
      await database.db
        .updateTable('paymentProviderSettings')
        .set({ isEnabled: true })
        .where('provider', 'in', ['webpay', 'mercadopago'])
        .execute();
      const { session, payPath } = await customerWithEnrollment(server);
      expect(loaded().filter(isSdk('transbank-sdk'))).toEqual([]);
      expect(loaded().filter(isSdk('mercadopago'))).toEqual([]);

      const viaWebpay = await session.post(`${payPath}en-linea/`, { proveedor: 'webpay' });
      expect(viaWebpay.status, viaWebpay.body.slice(0, 300)).toBe(303);
      expect(webpay.transactions.size).toBe(1);
      expect(loaded().filter(isSdk('transbank-sdk'))).not.toEqual([]);
      expect(loaded().filter(isSdk('mercadopago'))).toEqual([]);

      const viaMercadoPago = await session.post(`${payPath}en-linea/`, { proveedor: 'mercadopago' });
      expect(viaMercadoPago.status).toBe(303);
      expect(mp.preferences.size).toBe(1);
      expect(loaded().filter(isSdk('mercadopago'))).not.toEqual([]);
    } finally {
      await webpay.close();
      await mp.close();
    }
  });
});
