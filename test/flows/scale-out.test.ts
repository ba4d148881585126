import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../support/db';
import { freePort } from '../support/embedded-postgres';
import { createCustomerAccount, createWorkshop } from '../support/factories';

/**
 * Scale-out: two real `tmm serve` processes share one database. Sessions, the CSRF secret, carts and
 * enrollments live in the database (or in cookies signed with the shared secret), so a customer can
 * log in on one process and carry on with every other step on the other.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SECRET = 'scale-out-secret-0123456789abcdef0123456789';

class Browser {
  cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const body = init.form ? new URLSearchParams({ _csrf: this.csrf(), ...init.form }).toString() : undefined;
    const response = await fetch(url, {
      method: init.method ?? (body ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: this.header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    for (const raw of response.headers.getSetCookie()) {
      const [pair] = raw.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(raw)) this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
    return {
      status: response.status,
      location: response.headers.get('location') ?? '',
      text: await response.text(),
    };
  }
  csrf() {
    return decodeURIComponent(this.cookies.get('csrftoken') ?? '');
  }
}

async function startProcess(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'tmm.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`tmm serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('tmm serve did not start');
}

describe('two app processes sharing one database', () => {
  let database: TestDb;
  let dataDir: string;
  const processes: ChildProcess[] = [];
  let a: string;
  let b: string;

  beforeAll(async () => {
    database = await createTestDb();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-scale-'));
    const env = {
      DATABASE_URL:
        database.config.dialect === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url,
      SESSION_SECRET: SECRET,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      SEED_DEMO: 'false',
      IN_PROCESS_WORKER: 'false',
      DATA_DIR: dataDir,
    };
    const [first, second] = await Promise.all([startProcess(env), startProcess(env)]);
    processes.push(first.child, second.child);
    a = first.url;
    b = second.url;
  }, 60_000);

  afterAll(async () => {
    for (const child of processes) {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    }
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs in on one process, enrolls and pays on the other, and logs out everywhere', async () => {
    const account = await createCustomerAccount(database.db, { name: 'Valentina Soto' });
    const workshop = await createWorkshop(database.db, {
      name: 'Resina en dos procesos',
      startsAt: '2030-06-13T14:30:00.000Z',
    });
    const browser = new Browser();

    await browser.request(`${a}/login/`);
    const login = await browser.request(`${a}/login/`, {
      form: { username: account.login, password: account.password },
    });
    expect(login.status).toBe(303);

    // Process B knows the session process A created.
    const detail = await browser.request(`${b}/talleres/${workshop.id}/`);
    expect(detail.text).toContain('Valentina');
    const enroll = await browser.request(`${b}/talleres/${workshop.id}/`, { form: {} });
    expect(enroll.status).toBe(303);
    expect(enroll.location).toMatch(/^\/pago\/\d+\/$/);

    // Back on A: the payment page of the enrollment made on B, with the flash B queued.
    const payPage = await browser.request(`${a}${enroll.location}`);
    expect(payPage.status).toBe(200);
    expect(payPage.text).toContain('Resina en dos procesos');
    const pay = await browser.request(`${a}${enroll.location}`, { form: { accion_pago: 'pagar' } });
    expect(pay.status).toBe(303);
    const enrollment = await database.db
      .selectFrom('enrollments')
      .select(['status'])
      .where('workshopId', '=', workshop.id)
      .executeTakeFirstOrThrow();
    expect(enrollment.status).toBe('PAGADO');

    // Logging out on B ends the session on A too.
    expect((await browser.request(`${b}/logout/`, { form: {} })).status).toBe(303);
    const profile = await browser.request(`${a}/cuenta/perfil/`);
    expect(profile.status).toBe(303);
    expect(profile.location).toContain('/login/');
  }, 60_000);
});
