import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchable } from '../../src/lib/text';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

describe('the back office in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer({ seed: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets staff find a customer typed without accents, log an interaction and export the list', async () => {
    // A demo customer whose name has an accent, to be typed without it.
    const customers = await server.database.db
      .selectFrom('customers')
      .select(['id', 'fullName'])
      .orderBy('id')
      .execute();
    const target = customers.find((c) => searchable(c.fullName) !== c.fullName.toLowerCase());
    expect(target, 'the demo data has a customer with an accented name').toBeDefined();
    const typed = searchable(target!.fullName);

    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${server.baseUrl}/login/?next=/gestion/`);
    await page.fill('input[name="username"]', 'carolina@tmm.cl');
    await page.fill('input[name="password"]', 'tmm-demo-2026');
    await Promise.all([
      page.waitForURL(`${server.baseUrl}/gestion/`),
      page.click('form[action="/login/"] button[type="submit"]'),
    ]);
    expect(await page.locator('h1').first().textContent()).toContain('Panel de gestión');

    await page.click('nav[aria-label="Gestión"] >> text=Clientes');
    await page.waitForURL(/\/gestion\/clientes\/$/);
    await page.fill('#f-q', typed);
    await Promise.all([
      page.waitForURL(/\/gestion\/clientes\/\?q=/),
      page.click('form.filters button[type="submit"]'),
    ]);
    const link = page.locator('[data-test="customer-link"]', { hasText: target!.fullName }).first();
    expect(await link.count()).toBe(1);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await Promise.all([page.waitForURL(new RegExp(`/gestion/clientes/${target!.id}/$`)), link.click()]);
    expect(await page.locator('h1').first().textContent()).toContain(target!.fullName);
    await page.selectOption('.interaction-form select[name="tipo"]', 'call');
    await page.fill(
      '.interaction-form textarea[name="resumen"]',
      'Llamé para ofrecerle el taller de resina de abril.',
    );
    await page.fill('.interaction-form input[name="seguimiento"]', '2026-12-01');
    await Promise.all([
      page.waitForURL(new RegExp(`/gestion/clientes/${target!.id}/`)),
      page.click('.interaction-form button[type="submit"]'),
    ]);
    expect(await page.locator('.flash-success').textContent()).toContain('Contacto registrado.');
    const entry = page.locator('.timeline li').first();
    expect(await entry.textContent()).toContain('Llamé para ofrecerle el taller de resina de abril.');
    expect(await entry.textContent()).toContain('Llamada');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await page.goto(`${server.baseUrl}/gestion/clientes/?q=${encodeURIComponent(typed)}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-test="export-csv"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/^clientes-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(path!, 'utf8');
    // Semicolons and a byte-order mark: what Excel in es-CL opens as columns.
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('Nombre;Correo');
    expect(csv).toContain(target!.fullName);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the back office usable on a phone: the menu scrolls, the page does not overflow', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login/?next=/gestion/clientes/`);
    await page.fill('input[name="username"]', 'carolina@tmm.cl');
    await page.fill('input[name="password"]', 'tmm-demo-2026');
    await Promise.all([
      page.waitForURL(/\/gestion\/clientes\/$/),
      page.click('form[action="/login/"] button[type="submit"]'),
    ]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await context.close();
  });
});
