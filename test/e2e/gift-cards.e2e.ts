import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerAccount, createProduct, createWorkshop } from '../support/factories';
import { CARD_CODE } from '../support/gift-cards';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

describe('a gift card in a browser', () => {
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

  async function logIn(page: Page, account: { login: string; password: string }) {
    await page.goto(`${server.baseUrl}/login/`);
    await page.fill('#f-username', account.login);
    await page.fill('#f-password', account.password);
    await page.click('#loginSubmit');
    await page.waitForURL(/\/cuenta\/perfil\/|\/$/);
  }

  /** Nothing on the page is wider than the phone: no sideways scrolling. */
  async function expectNoSidewaysScroll(page: Page) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  it('buys a $20.000 card for a friend, who pays an enrollment and part of a kit order with the code from the e-mail and sees the balance go down (390 px phone)', async () => {
    const db = server.database.db;
    const buyer = await createCustomerAccount(db, { name: 'Camila Rojas' });
    const friend = await createCustomerAccount(db, { name: 'Valentina Soto' });
    const workshop = await createWorkshop(db, {
      name: 'Cerámica para regalar',
      startsAt: new Date(Date.now() + 10 * 24 * 3600_000).toISOString(),
      priceClp: 12000,
    });

    // The buyer orders the card and pays the order on the simulated payment page.
    const buyerContext = await newContext(browser, { phone: true });
    const page = await buyerContext.newPage();
    const errors = collectPageErrors(page);
    await logIn(page, buyer);
    await page.goto(`${server.baseUrl}/tarjetas-regalo/`);
    await page.fill('#f-monto', '20000');
    await page.fill('#f-nombre', 'Valentina Soto');
    await page.fill('#f-correo', friend.user.email);
    await page.fill('#f-mensaje', '¡Feliz cumpleaños!');
    await page.click('[data-test="buy-gift-card"]');
    await page.waitForURL(/\/pago\/venta\/\d+\/$/);
    await page.click('[data-test="pay-sale"]');
    await page.waitForSelector('[data-test="sale-paid"]');

    await page.goto(`${server.baseUrl}/cuenta/perfil/`);
    await page.click('[data-test="gift-cards-link"]');
    await page.waitForURL(`${server.baseUrl}/cuenta/tarjetas-regalo/`);
    const bought = page.locator('[data-test^="bought-card-"]');
    expect(await bought.count()).toBe(1);
    expect(await bought.locator('[data-test="gift-card-state"]').textContent()).toBe('Vigente');
    expect(await bought.locator('[data-test="gift-card-amount"]').textContent()).toBe('$20.000');
    expect(await bought.textContent()).toContain('Para Valentina Soto');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    await expectNoSidewaysScroll(page);
    expect(errors).toEqual([]);
    await buyerContext.close();

    // The e-mail the friend gets holds the card's code.
    const mail = await db
      .selectFrom('emailOutbox')
      .select('bodyText')
      .where('toAddress', '=', friend.user.email)
      .where('template', '=', 'gift_card_issued')
      .executeTakeFirstOrThrow();
    const code = CARD_CODE.exec(mail.bodyText)?.[0];
    expect(code).toBeDefined();

    // The friend enrolls to pay later and pays with the card on the enrollment's payment page.
    const friendContext = await newContext(browser, { phone: true });
    const friendPage = await friendContext.newPage();
    const friendErrors = collectPageErrors(friendPage);
    await logIn(friendPage, friend);
    await friendPage.goto(`${server.baseUrl}/cuenta/tarjetas-regalo/`);
    const received = friendPage.locator('[data-test^="received-card-"]');
    expect(await received.locator('[data-test="gift-card-balance"]').textContent()).toBe('$20.000');

    await friendPage.goto(`${server.baseUrl}/talleres/${workshop.id}/`);
    await friendPage.click('[data-test="enroll-button"]');
    await friendPage.waitForURL(/\/pago\/\d+\/$/);
    expect(await friendPage.textContent('[data-test="gift-card-form"]')).toContain(
      '¿Tienes una tarjeta de regalo?',
    );
    await friendPage.fill('#f-codigo-tarjeta', code!.toLowerCase());
    await friendPage.click('[data-test="gift-card-form"] button[type="submit"]');
    await friendPage.waitForSelector('[data-test="payment-done"]');

    await friendPage.goto(`${server.baseUrl}/cuenta/perfil/`);
    await friendPage.click('[data-test="gift-cards-link"]');
    await friendPage.waitForURL(`${server.baseUrl}/cuenta/tarjetas-regalo/`);
    expect(await received.locator('[data-test="gift-card-balance"]').textContent()).toBe('$8.000');
    const history = await received.locator('.pack-history').textContent();
    expect(history).toMatch(/Pagó la inscripción #\d+/);
    expect(history).toContain('−$12.000');
    expect(history).toContain('+$20.000');
    expect(describeViolations(await seriousA11yViolations(friendPage))).toBe('');
    await expectNoSidewaysScroll(friendPage);

    // The $8.000 left pay part of a $10.000 kit; the simulated page takes only the rest.
    const kit = await createProduct(db, { name: 'Kit de acuarela', priceClp: 10000, stock: 3 });
    await friendPage.goto(`${server.baseUrl}/productos/${kit.id}/`);
    await friendPage.click(`[data-test="add-to-cart-${kit.id}"]`);
    await friendPage.goto(`${server.baseUrl}/carrito/`);
    await friendPage.click('[data-test="checkout-button"]');
    await friendPage.click('[data-test="confirm-order"]');
    await friendPage.waitForURL(/\/pago\/venta\/\d+\/$/);
    await friendPage.fill('#f-codigo-tarjeta', code!);
    await friendPage.click('[data-test="gift-card-form"] button[type="submit"]');
    await friendPage.waitForSelector('[data-test="sale-rest"]');
    expect(await friendPage.textContent('[data-test="sale-rest"]')).toBe('$2.000');
    expect(await friendPage.textContent('[data-test="pay-sale"]')).toContain('Pagar $2.000');
    expect(describeViolations(await seriousA11yViolations(friendPage))).toBe('');
    await expectNoSidewaysScroll(friendPage);
    await friendPage.click('[data-test="pay-sale"]');
    await friendPage.waitForSelector('[data-test="sale-paid"]');
    expect(await friendPage.textContent('[data-test="sale-gift-card-clp"]')).toBe('$8.000');

    await friendPage.goto(`${server.baseUrl}/cuenta/tarjetas-regalo/`);
    expect(await received.locator('[data-test="gift-card-balance"]').textContent()).toBe('$0');
    expect(await received.locator('.pack-history').textContent()).toMatch(/Pagó el pedido #\d+/);
    expect(friendErrors).toEqual([]);
    await friendContext.close();
  });
});
