/**
 * `npx tsx scripts/bench/route-cpu.ts`: CPU time of each request of the old scenario, one at a time,
 * inside one process (app.inject: the whole application, without sockets and HTTP parsing), on the
 * demo data in SQLite — or PostgreSQL with ROUTE_CPU_DATABASE_URL. It tells which routes to make
 * cheaper before the load benchmark (scripts/bench.ts) says how much was gained under load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { InjectOptions } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrator';
import { createTestUsers } from '../../src/domain/users/test-users.service';
import { seedDemo } from '../../src/seed/demo';
import { createSessionCookies } from '../../test/support/sessions';

const RUNS = Number(process.env.ROUTE_CPU_RUNS ?? 300);
const SECRET = 'bench-secret-0123456789abcdef0123456789';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tmm-route-cpu-'));
const url = process.env.ROUTE_CPU_DATABASE_URL ?? `sqlite:${path.join(dir, 'db.sqlite')}`;
const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: url,
  SESSION_SECRET: SECRET,
  PUBLIC_URL: 'http://127.0.0.1:8000',
  DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  IN_PROCESS_WORKER: 'false',
  SEED_DEMO: 'false',
});
const database = createDatabase(config.database);
await migrateToLatest(database.db);
await seedDemo(database.db, { now: new Date(), dataDir: dir });
await createTestUsers(
  database.db,
  { count: RUNS + 10, prefix: 'cpu', password: 'benchpass' },
  { now: new Date() },
);
const users = await database.db
  .selectFrom('users')
  .select('id')
  .where('username', 'like', 'cpu%')
  .orderBy('id')
  .execute();
const cookies = [
  ...(
    await createSessionCookies(
      database.db,
      SECRET,
      users.map((u) => u.id),
    )
  ).values(),
];
const app = await buildApp({ database, config, pageCache: true });
await app.ready();

const workshop = await database.db
  .selectFrom('workshops')
  .select('id')
  .where('startsAt', '>', new Date().toISOString())
  .where('isActive', '=', true)
  .orderBy('startsAt')
  .executeTakeFirstOrThrow();

// A CSRF pair (secret cookie + token), as a browser gets them from any form page.
const loginPage = await app.inject({ method: 'GET', url: '/login/' });
const setCookies = ([] as string[])
  .concat(loginPage.headers['set-cookie'] ?? [])
  .map((c) => c.split(';')[0]!);
const csrfToken = decodeURIComponent(
  setCookies.find((c) => c.startsWith('csrftoken='))!.slice('csrftoken='.length),
);
const csrfCookie = `${setCookies.find((c) => c.startsWith('_csrf_secret='))!}; csrftoken=${encodeURIComponent(csrfToken)}`;
const form = (body: Record<string, string>) => new URLSearchParams({ ...body, _csrf: csrfToken }).toString();

type Case = { name: string; request: (i: number) => InjectOptions };
const asUser = (i: number) => `${cookies[i % cookies.length]}; ${csrfCookie}`;
const cases: Case[] = [
  { name: 'GET / (anonymous)', request: () => ({ method: 'GET', url: '/' }) },
  { name: 'GET /talleres/ (anonymous)', request: () => ({ method: 'GET', url: '/talleres/' }) },
  { name: 'GET /productos/ (anonymous)', request: () => ({ method: 'GET', url: '/productos/' }) },
  { name: 'GET / (customer)', request: (i) => ({ method: 'GET', url: '/', headers: { cookie: asUser(i) } }) },
  {
    name: 'GET /talleres/ (customer)',
    request: (i) => ({ method: 'GET', url: '/talleres/', headers: { cookie: asUser(i) } }),
  },
  {
    name: 'GET /productos/ (customer)',
    request: (i) => ({ method: 'GET', url: '/productos/', headers: { cookie: asUser(i) } }),
  },
  {
    name: 'GET /talleres/<id>/ (customer)',
    request: (i) => ({ method: 'GET', url: `/talleres/${workshop.id}/`, headers: { cookie: asUser(i) } }),
  },
  {
    name: 'GET /login/ (customer: 303)',
    request: (i) => ({ method: 'GET', url: '/login/', headers: { cookie: asUser(i) } }),
  },
  {
    name: 'POST /talleres/<id>/ (enroll or refused)',
    request: (i) => ({
      method: 'POST',
      url: `/talleres/${workshop.id}/`,
      headers: { cookie: asUser(i), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({}),
    }),
  },
  {
    // Last: logging in again replaces each session, so the cookies above stop working.
    name: 'POST /login/ (customer, again)',
    request: (i) => ({
      method: 'POST',
      url: '/login/',
      headers: { cookie: asUser(i), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ username: `cpu${(i % cookies.length) + 1}`, password: 'benchpass' }),
    }),
  },
];

// ROUTE_CPU_ONLY="customer" keeps the cases whose name contains that text (for a focused profile).
const only = process.env.ROUTE_CPU_ONLY;
// ROUTE_CPU_SQL=1 lists the SQL statements each case runs for one request (SQLite only).
const sqlLog: string[] = [];
if (process.env.ROUTE_CPU_SQL) {
  const prepare = SQLite.prototype.prepare;
  SQLite.prototype.prepare = function (this: SQLite.Database, source: string) {
    sqlLog.push(source);
    return prepare.call(this, source);
  } as typeof prepare;
}
const rows: string[] = [];
for (const c of cases.filter((c) => !only || c.name.includes(only))) {
  for (let i = 0; i < 20; i++) await app.inject(c.request(i)); // warm-up
  if (process.env.ROUTE_CPU_SQL) {
    sqlLog.length = 0;
    await app.inject(c.request(0));
    console.log(
      `\n${c.name}: ${sqlLog.length} statements\n${sqlLog.map((q) => `  ${q.slice(0, 160)}`).join('\n')}`,
    );
    continue;
  }
  const statuses = new Map<number, number>();
  const before = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) {
    const response = await app.inject(c.request(i));
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
  }
  const wall = performance.now() - t0;
  const used = process.cpuUsage(before);
  const cpu = (used.user + used.system) / 1000 / RUNS;
  const codes = [...statuses].map(([s, n]) => `${s}×${n}`).join(' ');
  rows.push(`| ${c.name} | ${cpu.toFixed(2)} | ${(wall / RUNS).toFixed(2)} | ${codes} |`);
}
console.log(`| Request | CPU ms | wall ms | statuses |\n|---|---|---|---|\n${rows.join('\n')}`);
await app.close();
await database.close();
rmSync(dir, { recursive: true, force: true });
