import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerAccount, createPackProduct, createWorkshop } from '../support/factories';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

describe('a class pack in a browser', () => {
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

  it('buys a pack, enrolls with a credit, cancels before the cut-off, sees the credit back, and pays an unpaid enrollment with it (390 px phone)', async () => {
    const db = server.database.db;
    const pack = await createPackProduct(db, { name: 'Bono 3 clases', credits: 3, priceClp: 60000 });
    const workshop = await createWorkshop(db, {
      name: 'Acuarela con bono',
      startsAt: new Date(Date.now() + 10 * 24 * 3600_000).toISOString(),
      cancellationCutoffHours: 48,
    });
    const account = await createCustomerAccount(db, { name: 'Camila Rojas' });

    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    page.on('dialog', (dialog) => void dialog.accept());

    await page.goto(`${server.baseUrl}/login/`);
    await page.fill('#f-username', account.login);
    await page.fill('#f-password', account.password);
    await page.click('#loginSubmit');
    await page.waitForURL(/\/cuenta\/perfil\/|\/$/);

    // Buy the pack in the shop like a kit, and pay it (simulated).
    await page.goto(`${server.baseUrl}/productos/${pack.id}/`);
    expect(await page.textContent('[data-test="pack-terms"]')).toContain('3 créditos');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    await page.click(`[data-test="add-to-cart-${pack.id}"]`);
    await page.waitForURL(`${server.baseUrl}/carrito/`);
    await page.click('[data-test="checkout-button"]');
    await page.waitForURL(`${server.baseUrl}/carrito/checkout/`);
    await page.click('[data-test="confirm-order"]');
    await page.waitForURL(/\/pago\/venta\/\d+\/$/);
    await page.click('[data-test="pay-sale"]');
    await page.waitForSelector('[data-test="sale-paid"]');

    await page.goto(`${server.baseUrl}/cuenta/bonos/`);
    expect(await page.textContent('[data-test="pack-balance"]')).toBe('3 créditos');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // Enroll with one credit: nothing to pay.
    await page.goto(`${server.baseUrl}/talleres/${workshop.id}/`);
    expect(await page.textContent('[data-test="credit-choices"]')).toContain('Tienes 3 créditos');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    await page.click('[data-test="enroll-with-credit"]');
    await page.waitForURL(/\/pago\/\d+\/$/);
    expect(await page.textContent('.flash-list')).toContain('Usaste 1 crédito de tu bono');
    const enrollmentId = Number(/\/pago\/(\d+)\//.exec(page.url())![1]);
    await page.goto(`${server.baseUrl}/cuenta/bonos/`);
    expect(await page.textContent('[data-test="pack-balance"]')).toBe('2 créditos');

    // Cancel before the cut-off: the credit comes back.
    await page.goto(`${server.baseUrl}/cuenta/perfil/`);
    await page.click(`[data-test="enrollment-${enrollmentId}"] button:has-text("Anular")`);
    await page.waitForSelector('.flash-success');
    expect(await page.textContent('.flash-list')).toContain('Te devolvimos el crédito');
    await page.click('[data-test="packs-link"]');
    await page.waitForURL(`${server.baseUrl}/cuenta/bonos/`);
    expect(await page.textContent('[data-test="pack-balance"]')).toBe('3 créditos');
    expect(await page.textContent('.pack-history')).toContain('Crédito devuelto: Acuarela con bono');

    // Enroll to pay later in another workshop, then pay it with a credit on its payment page.
    const later = await createWorkshop(db, {
      name: 'Encuadernación para pagar después',
      startsAt: new Date(Date.now() + 12 * 24 * 3600_000).toISOString(),
    });
    await page.goto(`${server.baseUrl}/talleres/${later.id}/`);
    await page.click('[data-test="enroll-button"]');
    await page.waitForURL(/\/pago\/\d+\/$/);
    expect(await page.textContent('[data-test="pay-with-credit"]')).toContain('Tienes 3 créditos');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    const button = (await page.locator('[data-test="pay-with-credit-button"]').boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(390);
    await page.click('[data-test="pay-with-credit-button"]');
    await page.waitForSelector('[data-test="payment-done"]');
    expect(await page.textContent('.flash-list')).toContain('con 1 crédito de tu bono');
    await page.goto(`${server.baseUrl}/cuenta/bonos/`);
    expect(await page.textContent('[data-test="pack-balance"]')).toBe('2 créditos');

    expect(errors).toEqual([]);
    await context.close();
  });
});
