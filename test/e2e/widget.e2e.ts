import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeViolations,
  launchBrowser,
  newContext,
  seriousA11yViolations,
  startServer,
  type TestServer,
} from './support';

/** Another site on another local origin, whose page pastes the widget's line (in a column of `width`). */
async function startHostSite(widgetScript: string) {
  const server: Server = createServer((request, response) => {
    const width = new URL(request.url ?? '/', 'http://x').searchParams.get('ancho') ?? '700';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="es"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sitio amigo</title></head>` +
        `<body style="margin:0"><h1>Sitio amigo</h1><div style="width:${Number(width)}px">` +
        `<script src="${widgetScript}" async></script></div></body></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('the booking widget on another site', () => {
  let server: TestServer;
  let browser: Browser;
  let allowed: Awaited<ReturnType<typeof startHostSite>>;
  let unlisted: Awaited<ReturnType<typeof startHostSite>>;

  beforeAll(async () => {
    server = await startServer({ seed: true });
    browser = await launchBrowser();
    allowed = await startHostSite(`${server.baseUrl}/widget.js`);
    unlisted = await startHostSite(`${server.baseUrl}/widget.js`);
    await server.database.db
      .insertInto('widgetOrigins')
      .values({ origin: allowed.origin, createdAt: new Date().toISOString() })
      .execute();
  });
  afterAll(async () => {
    await browser?.close();
    await allowed?.close();
    await unlisted?.close();
    await server?.close();
  });

  it('renders in a 360 px and a 700 px column of a listed site, sized to its content, with links that book on our site', async () => {
    for (const width of [360, 700]) {
      const context = await newContext(browser, { phone: width === 360 });
      const page = await context.newPage();
      await page.goto(`${allowed.origin}/?ancho=${width}`);
      const frame = page.frameLocator('iframe[title="Próximos talleres de TMM"]');
      await frame.locator('h1.w-title').waitFor();
      expect(await frame.locator('[data-test="widget-workshop"]').count()).toBeGreaterThan(0);
      const link = frame.locator('a.w-button').first();
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('href')).toMatch(new RegExp(`^${server.baseUrl}/talleres/\\d+/$`));
      // The frame grows to its list (no inner scrollbar) and nothing inside overflows sideways.
      await page.waitForFunction(
        () => (document.querySelector('iframe')?.getBoundingClientRect().height ?? 0) > 600,
      );
      const inner = await frame.locator('body').evaluate(() => ({
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        width: document.documentElement.clientWidth,
        height: document.documentElement.scrollHeight,
      }));
      expect(inner.width).toBe(width);
      expect(inner.overflow).toBeLessThanOrEqual(0);
      const outer = await page.locator('iframe').evaluate((el) => el.getBoundingClientRect().height);
      expect(Math.abs(outer - inner.height)).toBeLessThanOrEqual(2);
      await context.close();
    }
  });

  it('is blocked by the browser on a site that is not listed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
    });
    await page.goto(`${unlisted.origin}/`);
    await page.locator('iframe').waitFor({ state: 'attached' });
    await page.waitForTimeout(1000);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const rendered = frame
      ? await frame
          .locator('h1.w-title')
          .count()
          .catch(() => 0)
      : 0;
    expect(rendered).toBe(0);
    expect(refusals.join('\n')).toContain('frame-ancestors');
    await context.close();
  });

  it('reads well on its own: no serious accessibility violation', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/widget/talleres/`);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    await context.close();
  });

  it('gives admins webhook and widget pages that fit a phone and pass axe', async () => {
    await server.database.db
      .updateTable('users')
      .set({ role: 'admin' })
      .where('email', '=', 'carolina@tmm.cl')
      .execute();
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/login/`);
    await page.fill('[name=username]', 'carolina@tmm.cl');
    await page.fill('[name=password]', 'tmm-demo-2026');
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/login/')),
      page.click('button[type=submit]'),
    ]);
    for (const path of ['/gestion/webhooks/', '/gestion/webhooks/entregas/', '/gestion/widget/']) {
      await page.goto(`${server.baseUrl}${path}`);
      expect(await page.locator('h1').first().textContent(), path).toBeTruthy();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(1);
      expect(describeViolations(await seriousA11yViolations(page)), path).toBe('');
    }
    await context.close();
  });
});
