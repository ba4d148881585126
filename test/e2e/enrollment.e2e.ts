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

/** The launch-day journey in a real browser: find a workshop, log in, enroll, pay, see it paid. */
describe('enrolling in a workshop in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  // The server runs on the real clock: workshops are a month ahead.
  const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600_000).toISOString();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('goes from the catalogue to a paid enrollment shown in the profile', async () => {
    const { db } = server.database;
    const workshop = await createWorkshop(db, {
      name: unique('Resina en flor '),
      startsAt: inAMonth(),
      totalSeats: 8,
    });
    const account = await createCustomerAccount(db, { name: 'Valentina Rojas' });
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${server.baseUrl}/talleres/`);
    expect(await page.locator('h1').textContent()).toBe('Catálogo de talleres');
    await page.click(`[data-test="taller-link-${workshop.id}"]`);
    await page.waitForURL(`${server.baseUrl}/talleres/${workshop.id}/`);
    expect(await page.locator(`#reserva [data-seats-for="${workshop.id}"]`).textContent()).toBe(
      'Quedan 8 cupos',
    );
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await page.click('[data-test="login-to-enroll"]');
    await page.fill('input[name="username"]', account.login);
    await page.fill('input[name="password"]', account.password);
    await page.click('#loginSubmit');
    await page.waitForURL(`${server.baseUrl}/talleres/${workshop.id}/`);

    await page.click('[data-test="enroll-button"]');
    await page.waitForURL(/\/pago\/\d+\/$/);
    const enrollmentId = Number(/\/pago\/(\d+)\//.exec(page.url())![1]);
    expect(await page.locator('.flash-success').textContent()).toContain('¡Inscripción exitosa!');
    expect(await page.locator('[data-test="enrollment-status"]').textContent()).toBe('Pendiente de pago');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await page.click('[data-test="pay"]');
    await page.waitForSelector('[data-test="payment-done"]');
    expect(await page.locator('.flash-success').textContent()).toContain('¡Pago procesado con éxito!');
    expect(await page.locator('[data-test="enrollment-status"]').textContent()).toBe('Pagado');

    await page.goto(`${server.baseUrl}/cuenta/perfil/`);
    const row = page.locator(`[data-test="enrollment-${enrollmentId}"]`);
    expect(await row.textContent()).toContain(workshop.name);
    expect(await row.locator('.badge').textContent()).toBe('Pagado');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers the waitlist on a full workshop and updates the seat counter by itself', async () => {
    const { db } = server.database;
    const workshop = await createWorkshop(db, { startsAt: inAMonth(), totalSeats: 2, seatsTaken: 2 });
    const account = await createCustomerAccount(db);
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${server.baseUrl}/login/?next=/talleres/${workshop.id}/`);
    await page.fill('input[name="username"]', account.login);
    await page.fill('input[name="password"]', account.password);
    await page.click('#loginSubmit');
    await page.waitForURL(`${server.baseUrl}/talleres/${workshop.id}/`);
    const counter = page.locator(`#reserva [data-seats-for="${workshop.id}"]`);
    expect(await counter.textContent()).toBe('Agotado');
    expect(await page.locator('[data-test="enroll-button"]').count()).toBe(0);

    await page.click('[data-test="waitlist-form"] button');
    await page.waitForSelector('[data-test="on-waitlist"]');
    expect(await page.locator('.flash-success').textContent()).toContain(
      'Te sumamos a la lista de espera (lugar 1)',
    );

    // Someone else's seat frees up elsewhere: the open page shows it without a reload.
    await db.updateTable('workshops').set({ seatsTaken: 1 }).where('id', '=', workshop.id).execute();
    await page.waitForFunction(
      (id) => document.querySelector(`#reserva [data-seats-for="${id}"]`)?.textContent === 'Queda 1 cupo',
      workshop.id,
      { timeout: 15_000 },
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
