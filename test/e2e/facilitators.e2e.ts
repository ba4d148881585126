import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnrollmentFor,
  createFacilitator,
  createFacilitatorAccount,
  createFacilitatorWorkshop,
} from '../support/facilitator-factories';
import { createUser, TEST_PASSWORD } from '../support/factories';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

/** Facilitators (issue 18): a facilitator marks attendance on a phone; staff set pay and close a period on a laptop. */

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function logIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/login/`);
  await page.fill('#f-username', email);
  await page.fill('#f-password', TEST_PASSWORD);
  await page.click('#loginSubmit');
  await page.waitForLoadState('load');
}

describe('facilitators in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a facilitator sees their session and marks attendance on a 360 and a 390 px phone', async () => {
    const db = server.database.db;
    const f = await createFacilitator(db, { name: 'Valentina Soto Aravena' });
    const soon = new Date(Date.now() + 3 * 3600_000).toISOString();
    const w = await createFacilitatorWorkshop(db, f.id, {
      name: 'Encuadernación japonesa de invierno',
      startsAt: soon,
    });
    await createEnrollmentFor(db, w.id, {
      fullName: 'Bárbara Constanza Rodríguez Sepúlveda',
      paidClp: 45000,
    });
    await createEnrollmentFor(db, w.id, { fullName: 'Tomás Pérez', paidClp: 45000 });
    const account = await createFacilitatorAccount(db, f.id);
    for (const width of [360, 390]) {
      const context = await newContext(browser, { phone: true });
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 844 });
      const errors = collectPageErrors(page);
      await logIn(page, server.baseUrl, account.email);
      await page.goto(`${server.baseUrl}/gestion/mis-sesiones/`);
      expect(await page.textContent('h1')).toBe('Mis sesiones');
      expect(await overflow(page)).toBe(0);
      expect(describeViolations(await seriousA11yViolations(page))).toBe('');
      await page.click(`a[href="/gestion/mis-sesiones/${w.id}/"]`);
      await page.waitForURL(`${server.baseUrl}/gestion/mis-sesiones/${w.id}/`);
      expect(await overflow(page)).toBe(0);
      expect(describeViolations(await seriousA11yViolations(page))).toBe('');
      const person = width === 360 ? 'Bárbara Constanza Rodríguez Sepúlveda' : 'Tomás Pérez';
      await page.click(`button[aria-label="Marcar asistencia de ${person}"]`);
      await page.waitForLoadState('load');
      expect(await page.textContent('.flash-success')).toContain('asistencia marcada a 1 persona');
      expect(await page.isVisible(`button[aria-label="Quitar asistencia de ${person}"]`)).toBe(true);
      expect(await overflow(page)).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('staff add a pay rule, close a period and read the payroll on a 1366 px laptop', async () => {
    const db = server.database.db;
    const staffUser = await createUser(db, { role: 'staff' });
    const f = await createFacilitator(db, { name: 'Matías Fuentealba Ortiz' });
    const w = await createFacilitatorWorkshop(db, f.id, {
      name: 'Meditación al atardecer',
      startsAt: '2026-01-10T22:00:00.000Z',
    });
    await createEnrollmentFor(db, w.id, { paidClp: 30000, attended: true });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    const errors = collectPageErrors(page);
    await logIn(page, server.baseUrl, staffUser.email);

    await page.goto(`${server.baseUrl}/gestion/facilitadores/${f.id}/`);
    await page.selectOption('#f-tipo', 'revenue_share');
    await page.fill('#f-porcentaje', '50');
    await page.fill('#f-desde', '2026-01-01');
    await page.click('[data-test="pay-rule-form"] button[type=submit]');
    await page.waitForLoadState('load');
    expect(await page.textContent('[data-test="pay-rules"]')).toContain('50 % de lo recaudado');
    expect(await overflow(page)).toBe(0);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await page.goto(`${server.baseUrl}/gestion/honorarios/`);
    await page.fill('#f-desde', '2026-01-01');
    await page.fill('#f-hasta', '2026-01-31');
    await page.click('[data-test="close-period"] button[type=submit]');
    await page.waitForURL(/\/gestion\/honorarios\/planilla\/\?periodo=\d+$/);
    const totals = await page.textContent('[data-test="payroll-totals"]');
    // 50 % of $30.000 = $15.000; 15,25 % = $2.287,5 → $2.288; líquido $12.712
    expect(totals).toContain('$15.000');
    expect(totals).toContain('$2.288');
    expect(totals).toContain('$12.712');
    expect(await overflow(page)).toBe(0);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});
