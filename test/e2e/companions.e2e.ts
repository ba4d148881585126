import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerAccount, createWorkshop, unique } from '../support/factories';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

/** Booking for companions on a phone: three seats, one named friend, one payment, one seat given up. */
describe('booking seats for companions on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600_000).toISOString();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('books 3 seats, pays the total once and gives up one companion', async () => {
    const { db } = server.database;
    const workshop = await createWorkshop(db, {
      name: unique('Cerámica en grupo '),
      startsAt: inAMonth(),
      totalSeats: 6,
      priceClp: 18000,
    });
    const account = await createCustomerAccount(db, { name: 'Isidora Fuentes' });
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${server.baseUrl}/login/?next=/talleres/${workshop.id}/`);
    await page.fill('input[name="username"]', account.login);
    await page.fill('input[name="password"]', account.password);
    await page.click('#loginSubmit');
    await page.waitForURL(`${server.baseUrl}/talleres/${workshop.id}/`);

    await page.selectOption('select[name="cupos"]', '3');
    await page.click('.companions-names summary');
    await page.fill('input[name="acompanante2"]', 'Tomás Fuentes');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    // The form fits the phone: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.click('[data-test="enroll-button"]');
    await page.waitForURL(/\/pago\/\d+\/$/);
    expect(await page.locator('.flash-success').textContent()).toContain('3 cupos reservados');
    expect(await page.locator('[data-test="balance"]').textContent()).toBe('$54.000');
    expect(await page.locator('[data-test="companion"]').allTextContents()).toEqual([
      expect.stringContaining('Tomás Fuentes'),
      expect.stringContaining('Acompañante 2'),
    ]);

    await page.click('[data-test="pay"]');
    await page.waitForURL(/\/pago\/\d+\/$/);
    expect(await page.locator('[data-test="payment-done"]').count()).toBe(1);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('[data-test="companion"]', { hasText: 'Acompañante 2' }).locator('button').click();
    await page.waitForLoadState('load');
    expect(await page.locator('.flash-success').textContent()).toContain('Te devolveremos $18.000');
    expect(await page.locator('[data-test="companion"]').count()).toBe(1);
    expect(await page.locator('.companion-list h3').textContent()).toContain('2 cupos');
    const seats = await db
      .selectFrom('workshops')
      .select('seatsTaken')
      .where('id', '=', workshop.id)
      .executeTakeFirstOrThrow();
    expect(seats.seatsTaken).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });
});
