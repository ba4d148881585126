/**
 * The README's screenshots, taken again on demand: `npm run screenshots`.
 *
 * Starts the app on a fresh SQLite database with the demo data (development mode, so the demo
 * accounts have the password the README publishes), opens the customer pages at a phone's width
 * and the back office at a laptop's in the system Chromium, and writes PNGs to docs/screenshots/.
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_CUSTOMER, DEMO_STAFF } from '../src/seed/demo';
import { chromiumPath, ROOT, samplePages, startDemoServer } from './support/demo-server';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 900 };

async function logIn(page: Page, base: string, account: { email: string; password: string }) {
  await page.goto(`${base}/login/`);
  await page.fill('input[name="username"]', account.email);
  await page.fill('input[name="password"]', account.password);
  await Promise.all([page.waitForNavigation(), page.click('form button[type="submit"]')]);
}

/** Each page as the first screen a visitor sees (not the full scroll). */
async function shoot(context: BrowserContext, base: string, shots: [string, string][]) {
  const page = context.pages()[0] ?? (await context.newPage());
  for (const [name, url] of shots) {
    await page.goto(`${base}${url}`, { waitUntil: 'networkidle' });
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(`  ${path.relative(ROOT, file)}  ${url}`);
  }
}

async function main() {
  const { base, stop } = await startDemoServer('development');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    mkdirSync(OUT, { recursive: true });
    const { workshop, kit } = await samplePages(base);
    const phone = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await phone.newPage();
    await shoot(phone, base, [
      ['phone-home', '/'],
      ['phone-catalogue', '/talleres/'],
      ['phone-workshop', workshop],
      ['phone-calendar', '/talleres/?vista=calendario'],
      ['phone-kit', kit],
      ['phone-gift-card', '/tarjetas-regalo/'],
    ]);
    await logIn(phone.pages()[0]!, base, DEMO_CUSTOMER);
    await shoot(phone, base, [
      ['phone-account', '/cuenta/perfil/'],
      ['phone-packs', '/cuenta/bonos/'],
    ]);

    const laptop = await browser.newContext({
      viewport: LAPTOP,
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });
    await laptop.newPage();
    await shoot(laptop, base, [['laptop-workshop', workshop]]);
    await logIn(laptop.pages()[0]!, base, { email: DEMO_STAFF.email, password: DEMO_STAFF.password });
    await shoot(laptop, base, [
      ['laptop-dashboard', '/gestion/'],
      ['laptop-debtors', '/gestion/deudores/'],
      ['laptop-enrollments', '/gestion/inscripciones/'],
      ['laptop-reports', '/gestion/reportes/'],
      ['laptop-packs', '/gestion/bonos/'],
      ['laptop-gift-cards', '/gestion/tarjetas-regalo/'],
      ['laptop-series', '/gestion/series/'],
      ['laptop-facilitators', '/gestion/facilitadores/'],
    ]);
  } finally {
    await browser.close();
    await stop();
  }
}

await main();
