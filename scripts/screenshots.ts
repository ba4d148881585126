/**
 * The README's screenshots, taken again on demand: `npm run screenshots`.
 *
 * Starts the app on a fresh SQLite database with the demo data (development mode, so the demo
 * accounts have the password the README publishes), opens the customer pages at a phone's width
 * and the back office at a laptop's in the system Chromium, and writes PNGs to docs/screenshots/.
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_CUSTOMER, DEMO_STAFF } from '../src/seed/demo';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startApp(dataDir: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Seeding the demo (covers included) takes a few seconds before the port opens.
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

async function logIn(page: Page, base: string, account: { email: string; password: string }) {
  await page.goto(`${base}/login/`);
  await page.fill('input[name="username"]', account.email);
  await page.fill('input[name="password"]', account.password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"]')]);
}

async function shoot(context: BrowserContext, base: string, shots: [string, string][], fullPage: boolean) {
  const page = context.pages()[0] ?? (await context.newPage());
  for (const [name, url] of shots) {
    await page.goto(`${base}${url}`, { waitUntil: 'networkidle' });
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file, fullPage });
    console.log(`  ${path.relative(ROOT, file)}  ${url}`);
  }
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-screenshots-'));
  const { base, child } = await startApp(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    mkdirSync(OUT, { recursive: true });
    const catalogue = await (await fetch(`${base}/talleres/`)).text();
    const workshop = /href="(\/talleres\/\d+\/)"/.exec(catalogue)?.[1] ?? '/talleres/';
    const kits = await (await fetch(`${base}/productos/`)).text();
    const kit = /href="(\/productos\/\d+\/)"/.exec(kits)?.[1] ?? '/productos/';

    const phone = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await phone.newPage();
    await shoot(
      phone,
      base,
      [
        ['phone-home', '/'],
        ['phone-catalogue', '/talleres/'],
        ['phone-workshop', workshop],
        ['phone-calendar', '/talleres/?vista=calendario'],
        ['phone-kit', kit],
      ],
      false,
    );
    await logIn(phone.pages()[0]!, base, DEMO_CUSTOMER);
    await shoot(phone, base, [['phone-account', '/cuenta/perfil/']], false);

    const laptop = await browser.newContext({
      viewport: LAPTOP,
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await laptop.newPage();
    await shoot(laptop, base, [['laptop-workshop', workshop]], false);
    await logIn(laptop.pages()[0]!, base, { email: DEMO_STAFF.email, password: DEMO_STAFF.password });
    await shoot(
      laptop,
      base,
      [
        ['laptop-dashboard', '/gestion/'],
        ['laptop-debtors', '/gestion/deudores/'],
        ['laptop-enrollments', '/gestion/inscripciones/'],
      ],
      false,
    );
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
