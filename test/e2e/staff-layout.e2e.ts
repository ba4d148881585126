import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { enrollCustomer } from '../../src/domain/enrollments';
import { createCustomer, createWorkshop, unique } from '../support/factories';
import { collectPageErrors, launchBrowser, newContext, startServer, type TestServer } from './support';

/** The back office in a browser: how its pages fit the screen and how its forms behave. */
describe('the back office on a laptop and a phone', () => {
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

  async function staffContext(viewport = { width: 1366, height: 900 }): Promise<BrowserContext> {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${server.baseUrl}/login/?next=/gestion/`);
    await page.fill('input[name="username"]', 'carolina@tmm.cl');
    await page.fill('input[name="password"]', 'tmm-demo-2026');
    await Promise.all([page.waitForURL(`${server.baseUrl}/gestion/`), page.click('#loginSubmit')]);
    await page.close();
    return context;
  }

  /** A workshop a week ahead with one customer enrolled through the service, as staff would see it. */
  async function workshopWithAttendee() {
    const workshop = await createWorkshop(server.database.db, {
      name: unique('Acuarela botánica '),
      startsAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    });
    const customer = await createCustomer(server.database.db, { fullName: 'Josefina Alarcón Poblete' });
    const { enrollmentId } = await inTransaction(server.database, (trx) =>
      enrollCustomer(
        trx,
        { workshopId: workshop.id, customerId: customer.id },
        { now: new Date(), actor: null, publicUrl: server.baseUrl },
      ),
    );
    return { workshop, enrollmentId };
  }

  it('asks once before cancelling an enrollment, and keeps it when staff say no', async () => {
    const { workshop, enrollmentId } = await workshopWithAttendee();
    const context = await staffContext();
    const page: Page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.baseUrl}/gestion/talleres/${workshop.id}/`);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const row = page.locator(`tr[data-row-id="${enrollmentId}"]`);
    await row.locator('form[action$="/anular/"] button').click();
    // A second handler would open its dialog right after the first; give it the chance.
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([
      '¿Anular la inscripción de Josefina Alarcón Poblete? Se liberará su cupo y se le avisará por correo.',
    ]);
    expect(page.url()).toBe(`${server.baseUrl}/gestion/talleres/${workshop.id}/`);
    expect(await row.locator('.badge').textContent()).toBe('Pendiente de pago');
    expect(errors).toEqual([]);
    await context.close();
  });
});
