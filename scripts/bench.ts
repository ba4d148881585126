/**
 * `npm run bench`: measures TMM on SQLite and on PostgreSQL side by side, with the load generator on
 * the same machine, and writes docs/benchmarks.md.
 *
 *  (a) catalogue page throughput and latency, as a ratio to a bare Fastify route serving a static
 *      string of the same size (autocannon, 50 connections, BENCH_SECONDS each);
 *  (b) a launch: BENCH_LAUNCH_USERS (2,000) concurrent enrollment attempts by distinct logged-in users
 *      on a 50-seat workshop: time to settle, p50/p99, errors, and `tmm check`;
 *  (c) a checkout rush: BENCH_RUSH_USERS (1,000) concurrent checkouts of one kit with 100 units;
 *  (d) the server process's peak RSS under that load.
 *
 * The server runs as its own process (`node dist/cli.js serve`, the bundle `npm run build` makes), as in production.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDatabase, type Database } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrator';
import { createTestUsers } from '../src/domain/users/test-users.service';
import { seedDemo } from '../src/seed/demo';
import { freePort, startEmbeddedPostgres } from '../test/support/embedded-postgres';
import { createSessionCookies, fetchCsrf } from '../test/support/sessions';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LAUNCH_USERS = Number(process.env.BENCH_LAUNCH_USERS ?? 2000);
const RUSH_USERS = Number(process.env.BENCH_RUSH_USERS ?? 1000);
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

type Row = Record<string, string>;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy');
}

function startProcess(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** Samples VmRSS of a process every 100 ms; returns a stop function that gives the peak in MB. */
function sampleRss(pid: number) {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch {}
  }, 100);
  return () => {
    clearInterval(timer);
    return peak / 1024;
  };
}

async function cannon(url: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url, connections: 50, duration: SECONDS, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function fire(requests: (() => Promise<Response>)[]) {
  const started = performance.now();
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const bump = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
  await Promise.all(
    requests.map(async (send) => {
      const t0 = performance.now();
      try {
        const response = await send();
        latencies.push(performance.now() - t0);
        const location = response.headers.get('location') ?? '';
        if (response.status >= 500) bump('5xx');
        else if (response.status === 303 && /\/pago\//.test(location)) bump('ok');
        else if (response.status === 303) bump('refused');
        else bump(`http ${response.status}`);
        await response.body?.cancel();
      } catch (error) {
        latencies.push(performance.now() - t0);
        bump(`network: ${(error as Error).message}`);
      }
    }),
  );
  const settle = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { settle, p50: percentile(latencies, 50), p99: percentile(latencies, 99), outcomes };
}

async function runCheck(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['dist/cli.js', 'check'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const code = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? 1)));
  return code === 0 ? 'clean' : `FAILED: ${out.trim().split('\n').slice(0, 3).join(' / ')}`;
}

async function benchDialect(label: string, databaseUrl: string, database: Database): Promise<Row> {
  await migrateToLatest(database.db);
  await seedDemo(database.db, { now: new Date() });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NODE_ENV: 'production',
    SESSION_SECRET: SECRET,
    PUBLIC_URL: base,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'tmm-bench-data-')),
  };
  // BENCH_SERVER_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load.
  const nodeFlags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const server = startProcess([...nodeFlags, 'dist/cli.js', 'serve'], env);
  await waitForHealth(base, server);
  const peakRss = sampleRss(server.pid!);

  // (a) catalogue vs a bare route of the same size
  const page = await (await fetch(`${base}/talleres/`)).text();
  await cannon(`${base}/talleres/`); // warm-up pass is discarded
  const catalogue = await cannon(`${base}/talleres/`);
  const barePort = await freePort();
  const bare = startProcess(
    ['scripts/bare-server.mjs', String(barePort), String(Buffer.byteLength(page))],
    {},
  );
  await waitForHealth(`http://127.0.0.1:${barePort}`, bare);
  await cannon(`http://127.0.0.1:${barePort}/`);
  const bareResult = await cannon(`http://127.0.0.1:${barePort}/`);
  await stopProcess(bare);

  // (b) launch
  const prefix = `bench${label.toLowerCase()}`;
  await createTestUsers(
    database.db,
    { count: Math.max(LAUNCH_USERS, RUSH_USERS), prefix, password: 'benchpass' },
    { now: new Date() },
  );
  const users = await database.db
    .selectFrom('users')
    .innerJoin('customers', 'customers.userId', 'users.id')
    .select(['users.id as userId', 'customers.id as customerId'])
    .where('users.username', 'like', `${prefix}%`)
    .orderBy('users.id')
    .execute();
  const cookies = await createSessionCookies(
    database.db,
    SECRET,
    users.map((u) => u.userId),
  );
  const csrf = await fetchCsrf(base);
  const workshop = await database.db
    .insertInto('workshops')
    .values({
      name: `Lanzamiento ${label}`,
      description: 'Taller de lanzamiento para el benchmark.',
      startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
      durationMinutes: 120,
      priceClp: 45000,
      totalSeats: 50,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const post = (url: string, cookie: string) => () =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `${cookie}; ${csrf.cookie}`,
        'x-csrftoken': csrf.token,
      },
      body: `_csrf=${encodeURIComponent(csrf.token)}`,
    });
  const launch = await fire(
    users.slice(0, LAUNCH_USERS).map((u) => post(`${base}/talleres/${workshop.id}/`, cookies.get(u.userId)!)),
  );
  const enrolled = await database.db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workshopId', '=', workshop.id)
    .where('status', '<>', 'ANULADO')
    .executeTakeFirstOrThrow();

  // (c) checkout rush: every user has one unit of the same kit in the cart
  const product = await database.db
    .insertInto('products')
    .values({ name: `Kit lanzamiento ${label}`, priceClp: 15000, stock: 100 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rushers = users.slice(0, RUSH_USERS);
  for (let i = 0; i < rushers.length; i += 500) {
    await database.db
      .insertInto('cartItems')
      .values(
        rushers
          .slice(i, i + 500)
          .map((u) => ({ customerId: u.customerId, productId: product.id, quantity: 1 })),
      )
      .execute();
  }
  const rush = await fire(rushers.map((u) => post(`${base}/carrito/checkout/`, cookies.get(u.userId)!)));
  const stock = await database.db
    .selectFrom('products')
    .select('stock')
    .where('id', '=', product.id)
    .executeTakeFirstOrThrow();

  const rss = peakRss();
  await stopProcess(server);
  const check = await runCheck(env);
  rmSync(env.DATA_DIR, { recursive: true, force: true });

  const fmt = (n: number) => n.toFixed(0);
  const outcomes = (m: Map<string, number>) => [...m].map(([k, v]) => `${k}: ${v}`).join(', ');
  return {
    Database: label,
    'Catalogue req/s': fmt(catalogue.rps),
    'Catalogue p50 / p99 ms': `${catalogue.p50} / ${catalogue.p99}`,
    'Bare route req/s': fmt(bareResult.rps),
    'Catalogue ÷ bare': `${((catalogue.rps / bareResult.rps) * 100).toFixed(0)} %`,
    'Catalogue errors': String(catalogue.errors),
    [`Launch (${LAUNCH_USERS} → 50 seats) settle`]: `${(launch.settle / 1000).toFixed(2)} s`,
    'Launch p50 / p99 ms': `${fmt(launch.p50)} / ${fmt(launch.p99)}`,
    'Launch outcomes': outcomes(launch.outcomes),
    'Enrollments created': String(enrolled.n),
    [`Checkout rush (${RUSH_USERS} → 100 units) settle`]: `${(rush.settle / 1000).toFixed(2)} s`,
    'Rush p50 / p99 ms': `${fmt(rush.p50)} / ${fmt(rush.p99)}`,
    'Rush outcomes': outcomes(rush.outcomes),
    'Stock left': String(stock.stock),
    'tmm check': check,
    'Peak RSS (server)': `${rss.toFixed(0)} MB`,
  };
}

async function main() {
  // Measure what production runs: the bundled dist/cli.js (npm run build), not the tsx loader.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const rows: Row[] = [];
  const sqliteDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-bench-sqlite-'));
  const sqliteFile = path.join(sqliteDir, 'bench.sqlite');
  const sqlite = createDatabase({ dialect: 'sqlite', file: sqliteFile });
  try {
    console.error('== SQLite');
    rows.push(await benchDialect('SQLite', `sqlite:${sqliteFile}`, sqlite));
  } finally {
    await sqlite.close();
    rmSync(sqliteDir, { recursive: true, force: true });
  }

  console.error('== PostgreSQL');
  const server = process.env.TEST_DATABASE_URL ? null : await startEmbeddedPostgres();
  const serverUrl = process.env.TEST_DATABASE_URL ?? server!.url;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query('drop database if exists tmm_bench with (force)');
  await admin.query('create database tmm_bench');
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = '/tmm_bench';
  const postgres = createDatabase({ dialect: 'postgres', url: url.toString() });
  try {
    rows.push(await benchDialect('PostgreSQL', url.toString(), postgres));
  } finally {
    await postgres.close();
    await server?.stop();
  }

  const keys = Object.keys(rows[0]!);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const table = [
    `| Measure | ${rows.map((r) => r.Database).join(' | ')} |`,
    `|---|${rows.map(() => '---').join('|')}|`,
    ...keys.filter((k) => k !== 'Database').map((k) => `| ${k} | ${rows.map((r) => r[k]).join(' | ')} |`),
  ].join('\n');
  const doc = `# Benchmarks

Measured by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 10)}.

- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.
- The server is one process (\`node dist/cli.js serve\`, NODE_ENV=production, background jobs in-process), on the
  demo data; the load generator (autocannon for reads, concurrent fetch for the launch and the rush) runs on the
  same machine, so both share the two cores.
- Catalogue: GET /talleres/ for ${SECONDS} s with 50 connections after a discarded warm-up pass; the bare route is a
  Fastify handler returning a static string of the same byte size (scripts/bare-server.mjs).
- Launch: ${LAUNCH_USERS} distinct logged-in customers POST the enrollment form of one 50-seat workshop at the same
  moment; "ok" = 303 to /pago/, "refused" = 303 back to the workshop ("No quedan cupos").
- Rush: ${RUSH_USERS} customers with one unit of the same kit in their cart POST /carrito/checkout/ at once; the kit
  has 100 units; "ok" = 303 to the payment page, "refused" = back to the cart naming the kit.
- \`tmm check\` runs after each dialect's load; peak RSS is sampled from /proc every 100 ms during the whole run.

${table}
`;
  writeFileSync(path.join(ROOT, 'docs', 'benchmarks.md'), doc);
  console.log(doc);
}

await main();
