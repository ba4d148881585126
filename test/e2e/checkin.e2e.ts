import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
import { santiagoDate, santiagoToUtc } from '../../src/lib/dates';
import { createCustomer, createWorkshop, unique } from '../support/factories';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

/** Staff at the door with a phone: today's session, a person found by name, checked in. */
describe('check-in at the door on a phone', () => {
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

  it('checks a person in by name search, and the scanner is ready from our own origin', async () => {
    const { db } = server.database;
    const workshop = await createWorkshop(db, {
      name: unique('Cerámica a la puerta '),
      // Noon of today in Santiago: today's list at any hour the test runs.
      startsAt: santiagoToUtc(santiagoDate(new Date()), '12:00').toISOString(),
      priceClp: 0,
    });
    const name = unique('Josefina Núñez ');
    const customer = await createCustomer(db, { fullName: name });
    const { enrollmentId } = await inTransaction(server.database, (trx) =>
      enrollCustomer(
        trx,
        { workshopId: workshop.id, customerId: customer.id },
        // Enrolled the day before, when the session was still open.
        { now: new Date(Date.now() - 36 * 3600_000), actor: null, publicUrl: server.baseUrl },
      ),
    );

    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.baseUrl}/login/?next=/gestion/asistencia/`);
    await page.fill('input[name="username"]', 'carolina@tmm.cl');
    await page.fill('input[name="password"]', 'tmm-demo-2026');
    await page.click('#loginSubmit');
    await page.waitForURL(`${server.baseUrl}/gestion/asistencia/`);

    await page.click(`[data-test="session-${workshop.id}"]`);
    await page.waitForURL(`${server.baseUrl}/gestion/asistencia/${workshop.id}/`);
    expect(await page.evaluate(() => typeof (window as unknown as { jsQR?: unknown }).jsQR)).toBe('function');
    await expect(page.locator('[data-scanner-start]').isVisible()).resolves.toBe(true);

    // Typed without the accent, as staff type on a phone keyboard.
    await page.fill('#q', 'josefina nunez');
    await page.press('#q', 'Enter');
    const person = page.locator(`[data-test="person-${enrollmentId}"]`);
    await person.getByRole('button', { name: 'Registrar llegada' }).click();
    await page.waitForURL(/inscripcion=\d+/);
    expect(await page.locator('.flash').first().textContent()).toContain(`Llegada registrada: ${name}.`);
    expect(await page.locator('[data-test="arrival"]').textContent()).toMatch(
      /^Llegó a las \d\d:\d\d hrs · registró /,
    );
    await expect(page.locator(`[data-test="person-${enrollmentId}"].is-in`).count()).resolves.toBe(1);

    // Nothing sticks out sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const violations = await seriousA11yViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(errors).toEqual([]);

    const row = await db
      .selectFrom('enrollments')
      .select(['attendedAt', 'checkedInByUserId'])
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(row.attendedAt).not.toBeNull();
    expect(row.checkedInByUserId).not.toBeNull();
    await context.close();
  });
});
