import type { Browser, Page } from 'playwright-core';
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

/** For every chart canvas on the page: its id and how many of its pixels are not transparent. */
async function paintedPixels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')].map((canvas) => {
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
      return { id: canvas.dataset.chart!, painted, width: canvas.width };
    }),
  );
}

describe('the reports in a browser', () => {
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

  it('draws every chart, leads from a month bar to its payments and filters the breakdown', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(`${server.baseUrl}/login/?next=/gestion/reportes/`);
    await page.fill('input[name="username"]', 'carolina@tmm.cl');
    await page.fill('input[name="password"]', 'tmm-demo-2026');
    await Promise.all([
      page.waitForURL(`${server.baseUrl}/gestion/reportes/`),
      page.click('form[action="/login/"] button[type="submit"]'),
    ]);
    expect(await page.locator('h1').first().textContent()).toBe('Reportes');

    // The demo data spans a year: the monthly charts always have something to draw.
    const charts = page.locator('canvas[data-chart]');
    expect(await charts.count()).toBeGreaterThanOrEqual(2);
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')].every(
        (c) => c.dataset.drawn === 'true',
      ),
    );
    // Let the short entry animation finish before reading pixels.
    await page.waitForTimeout(600);
    const pixels = await paintedPixels(page);
    expect(pixels.map((p) => p.id)).toContain('revenue-months');
    for (const canvas of pixels) {
      expect(canvas.width, `${canvas.id} has a size`).toBeGreaterThan(100);
      expect(canvas.painted, `${canvas.id} has drawn pixels`).toBeGreaterThan(500);
    }
    // Each drawn chart keeps its table for screen readers and keyboard users.
    for (const canvas of pixels)
      expect(await page.locator(`[data-test="figure-${canvas.id}"] table`).count()).toBe(1);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // Clicking the tallest workshop bar of the monthly chart opens that month's payments.
    const target = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('canvas[data-chart="revenue-months"]')!;
      canvas.scrollIntoView({ block: 'center' });
      type ChartLike = {
        data: { datasets: { data: number[] }[] };
        getDatasetMeta: (index: number) => { data: { x: number; y: number; base: number }[] };
      };
      const chart = (
        window as unknown as { Chart: { getChart: (c: HTMLCanvasElement) => ChartLike } }
      ).Chart.getChart(canvas);
      const values = chart.data.datasets[0]!.data;
      const index = values.indexOf(Math.max(...values));
      const bar = chart.getDatasetMeta(0).data[index]!;
      const box = canvas.getBoundingClientRect();
      const spec = JSON.parse(document.getElementById('reports-data')!.textContent!).find(
        (s: { id: string }) => s.id === 'revenue-months',
      );
      return { x: box.left + bar.x, y: box.top + (bar.y + bar.base) / 2, href: spec.links[index] as string };
    });
    expect(target.href).toMatch(/^\/gestion\/reportes\/ingresos\/\?mes=\d{4}-\d{2}$/);
    await Promise.all([
      page.waitForURL(`${server.baseUrl}${target.href}`),
      page.mouse.click(target.x, target.y),
    ]);
    expect(await page.locator('h1').textContent()).toBe('Desglose de ingresos');
    const allRows = await page.locator('[data-test="payments-table"] tbody tr').count();
    expect(allRows).toBeGreaterThan(0);

    // Filter the month to workshop payments only: kit orders disappear from the list.
    await page.selectOption('#f-origen', 'talleres');
    await Promise.all([
      page.waitForURL(/origen=talleres/),
      page.click('form[aria-label="Filtrar pagos"] button[type="submit"]'),
    ]);
    expect(page.url()).toContain(`desde=${target.href.slice(-7)}-01`);
    const concepts = await page
      .locator('[data-test="payments-table"] tbody tr td:nth-child(3)')
      .allTextContents();
    expect(concepts.length).toBeGreaterThan(0);
    expect(concepts.some((c) => c.includes('Compra de kits'))).toBe(false);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');

    // The export link carries the same filters.
    const href = await page.locator('a', { hasText: 'CSV' }).getAttribute('href');
    expect(href).toContain('origen=talleres');
    expect(href).toContain('formato=csv');
    expect(errors).toEqual([]);
    await context.close();
  });
});
