import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { cancelEnrollment, enrollCustomer } from '../../src/domain/enrollments';
import { recordEnrollmentPayment } from '../../src/domain/payments';
import { createWebhookEndpoint } from '../../src/domain/webhooks';
import { createCustomer, createPaymentAttempt, createWorkshop, unique } from '../support/factories';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

/** The laptops staff use: 1366 px (the owner's) and 1280 px. */
const LAPTOPS = [1280, 1366];

/** Every back-office list, from its declaration (src/surfaces/staff/<feature>/<feature>.list.tsx). */
async function staffListPaths(): Promise<string[]> {
  const root = path.resolve('src/surfaces/staff');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.list.tsx'),
  );
  const paths: string[] = [];
  for (const file of files) {
    const module = (await import(path.join(root, file))) as Record<string, unknown>;
    for (const value of Object.values(module))
      if (value && typeof value === 'object' && 'path' in value && 'columns' in value)
        paths.push(String(value.path));
  }
  return paths.sort();
}

/**
 * What does not fit on the page at the current window size: the page wider than the window, a table
 * wider than its frame (the frame may scroll, but the laptop widths are meant to need no scrolling),
 * and what axe rates serious or critical.
 */
async function layoutProblems(page: Page, url: string): Promise<string[]> {
  const width = page.viewportSize()!.width;
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  const measured = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
    tables: [...document.querySelectorAll('main table')].map((table) => ({
      caption: table.querySelector('caption')?.textContent ?? '',
      width: Math.round(table.getBoundingClientRect().width),
      frame: (table.parentElement as HTMLElement).clientWidth,
    })),
  }));
  const problems: string[] = [];
  if (measured.page > measured.window)
    problems.push(`${url} at ${width}px: the page is ${measured.page}px wide`);
  for (const t of measured.tables)
    if (t.width > t.frame)
      problems.push(`${url} at ${width}px: table "${t.caption}" is ${t.width}px in ${t.frame}px`);
  const violations = describeViolations(await seriousA11yViolations(page));
  if (violations) problems.push(`${url} at ${width}px: ${violations}`);
  return problems;
}

/** The back office in a browser: how its pages fit the screen and how its forms behave. */
describe('the back office on a laptop and a phone', () => {
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

  /**
   * A signed-in staff member's browser with a plain window of that size (not mobile emulation, which
   * zooms a too-wide page out to fit and would hide an overflow).
   */
  async function staffContext(viewport = { width: 1366, height: 900 }): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport, locale: 'es-CL', timezoneId: 'America/Santiago' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login/?next=/gestion/`);
    await page.fill('input[name="username"]', 'carolina@tmm.cl');
    await page.fill('input[name="password"]', 'tmm-demo-2026');
    await Promise.all([page.waitForURL(`${server.baseUrl}/gestion/`), page.click('#loginSubmit')]);
    await page.close();
    return context;
  }

  /** A workshop a week ahead with one customer enrolled through the service, as staff would see it. */
  async function workshopWithAttendee() {
    const workshop = await createWorkshop(server.database.db, {
      name: unique('Acuarela botánica '),
      startsAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    });
    const customer = await createCustomer(server.database.db, { fullName: 'Josefina Alarcón Poblete' });
    const { enrollmentId } = await inTransaction(server.database, (trx) =>
      enrollCustomer(
        trx,
        { workshopId: workshop.id, customerId: customer.id },
        { now: new Date(), actor: null, publicUrl: server.baseUrl },
      ),
    );
    return { workshop, enrollmentId };
  }

  it('shows every staff list at 1280 and 1366 px with no table wider than its frame', async () => {
    // A webhook receiver that is not listening: the enrollment below leaves a row in the delivery log.
    await inTransaction(server.database, (trx) =>
      createWebhookEndpoint(
        trx,
        {
          url: 'http://127.0.0.1:9/eventos',
          description: 'Receptor de prueba',
          events: ['enrollment.created'],
        },
        { now: new Date(), actor: null, allowLocalHttp: true },
      ),
    );
    const { workshop } = await workshopWithAttendee();
    // A paid booking cancelled by staff: a row in the refunds list.
    const { enrollmentId: paidThenCancelled } = await workshopWithAttendee();
    await inTransaction(server.database, async (trx) => {
      const ctx = { now: new Date(), actor: null, publicUrl: server.baseUrl };
      await recordEnrollmentPayment(trx, { enrollmentId: paidThenCancelled, method: 'efectivo' }, ctx);
      await cancelEnrollment(
        trx,
        { enrollmentId: paidThenCancelled, customerId: null, waitlistHoldHours: 12 },
        ctx,
      );
    });
    // A declined Webpay payment: a row in the online payments list.
    await createPaymentAttempt(server.database.db, { enrollmentId: paidThenCancelled });
    const context = await staffContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    // A change of time through the form: a row in the audit log and an e-mail in the e-mail log.
    await page.goto(`${server.baseUrl}/gestion/talleres/${workshop.id}/editar/`);
    await page.fill('input[name="hora"]', '19:15');
    await Promise.all([
      page.waitForURL(`${server.baseUrl}/gestion/talleres/${workshop.id}/`),
      page.click('main form[method="post"] button[type="submit"]'),
    ]);

    const lists = await staffListPaths();
    expect(lists).toEqual(expect.arrayContaining(['/gestion/deudores/', '/gestion/devoluciones/']));
    const problems: string[] = [];
    for (const width of LAPTOPS) {
      await page.setViewportSize({ width, height: 900 });
      for (const url of ['/gestion/', ...lists, `/gestion/talleres/${workshop.id}/`]) {
        problems.push(...(await layoutProblems(page, `${server.baseUrl}${url}`)));
        if (url !== '/gestion/')
          expect(await page.locator('main table tbody tr').count(), `${url} has rows`).toBeGreaterThan(0);
      }
    }
    expect(problems).toEqual([]);

    // The debtors list shows what is owed, since when and the payment form, one line per debtor.
    await page.goto(`${server.baseUrl}/gestion/deudores/`);
    const headers = await page.locator('main table thead th').allTextContents();
    expect(headers.map((h) => h.replace(/[▲▼]/g, '').trim())).toEqual(
      expect.arrayContaining(['Debe', 'Desde', 'Registrar pago']),
    );
    for (const label of ['Debe', 'Desde', 'Registrar pago'])
      expect(await page.locator('main table thead th', { hasText: label }).isVisible(), label).toBe(true);
    const heights = await page
      .locator('main table tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(60);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets staff take attendance on a 390 px phone', async () => {
    const { workshop, enrollmentId } = await workshopWithAttendee();
    const context = await staffContext({ width: 390, height: 844 });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const url = `${server.baseUrl}/gestion/talleres/${workshop.id}/`;
    expect(await layoutProblems(page, url)).toEqual([]);
    const row = page.locator(`tr[data-row-id="${enrollmentId}"]`);
    const button = row.locator('[data-test="attendance-toggle"]');
    const box = (await button.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await Promise.all([page.waitForURL(url), button.click()]);
    expect(await page.locator('.flash-success').textContent()).toContain('asistencia marcada');
    expect(await row.locator('[data-test="attendance-toggle"]').textContent()).toContain('Asistió');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('previews a bulk e-mail as the customer will see it, styles and all, with nothing refused', async () => {
    const { db } = server.database;
    const interest = await db
      .selectFrom('customerInterests')
      .select('interestId')
      .groupBy('interestId')
      .orderBy('interestId')
      .executeTakeFirstOrThrow();
    const context = await staffContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.baseUrl}/gestion/email/?interes=${interest.interestId}&plantilla=novedades`);
    await Promise.all([page.waitForNavigation(), page.click('button[value="vista"]')]);
    const frame = page.frameLocator('[data-test="preview-frame"]');
    const greeting = frame.locator('p', { hasText: /^Hola, / });
    await greeting.waitFor();
    // The e-mail's own style attributes apply inside the frame (the page's policy lets them).
    expect(await greeting.evaluate((p) => getComputedStyle(p).fontWeight)).toBe('700');
    expect(await frame.locator('p', { hasText: 'Con cariño,' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks once before cancelling an enrollment, and keeps it when staff say no', async () => {
    const { workshop, enrollmentId } = await workshopWithAttendee();
    const context = await staffContext();
    const page: Page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.baseUrl}/gestion/talleres/${workshop.id}/`);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const row = page.locator(`tr[data-row-id="${enrollmentId}"]`);
    await row.locator('form[action$="/anular/"] button').click();
    // A second handler would open its dialog right after the first; give it the chance.
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([
      '¿Anular la inscripción de Josefina Alarcón Poblete? Se liberará su cupo y se le avisará por correo.',
    ]);
    expect(page.url()).toBe(`${server.baseUrl}/gestion/talleres/${workshop.id}/`);
    expect(await row.locator('.badge').textContent()).toBe('Pendiente de pago');
    expect(errors).toEqual([]);
    await context.close();
  });
});
