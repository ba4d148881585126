/**
 * Lighthouse (mobile, its default emulation and throttling) on the home page, the workshop
 * catalogue and a workshop page of a fresh demo site in production mode, with the system
 * Chromium: `npm run bench:lighthouse`. Each page is measured LIGHTHOUSE_RUNS times (default 3)
 * and the median score per category is written to docs/lighthouse.md.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath, ROOT, samplePages, startDemoServer } from './support/demo-server';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const TARGET: Record<(typeof CATEGORIES)[number], number> = {
  performance: 95,
  accessibility: 100,
  'best-practices': 95,
  seo: 95,
};
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
] as const;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

type PageResult = {
  name: string;
  url: string;
  scores: Record<string, number>;
  metrics: Record<string, string>;
  failed: string[];
};

async function main() {
  const server = await startDemoServer('production');
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const results: PageResult[] = [];
  try {
    const { workshop } = await samplePages(server.base);
    const pages: [string, string][] = [
      ['Inicio', '/'],
      ['Catálogo de talleres', '/talleres/'],
      ['Página de un taller', workshop],
    ];
    for (const [name, url] of pages) {
      const runs: Record<string, number>[] = [];
      let metrics: Record<string, string> = {};
      let failed: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(`${server.base}${url}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { lhr } = result;
        runs.push(
          Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])),
        );
        metrics = Object.fromEntries(
          METRICS.map(([id, label]) => [label, lhr.audits[id]?.displayValue ?? '']),
        );
        // The audits that cost points outside performance, so a score below 100 says why.
        failed = Object.values(lhr.audits)
          .filter(
            (a) =>
              a.score !== null &&
              a.score < 1 &&
              a.scoreDisplayMode === 'binary' &&
              CATEGORIES.slice(1).some((c) =>
                lhr.categories[c]?.auditRefs.some((r) => r.id === a.id && r.weight > 0),
              ),
          )
          .map((a) => a.title);
      }
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((r) => r[c]!))]));
      results.push({ name, url, scores, metrics, failed });
      console.log(name, url, scores, metrics, failed);
    }
  } finally {
    chrome.kill();
    await server.stop();
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    '# Lighthouse scores',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench:lighthouse\` (scripts/lighthouse.ts):`,
    `Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile`,
    '(its default phone emulation and simulated slow 4G / 4× CPU throttling), the system Chromium, a fresh demo',
    `site in production mode on SQLite served over http://127.0.0.1, median of ${RUNS} runs per page, on ${os.cpus().length} × ${cpu}.`,
    `Targets: performance ≥ ${TARGET.performance}, accessibility ${TARGET.accessibility}, best practices ≥ ${TARGET['best-practices']}, SEO ≥ ${TARGET.seo}.`,
    '',
    '| Page | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | CLS |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} (\`${r.url}\`) | ${CATEGORIES.map((c) => `${r.scores[c]}${r.scores[c]! < TARGET[c] ? ' ⚠' : ''}`).join(' | ')} | ${METRICS.map(([, l]) => r.metrics[l]).join(' | ')} |`,
    ),
    '',
  ];
  const misses = results.filter((r) => r.failed.length > 0);
  if (misses.length > 0) {
    lines.push('Audits that failed outside performance:', '');
    for (const r of misses) lines.push(`- ${r.name}: ${r.failed.join('; ')}`);
    lines.push('');
  }
  writeFileSync(path.join(ROOT, 'docs', 'lighthouse.md'), lines.join('\n'));
  console.log('wrote docs/lighthouse.md');
}

await main();
