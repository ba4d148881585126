import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser, newContext, startServer, type TestServer } from './support';

/** The API's reference page, rendered by Swagger UI from our origin, under the site's own CSP. */
describe('the API reference page', () => {
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

  it('shows every operation of the document and runs a public read, with no CSP violation', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    const errors = collectPageErrors(page);
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.baseUrl)) external.push(request.url());
    });

    await page.goto(`${server.baseUrl}/api/v1/docs/`);
    await page.waitForSelector('.opblock');
    expect(await page.locator('.info .title').first().textContent()).toContain('API del centro de talleres');
    const doc = await (await page.request.get(`${server.baseUrl}/api/v1/openapi.json`)).json();
    const operations = Object.values(doc.paths as Record<string, object>).reduce(
      (n, ops) => n + Object.keys(ops).length,
      0,
    );
    expect(await page.locator('.opblock').count()).toBe(operations);

    // "Try it out" on the list of workshops, from the page itself (connect-src 'self').
    const list = page.locator('.opblock-summary-path[data-path="/api/v1/workshops"]');
    await list.click();
    await page.locator('.opblock.is-open .try-out__btn').click();
    await page.locator('.opblock.is-open .execute').click();
    await page.waitForSelector('.opblock.is-open .live-responses-table tbody .response-col_status');
    expect(
      await page
        .locator('.opblock.is-open .live-responses-table tbody .response-col_status')
        .first()
        .textContent(),
    ).toContain('200');

    expect(errors).toEqual([]);
    expect(external).toEqual([]);
    await context.close();
  });
});
