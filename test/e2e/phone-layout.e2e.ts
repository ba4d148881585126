import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerAccount, createProduct, createWorkshop } from '../support/factories';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

/** The narrow phones customers use: no page may be wider than the screen at either width. */
const WIDTHS = [360, 390];

/**
 * Every public and account page on a phone, as a new customer and as one with a history: nothing
 * wider than the screen (no sideways scrolling, no button off-screen) and nothing axe rates serious
 * or critical. The customer's data is made through the site (forms over HTTP), not written to the
 * database: an upcoming booking, a cancelled paid one, a place on a waitlist, a held seat and a kit
 * order, with a long e-mail address that has to wrap.
 */
describe('every public and account page fits a phone', () => {
  let server: TestServer;
  let browser: Browser;
  // The server runs on the real clock: workshops are weeks ahead.
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /**
   * A phone-sized window. Not Chromium's mobile emulation (isMobile): that zooms a too-wide page out
   * to fit, so window.innerWidth grows with the page and an overflow would go unseen.
   */
  const phoneContext = () =>
    browser.newContext({
      viewport: { width: WIDTHS[0]!, height: 844 },
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'es-CL',
      timezoneId: 'America/Santiago',
    });

  /** A form POST from this browser context, with the CSRF token its pages set. */
  async function post(context: BrowserContext, path: string, form: Record<string, string> = {}) {
    const request: APIRequestContext = context.request;
    const cookies = await context.cookies(server.baseUrl);
    const csrf = cookies.find((c) => c.name === 'csrftoken')?.value ?? '';
    const response = await request.post(`${server.baseUrl}${path}`, {
      form: { _csrf: csrf, ...form },
      maxRedirects: 0,
      headers: { origin: server.baseUrl },
    });
    expect(response.status(), `POST ${path}`).toBe(303);
    return String(response.headers().location ?? '');
  }

  async function logIn(context: BrowserContext, login: string, password: string) {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login/`);
    await page.fill('input[name="username"]', login);
    await page.fill('input[name="password"]', password);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/login')),
      page.click('#loginSubmit'),
    ]);
    await page.close();
  }

  /** Console errors other than the 403 and 404 of the error pages this test opens on purpose. */
  const unexpected = (errors: string[]) => errors.filter((e) => !/status of 40[34]/.test(e));

  /** Opens a page at each width and returns what is wrong with it (nothing when it fits). */
  async function problemsOf(page: Page, path: string): Promise<string[]> {
    const problems: string[] = [];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 844 });
      const response = await page.goto(`${server.baseUrl}${path}`);
      expect(response?.status(), path).toBeLessThan(500);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      if (scrollWidth > innerWidth) problems.push(`${path} at ${width}px is ${scrollWidth}px wide`);
      const violations = describeViolations(await seriousA11yViolations(page));
      if (violations) problems.push(`${path} at ${width}px: ${violations}`);
    }
    // Headings go down one level at a time (Lighthouse and screen-reader outlines check it).
    const skips = await page.evaluate(() => {
      const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) =>
        Number(h.tagName[1]),
      );
      return levels.flatMap((level, i) =>
        i > 0 && level > levels[i - 1]! + 1 ? [`h${levels[i - 1]}→h${level}`] : [],
      );
    });
    if (skips.length > 0) problems.push(`${path} skips heading levels: ${skips.join(', ')}`);
    return problems;
  }

  it('as a visitor: the catalogue, a workshop, kits, a cart with items, sign-up, login and the legal pages', async () => {
    const { db } = server.database;
    const workshop = await createWorkshop(db, {
      name: 'Encuadernación japonesa con costura expuesta y tapas de tela',
      startsAt: inDays(20),
    });
    const kit = await createProduct(db, {
      name: 'Kit de encuadernación artesanal',
      priceClp: 18500,
      stock: 8,
    });
    const context = await phoneContext();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    // The kit's page has the add-to-cart form, so it hands this browser its CSRF token.
    await page.goto(`${server.baseUrl}/productos/${kit.id}/`);
    await post(context, `/carrito/add/${kit.id}/`, { cantidad: '2' });

    const problems: string[] = [];
    for (const path of [
      '/',
      '/talleres/',
      `/talleres/${workshop.id}/`,
      '/productos/',
      `/productos/${kit.id}/`,
      '/carrito/',
      '/login/',
      '/cuenta/registro/',
      '/cuenta/recuperar/',
      '/terminos/',
      '/privacidad/',
      '/no-existe/',
    ])
      problems.push(...(await problemsOf(page, path)));
    expect(problems).toEqual([]);
    await page.goto(`${server.baseUrl}/carrito/`);
    expect(await page.textContent(`[data-test="cart-line-${kit.id}"]`)).toContain('$37.000');
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  it('as a customer with bookings, a cancelled paid booking, waitlist places and an order', async () => {
    const { db } = server.database;
    const upcoming = await createWorkshop(db, { name: 'Resina para principiantes', startsAt: inDays(14) });
    const dropped = await createWorkshop(db, {
      name: 'Timbres tallados: tu primer sello',
      startsAt: inDays(21),
    });
    const full = await createWorkshop(db, {
      name: 'Cerámica en frío',
      startsAt: inDays(28),
      totalSeats: 1,
      seatsTaken: 1,
    });
    const held = await createWorkshop(db, {
      name: 'Pausa consciente y acuarela',
      startsAt: inDays(30),
      totalSeats: 1,
    });
    const kit = await createProduct(db, { name: 'Set de pigmentos nacarados', priceClp: 12000, stock: 10 });
    const me = await createCustomerAccount(db, {
      name: 'Valentina Constanza Muñoz Araya',
      email: 'valentina.constanza.munoz.araya.de.la.fuente@correo-electronico-ejemplo.cl',
    });
    const other = await createCustomerAccount(db, { name: 'Otra Persona' });

    const mine = await phoneContext();
    const theirs = await phoneContext();
    await logIn(mine, me.login, me.password);
    await logIn(theirs, other.login, other.password);

    // An upcoming booking, and a paid one cancelled from the account.
    const pending = await post(mine, `/talleres/${upcoming.id}/`);
    const paid = await post(mine, `/talleres/${dropped.id}/`);
    await post(mine, paid, { accion_pago: 'pagar' });
    await post(mine, `/cuenta/inscripciones/${/\d+/.exec(paid)![0]}/anular/`);
    // Second in line on a full workshop's waitlist; first on another, where a seat is then freed.
    await post(theirs, `/talleres/${full.id}/lista-espera/`);
    await post(mine, `/talleres/${full.id}/lista-espera/`);
    const theirBooking = await post(theirs, `/talleres/${held.id}/`);
    await post(mine, `/talleres/${held.id}/lista-espera/`);
    await post(theirs, `/cuenta/inscripciones/${/\d+/.exec(theirBooking)![0]}/anular/`);
    // A kit order waiting for payment, and another kit left in the cart.
    await post(mine, `/carrito/add/${kit.id}/`, { cantidad: '2' });
    const order = await post(mine, '/carrito/checkout/');
    await post(mine, `/carrito/add/${kit.id}/`);

    const page = await mine.newPage();
    const errors = collectPageErrors(page);
    const problems: string[] = [];
    for (const path of [
      '/',
      '/talleres/',
      `/talleres/${upcoming.id}/`,
      `/talleres/${full.id}/`,
      '/productos/',
      `/productos/${kit.id}/`,
      '/carrito/',
      '/carrito/checkout/',
      pending,
      order,
      `/talleres/${held.id}/lista-espera/aceptar/`,
      '/cuenta/perfil/',
      '/cuenta/perfil/editar/',
      '/cuenta/password/',
      '/terminos/',
      '/privacidad/',
      '/gestion/',
      '/no-existe/',
    ])
      problems.push(...(await problemsOf(page, path)));
    expect(problems).toEqual([]);

    // The account shows all of it, and its actions are on screen.
    await page.goto(`${server.baseUrl}/cuenta/perfil/`);
    expect(await page.textContent('[aria-labelledby="proximos"]')).toContain('Resina para principiantes');
    expect(await page.textContent('[aria-labelledby="proximos"]')).not.toContain('Timbres tallados');
    expect(await page.textContent('[aria-labelledby="historial"]')).toContain('Timbres tallados');
    const waitlist = await page.textContent('[aria-labelledby="espera"]');
    expect(waitlist).toContain('Estás en el lugar 2 de la lista');
    expect(waitlist).toContain('Tomar mi cupo');
    expect(await page.textContent('[aria-labelledby="compras"]')).toContain('2 × Set de pigmentos nacarados');
    for (const selector of ['[data-test="profile-link"]', 'form[action$="/anular/"] button']) {
      const box = (await page.locator(selector).first().boundingBox())!;
      expect(box.x + box.width, selector).toBeLessThanOrEqual(390);
    }
    expect(unexpected(errors)).toEqual([]);
    await mine.close();
    await theirs.close();
  });
});
