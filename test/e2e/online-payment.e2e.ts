import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerAccount, createWorkshop, unique } from '../support/factories';
import { startWebpayFake, type WebpayFake } from '../support/fakes/webpay-fake';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

/**
 * Paying an enrollment with Webpay in a real browser: our payment page, the step to Transbank, the
 * fake Webpay form (the official SDK talks to the fake's REST API), and the way back. Transbank
 * sends the browser back by GET with token_ws when the card is paid, and by a cross-site POST with
 * TBK_TOKEN when the customer cancels: both must work without our CSRF token.
 */
describe('paying an enrollment with Webpay in the browser', () => {
  let server: TestServer;
  let webpay: WebpayFake;
  let browser: Browser;
  const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600_000).toISOString();

  beforeAll(async () => {
    webpay = await startWebpayFake();
    server = await startServer({
      env: { WEBPAY_ENVIRONMENT: 'integration', WEBPAY_BASE_URL: webpay.baseUrl },
    });
    await server.database.db
      .updateTable('paymentProviderSettings')
      .set({ isEnabled: true })
      .where('provider', '=', 'webpay')
      .execute();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await webpay?.close();
  });

  /** A customer logged in on a phone, enrolled in a workshop, on its payment page. */
  async function onPaymentPage() {
    const { db } = server.database;
    const workshop = await createWorkshop(db, {
      name: unique('Cerámica en torno '),
      startsAt: inAMonth(),
      priceClp: 38000,
    });
    const account = await createCustomerAccount(db, { name: 'Josefa Muñoz' });
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.baseUrl}/login/?next=/talleres/${workshop.id}/`);
    await page.fill('input[name="username"]', account.login);
    await page.fill('input[name="password"]', account.password);
    await page.click('#loginSubmit');
    await page.waitForURL(`${server.baseUrl}/talleres/${workshop.id}/`);
    await page.click('[data-test="enroll-button"]');
    await page.waitForURL(/\/pago\/\d+\/$/);
    const enrollmentId = Number(/\/pago\/(\d+)\//.exec(page.url())![1]);
    return { context, page, errors, enrollmentId, workshop };
  }

  it('pays through the Webpay form and comes back to a paid enrollment', async () => {
    const { context, page, errors, enrollmentId, workshop } = await onPaymentPage();
    const choice = page.locator('[data-test="provider-choice"]');
    expect(await choice.locator('[data-test="provider-webpay"] input').isChecked()).toBe(true);
    expect(await page.locator('[data-test="pay-online"]').textContent()).toBe('Pagar $38.000');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // Our page forwards to Transbank's form by itself, posting token_ws.
    await page.click('[data-test="pay-online"]');
    await page.waitForURL(`${webpay.baseUrl}/webpayserver/initTransaction`);
    expect(await page.textContent('body')).toContain('Monto: $38.000');
    await page.click('button:has-text("Pagar")');

    await page.waitForURL(/\/pago\/en-linea\/\d+\/$/);
    expect(await page.locator('h1').textContent()).toBe('¡Pago aprobado!');
    expect(await page.locator('main').textContent()).toContain('Recibimos tu pago de $38.000 con Webpay');
    expect(await page.locator('main dd', { hasText: 'terminada en 6623' }).count()).toBe(1);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    const enrollment = await server.database.db
      .selectFrom('enrollments')
      .select(['status', 'amountPaidClp'])
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(enrollment).toEqual({ status: 'PAGADO', amountPaidClp: 38000 });
    await page.goto(`${server.baseUrl}/cuenta/perfil/`);
    const row = page.locator(`[data-test="enrollment-${enrollmentId}"]`);
    expect(await row.textContent()).toContain(workshop.name);
    expect(await row.locator('.badge').textContent()).toBe('Pagado');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('comes back from "Anular compra" to say nothing was charged, and lets the customer try again', async () => {
    const { context, page, errors, enrollmentId } = await onPaymentPage();
    await page.click('[data-test="pay-online"]');
    await page.waitForURL(`${webpay.baseUrl}/webpayserver/initTransaction`);
    await page.click('button:has-text("Anular compra")');

    await page.waitForURL(/\/pago\/en-linea\/\d+\/$/);
    expect(await page.locator('h1').textContent()).toBe('Anulaste el pago');
    await page.click('[data-test="retry"]');
    await page.waitForURL(`${server.baseUrl}/pago/${enrollmentId}/`);
    expect(await page.locator('[data-test="enrollment-status"]').textContent()).toBe('Pendiente de pago');
    expect(errors).toEqual([]);
    await context.close();
  });
});
