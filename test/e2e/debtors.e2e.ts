import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
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

/** Staff chase a debt in the browser: the debtors list, a payment registered from it, shown as paid. */
describe('registering a payment for a debtor in the browser', () => {
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

  it('finds the debtor, registers the whole balance and sees the enrollment paid', async () => {
    const { db } = server.database;
    const name = unique('Débora Deudora ');
    const workshop = await createWorkshop(db, {
      name: unique('Encuadernación '),
      startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
      priceClp: 38000,
    });
    const customer = await createCustomer(db, { fullName: name });
    const { enrollmentId } = await inTransaction(server.database, (trx) =>
      enrollCustomer(
        trx,
        { workshopId: workshop.id, customerId: customer.id },
        { now: new Date(), actor: null, publicUrl: server.baseUrl },
      ),
    );

    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.baseUrl}/login/?next=/gestion/deudores/`);
    await page.fill('input[name="username"]', 'carolina@tmm.cl');
    await page.fill('input[name="password"]', 'tmm-demo-2026');
    await page.click('#loginSubmit');
    await page.waitForURL(`${server.baseUrl}/gestion/deudores/`);
    expect(await page.locator('h1').textContent()).toBe('Deudores');

    // Typed without the accent: the search ignores it.
    await page.fill('#f-q', name.replace('é', 'e'));
    await page.press('#f-q', 'Enter');
    const row = page.locator(`tr[data-row-id="${enrollmentId}"]`);
    await row.waitFor();
    expect(await row.locator('[data-test="debtor-owed"]').textContent()).toBe('$38.000');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await row.locator('select[name="metodo"]').selectOption('transferencia');
    await row.locator('[data-test="register-payment"]').click();
    await page.waitForSelector('.flash-success');
    expect(await page.locator('.flash-success').textContent()).toContain('La inscripción quedó pagada.');
    // Back on the same filtered list, where the debt is gone.
    expect(page.url()).toContain('/gestion/deudores/?q=');
    expect(await page.locator(`tr[data-row-id="${enrollmentId}"]`).count()).toBe(0);

    await page.click('nav.tabs >> text=Pagados');
    const paidRow = page.locator(`tr[data-row-id="${enrollmentId}"]`);
    await paidRow.waitFor();
    expect(await paidRow.locator('.badge').textContent()).toBe('Pagado');

    await page.goto(`${server.baseUrl}/gestion/talleres/${workshop.id}/`);
    expect(await page.locator('[data-test="attendee-row"] .badge').first().textContent()).toBe('Pagado');
    expect(errors).toEqual([]);
    await context.close();
  });
});
