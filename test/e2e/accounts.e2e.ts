import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

describe('an account from sign-up to a password reset, in a browser', () => {
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

  /**
   * The single-use link of the newest e-mail of a template the app queued for this address, as the
   * recipient gets it (stored copies show "[enlace privado]" instead).
   */
  async function linkFromEmail(to: string, template: string, path: RegExp): Promise<string> {
    const mail = await server.database.db
      .selectFrom('emailOutbox')
      .select(['bodyText', 'privateLink'])
      .where('toAddress', '=', to)
      .where('template', '=', template)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.bodyText).toContain('[enlace privado]');
    const match = new RegExp(`${server.baseUrl}${path.source}`).exec(mail.privateLink ?? '');
    if (!match) throw new Error(`No link in the ${template} e-mail: ${JSON.stringify(mail)}`);
    return match[0];
  }

  it('signs up, activates the account from the e-mail, logs out and in, and resets the password from the e-mail', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const email = `valentina.${Date.now()}@example.cl`;
    const firstPassword = 'acuarela-en-el-cerro-77';
    const newPassword = 'timbres-de-goma-en-invierno-3';

    // Sign up: the button waits until the live checklist is satisfied.
    await page.goto(`${server.baseUrl}/`);
    await page.click('[data-test="register-link"]');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    await page.fill('#f-nombre', 'Valentina Muñoz');
    await page.fill('#f-email', email);
    await page.fill('#f-telefono', '+56 9 5555 1234');
    await page.fill('#f-password', 'valentinamunoz1');
    await page.fill('#f-password2', 'valentinamunoz1');
    expect(await page.isDisabled('#registerSubmit')).toBe(true);
    expect(await page.getAttribute('[data-rule="identity"]', 'class')).toContain('rule-fail');
    await page.fill('#f-password', firstPassword);
    await page.fill('#f-password2', firstPassword);
    expect(await page.getAttribute('[data-rule="identity"]', 'class')).toContain('rule-ok');
    expect(await page.isEnabled('#registerSubmit')).toBe(true);
    await page.click('#registerSubmit');
    await page.waitForURL(`${server.baseUrl}/cuenta/registro/enviado/`);
    expect(await page.textContent('main')).toContain('Revisa tu correo');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // Activate the account with the link the app e-mailed.
    await page.goto(
      await linkFromEmail(email, 'signup_confirmation', /\/cuenta\/registro\/confirmar\/[\w-]+\//),
    );
    await page.click('button:has-text("Activar mi cuenta")');
    await page.waitForURL(`${server.baseUrl}/`);
    expect(await page.textContent('.flash-list')).toContain('Tu cuenta está activa');
    expect(await page.textContent('[data-test="profile-link"]')).toBe('Mi cuenta');
    expect(await page.textContent('[data-test="greeting"]')).toContain('Hola, Valentina');

    // Log out, then log in with the e-mail.
    await page.click('button:has-text("Cerrar sesión")');
    await page.waitForSelector('[data-test="login-link"]');
    await page.click('[data-test="login-link"]');
    await page.fill('#f-username', email);
    await page.fill('#f-password', firstPassword);
    await page.click('#loginSubmit');
    await page.waitForSelector('[data-test="profile-link"]');

    // The address was confirmed by the activation link.
    await page.goto(`${server.baseUrl}/cuenta/perfil/`);
    expect(await page.textContent('main')).toContain('Confirmado');

    // Forgot the password: ask for a link, open it from the e-mail, choose a new one.
    await page.click('button:has-text("Cerrar sesión")');
    await page.goto(`${server.baseUrl}/login/`);
    await page.click('text=¿Olvidaste tu contraseña?');
    await page.fill('#f-email', email);
    await page.click('#resetRequestSubmit');
    await page.waitForURL(`${server.baseUrl}/cuenta/recuperar/enviado/`);
    await page.goto(await linkFromEmail(email, 'password_reset', /\/cuenta\/recuperar\/[\w-]+\//));
    await page.fill('#f-password', newPassword);
    await page.fill('#f-password2', newPassword);
    await page.click('#passwordSubmit');
    await page.waitForURL(`${server.baseUrl}/login/`);
    expect(await page.textContent('.flash-list')).toContain('Tu contraseña fue actualizada');

    // The old password is refused; the new one opens the profile.
    await page.fill('#f-username', email);
    await page.fill('#f-password', firstPassword);
    await page.click('#loginSubmit');
    expect(await page.textContent('[role="alert"]')).toContain('Usuario o contraseña incorrectos');
    await page.fill('#f-username', email);
    await page.fill('#f-password', newPassword);
    await page.click('#loginSubmit');
    await page.waitForSelector('[data-test="profile-link"]');
    await page.click('[data-test="profile-link"]');
    await page.waitForURL(`${server.baseUrl}/cuenta/perfil/`);
    expect(await page.textContent('[data-test="profile-name"]')).toBe('Valentina Muñoz');
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // The refused old password is answered 422 on purpose; nothing else may fail (CSP included).
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await context.close();
  });
});
