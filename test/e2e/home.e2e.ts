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

describe('the public face on a phone', () => {
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

  it('opens the home page, follows a workshop link and finds no serious accessibility violation', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${server.baseUrl}/`);
    await expect(page.locator('h1')).toBeTruthy();
    expect(await page.locator('h1').first().textContent()).toContain('talleres que inspiran');
    const cards = page.locator('[data-test^="taller-link-"]');
    expect(await cards.count()).toBeGreaterThan(0);
    // Nothing overflows sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    const name = (await cards.first().textContent())?.trim() ?? '';
    await cards.first().click();
    await page.waitForURL(/\/talleres\/\d+\/$/);
    expect(await page.locator('h1').first().textContent()).toContain(name);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});
