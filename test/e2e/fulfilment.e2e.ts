import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCustomerAccount,
  createProduct,
  createSale,
  createUser,
  setShippingRate,
} from '../support/factories';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

/** Kit orders delivered or picked up (issue 14, part 4): the customer's checkout on a phone, the staff's order page on a laptop. */

const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Tables wider than the box that holds them (they would push the page or hide columns). */
const tooWideTables = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('table')]
      .filter(
        (t) => t.getBoundingClientRect().width > (t.parentElement?.getBoundingClientRect().width ?? 0) + 1,
      )
      .map((t) => t.closest('section')?.getAttribute('aria-labelledby') ?? t.className),
  );

describe('delivering kit orders in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const db = server.database.db;
    await setShippingRate(db, 'VS', { priceClp: 3500, isAvailable: true });
    await setShippingRate(db, 'RM', { priceClp: 4900, isAvailable: true });
    await setShippingRate(db, 'AI', { priceClp: 12900, isAvailable: false });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('checks out with delivery on a 390 px phone: the region’s price joins the total before confirming', async () => {
    const db = server.database.db;
    const kit = await createProduct(db, { name: 'Kit de resina con pigmentos nacarados', priceClp: 15000 });
    const account = await createCustomerAccount(db, { name: 'Valentina Constanza Muñoz Araya' });
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${server.baseUrl}/login/`);
    await page.fill('#f-username', account.login);
    await page.fill('#f-password', account.password);
    await page.click('#loginSubmit');
    await page.waitForLoadState('load');
    await page.goto(`${server.baseUrl}/productos/${kit.id}/`);
    await page.click(`[data-test="add-to-cart-${kit.id}"]`);
    await page.waitForURL(`${server.baseUrl}/carrito/`);
    await page.click('[data-test="checkout-button"]');
    await page.waitForURL(`${server.baseUrl}/carrito/checkout/`);

    // Pickup first: free, and the address fields stay out of the way.
    expect(await page.textContent('[data-test="checkout-total"]')).toBe('$15.000');
    expect(await page.isVisible('#despacho')).toBe(false);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await page.click('[data-test="choose-delivery"]');
    expect(await page.isVisible('#despacho')).toBe(true);
    expect(await page.textContent('[data-test="checkout-shipping"]')).toBe('Elige tu región');
    await page.fill('#f-telefono', '9 8765 4321');
    await page.fill('#f-direccion', 'Av. Alemania 1234, depto 5');
    await page.fill('#f-comuna', 'Valparaíso');
    await page.selectOption('#f-region', 'AI');
    expect(await page.textContent('[data-test="checkout-shipping"]')).toBe('Sin despacho a esa región');
    await page.selectOption('#f-region', 'VS');
    expect(await page.textContent('[data-test="checkout-shipping"]')).toBe('$3.500');
    expect(await page.textContent('[data-test="checkout-total"]')).toBe('$18.500');
    expect(await overflow(page)).toBe(0);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await page.click('[data-test="confirm-order"]');
    await page.waitForURL(/\/pago\/venta\/\d+\/$/);
    expect(await page.textContent('[data-test="sale-total"]')).toBe('$18.500');
    expect(await page.textContent('[data-test="delivery-address"]')).toBe(
      'Av. Alemania 1234, depto 5, Valparaíso, Valparaíso',
    );
    expect(await page.textContent('[data-test="shipping-cost"]')).toBe('$3.500');
    expect(await overflow(page)).toBe(0);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves an order to its customer from its page on a 1366 px laptop', async () => {
    const db = server.database.db;
    const staffUser = await createUser(db, { role: 'staff', name: 'Carolina López' });
    const account = await createCustomerAccount(db, { name: 'Camila Rojas' });
    const sale = await createSale(db, { customerId: account.customer.id, method: 'delivery' });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    const errors = collectPageErrors(page);
    await page.goto(`${server.baseUrl}/login/`);
    await page.fill('#f-username', staffUser.email);
    await page.fill('#f-password', staffUser.password);
    await page.click('#loginSubmit');
    await page.waitForLoadState('load');

    await page.goto(`${server.baseUrl}/gestion/ventas/?entrega=por_despachar`);
    await page.click(`[data-row-id="${sale.id}"] [data-test="sale-link"]`);
    await page.waitForURL(`${server.baseUrl}/gestion/ventas/${sale.id}/`);
    expect(await page.textContent('[data-test="delivery-address"]')).toContain('Av. Alemania 1234');
    expect(await overflow(page)).toBe(0);
    expect(await tooWideTables(page)).toEqual([]);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await page.click('[data-test="fulfilment-next"]');
    await page.waitForSelector('.flash-success');
    expect(await page.textContent('[data-test="fulfilment-status"]')).toBe('Preparado');
    await page.fill('#f-empresa', 'Starken');
    await page.fill('#f-seguimiento', 'STK-998877');
    await page.click('[data-test="fulfilment-next"]');
    await page.waitForSelector('.flash-success');
    expect(await page.textContent('[data-test="fulfilment-status"]')).toBe('Despachado');
    expect(await page.textContent('[data-test="sale-fulfilment"]')).toContain('STK-998877');
    expect(await page.textContent('[data-test="fulfilment-next"]')).toBe('Marcar como entregado');
    expect(await overflow(page)).toBe(0);
    expect(await tooWideTables(page)).toEqual([]);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    await page.goto(`${server.baseUrl}/gestion/despachos/`);
    expect(await overflow(page)).toBe(0);
    expect(await tooWideTables(page)).toEqual([]);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // In the studio, on a phone: the filtered list ("Filtrar" and "Limpiar" side by side) still fits.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.baseUrl}/gestion/ventas/?entrega=sin_entregar`);
    expect(await overflow(page)).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
