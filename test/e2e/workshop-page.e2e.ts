import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { santiagoDate } from '../../src/lib/dates';
import {
  collectPageErrors,
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The workshop page and the calendar in Chromium, on the demo data with its seeded covers. */
describe('the workshop page and the calendar in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let workshop: { id: number; startsAt: string };
  beforeAll(async () => {
    server = await startServer({ seed: true });
    browser = await launchBrowser();
    // The first upcoming in-person workshop of the demo: it has a place, lists and a facilitator.
    workshop = await server.database.db
      .selectFrom('workshops')
      .select(['id', 'startsAt'])
      .where('isActive', '=', true)
      .where('modality', '=', 'PRESENCIAL')
      .where('startsAt', '>', new Date().toISOString())
      .orderBy('startsAt')
      .limit(1)
      .executeTakeFirstOrThrow();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of [390, 360]) {
    it(`fits a ${width} px phone: the workshop page shows its cover, map, lists and policy`, async () => {
      const context = await newContext(browser, { phone: true });
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 844 });
      const errors = collectPageErrors(page);
      await page.goto(`${server.baseUrl}/talleres/${workshop.id}/`);

      expect(await sideways(page)).toBeLessThanOrEqual(0);
      const cover = page.locator('img.workshop-cover');
      await cover.evaluate((img: HTMLImageElement) => img.decode());
      const loaded = await cover.evaluate((img: HTMLImageElement) => ({
        width: img.naturalWidth,
        src: img.currentSrc,
        box: img.getBoundingClientRect().width,
      }));
      expect(loaded.src).toMatch(/\/media\/(card|page)\/[0-9a-f-]{36}\.webp$/);
      expect(loaded.width).toBeGreaterThan(0);
      expect(loaded.box).toBeLessThanOrEqual(width);
      expect(await page.locator('[data-test="maps-link"]').getAttribute('href')).toMatch(
        /^https:\/\/www\.google\.com\/maps\/search\/\?api=1&query=/,
      );
      expect(await page.locator('[data-test="what-included"] li').count()).toBeGreaterThan(1);
      expect(await page.locator('[data-test="facilitator"]').textContent()).toBeTruthy();
      expect(await page.locator('[data-test="cancellation-policy"]').isVisible()).toBe(true);
      // The shortcut to the booking panel is there on a phone, where the panel comes last.
      expect(await page.locator('.jump-to-booking').isVisible()).toBe(true);
      expect(describeViolations(await seriousA11yViolations(page))).toBe('');
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`fits a ${width} px phone: the calendar is an agenda of the days with workshops`, async () => {
      const context = await newContext(browser, { phone: true });
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 844 });
      const errors = collectPageErrors(page);
      const day = santiagoDate(new Date(workshop.startsAt));
      await page.goto(`${server.baseUrl}/talleres/?vista=calendario&mes=${day.slice(0, 7)}`);

      expect(await sideways(page)).toBeLessThanOrEqual(0);
      const busy = page.locator(`li[data-date="${day}"]`);
      expect(await busy.isVisible()).toBe(true);
      expect(await busy.locator(`a[href="/talleres/${workshop.id}/"]`).isVisible()).toBe(true);
      // Quiet days are left out of the agenda.
      expect(await page.locator('li.cal-quiet').first().isVisible()).toBe(false);
      expect(await page.locator('.cal-weekdays').isVisible()).toBe(false);
      expect(describeViolations(await seriousA11yViolations(page))).toBe('');
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('lays the calendar out as a month grid on a laptop, and loads the card pictures it needs', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    const errors = collectPageErrors(page);
    const day = santiagoDate(new Date(workshop.startsAt));
    await page.goto(`${server.baseUrl}/talleres/?vista=calendario&mes=${day.slice(0, 7)}`);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    const columns = await page
      .locator('.cal-grid')
      .evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
    expect(columns).toBe(7);
    expect(await page.locator('li.cal-quiet').first().isVisible()).toBe(true);

    await page.goto(`${server.baseUrl}/talleres/`);
    const first = page.locator('img.card-img').first();
    await first.evaluate((img: HTMLImageElement) => img.decode());
    // A laptop card is about 270 px wide: the 600 px copy is enough.
    expect(await first.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\/media\/card\//);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });
});
