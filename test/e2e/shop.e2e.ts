import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerAccount, createProduct } from '../support/factories';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

describe('buying kits in a browser', () => {
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

  it('adds two kits, changes a quantity, logs in at checkout, pays and sees the order in the profile', async () => {
    const db = server.database.db;
    const resin = await createProduct(db, { name: 'Kit Resina Premium', priceClp: 15000, stock: 10 });
    const stamps = await createProduct(db, { name: 'Kit Timbres de Goma', priceClp: 9000, stock: 10 });
    const account = await createCustomerAccount(db, { name: 'Camila Rojas' });

    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    // Browse the catalogue and add both kits, still anonymous.
    await page.goto(`${server.baseUrl}/productos/`);
    expect(await page.textContent('h1')).toBe('Kits e insumos');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    await page.click(`[data-test="producto-link-${resin.id}"]`);
    await page.click(`[data-test="add-to-cart-${resin.id}"]`);
    await page.waitForURL(`${server.baseUrl}/carrito/`);
    expect(await page.textContent('.flash-list')).toContain('"Kit Resina Premium" agregado al carrito.');
    await page.goto(`${server.baseUrl}/productos/${stamps.id}/`);
    await page.click(`[data-test="add-to-cart-${stamps.id}"]`);
    await page.waitForURL(`${server.baseUrl}/carrito/`);

    // Change a quantity: the field submits itself when it changes.
    await page.fill(`[data-test="cart-quantity-${resin.id}"]`, '3');
    await Promise.all([
      page.waitForLoadState('load'),
      page.press(`[data-test="cart-quantity-${resin.id}"]`, 'Tab'),
    ]);
    await page.waitForSelector('.flash-success');
    expect(await page.textContent('.flash-list')).toContain('Cantidad actualizada.');
    expect(await page.textContent('[data-test="cart-total"]')).toBe('$54.000');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // Checking out asks for the account, then comes back to the checkout (the cart merged into the
    // account), where the order is picked up at the studio unless the customer chooses delivery.
    await page.click('[data-test="checkout-button"]');
    await page.waitForURL(/\/login\/\?next=/);
    await page.fill('#f-username', account.login);
    await page.fill('#f-password', account.password);
    await page.click('#loginSubmit');
    await page.waitForURL(`${server.baseUrl}/carrito/checkout/`);
    expect(await page.textContent('[data-test="checkout-total"]')).toBe('$54.000');
    await page.click('[data-test="confirm-order"]');
    await page.waitForURL(/\/pago\/venta\/\d+\/$/);
    const saleId = Number(/\/pago\/venta\/(\d+)\//.exec(page.url())![1]);
    expect(await page.textContent('[data-test="sale-total"]')).toBe('$54.000');
    expect(await page.textContent(`[data-test="sale-line-${resin.id}"]`)).toContain('3');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // Pay (simulated).
    await page.click('[data-test="pay-sale"]');
    await page.waitForSelector('[data-test="sale-paid"]');
    expect(await page.textContent('.flash-list')).toContain('¡Pago procesado con éxito!');
    expect(await page.textContent('[data-test="sale-status"]')).toBe('Pagado');

    // The order is in the profile, with its lines and status.
    await page.goto(`${server.baseUrl}/cuenta/perfil/`);
    const order = await page.textContent(`[data-test="sale-${saleId}"]`);
    expect(order).toContain(`Compra #${saleId}`);
    expect(order).toContain('Pagado');
    expect(order).toContain('3 × Kit Resina Premium');
    expect(order).toContain('1 × Kit Timbres de Goma');

    const stock = await db
      .selectFrom('products')
      .select(['id', 'stock'])
      .orderBy('id')
      .where('id', 'in', [resin.id, stamps.id])
      .execute();
    expect(stock).toEqual([
      { id: resin.id, stock: 7 },
      { id: stamps.id, stock: 9 },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
