/**
 * `npm run bench`: measures TMM on SQLite and on PostgreSQL side by side, with the load generators
 * on the same machine, and writes docs/benchmarks.md with the method.
 *
 *  (a) catalogue: anonymous GET /talleres/ throughput and latency, as a ratio to a bare Fastify
 *      route serving a static string of the same size (autocannon, 50 connections);
 *  (b) the old system's own Locust scenario (OldScenarioUser in locustfile.py: a login on every
 *      enrollment) at 50 and 100 users: server CPU per HTTP request from /proc (every server
 *      process), split into the password hash and everything else, client p50/p95/p99 per endpoint,
 *      failures, peak RSS per process, and `tmm check`;
 *  (c) a launch: BENCH_LAUNCH_USERS (2,000) distinct logged-in customers POST the enrollment form
 *      of one 50-seat workshop at once: settle time, p50/p99, server CPU per attempt, outcomes;
 *  (d) a checkout rush: BENCH_RUSH_USERS (1,000) concurrent checkouts of one kit with 100 units.
 * (b) and (c) run again with `serve --workers 2` for the memory per process.
 *
 * The server runs as its own process (`node dist/cli.js serve`, the bundle `npm run build` makes),
 * as in production. BENCH_PARTS (e.g. "old,launch"), BENCH_DIALECTS ("sqlite,postgres"),
 * BENCH_OLD_USERS ("50,100"), BENCH_OLD_SECONDS (30) and BENCH_WORKERS ("1,2") narrow a run;
 * BENCH_SERVER_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDatabase, type Database } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrator';
import { createTestUsers, writeUsersCsv } from '../src/domain/users/test-users.service';
import { ARGON2_PARAMS, hashPassword, verifyPassword } from '../src/lib/password';
import { seedDemo } from '../src/seed/demo';
import { freePort, startEmbeddedPostgres } from '../test/support/embedded-postgres';
import { createSessionCookies, fetchCsrf } from '../test/support/sessions';
import { sampleRss, treeCpuMs } from './bench/proc';

const list = (name: string, fallback: string) =>
  (process.env[name] ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const PARTS = new Set(list('BENCH_PARTS', 'catalogue,old,launch,rush'));
const DIALECTS = list('BENCH_DIALECTS', 'sqlite,postgres');
const OLD_USERS = list('BENCH_OLD_USERS', '50,100').map(Number);
const WORKERS = list('BENCH_WORKERS', '1,2').map(Number);
const OLD_SECONDS = Number(process.env.BENCH_OLD_SECONDS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LAUNCH_USERS = Number(process.env.BENCH_LAUNCH_USERS ?? 2000);
const RUSH_USERS = Number(process.env.BENCH_RUSH_USERS ?? 1000);
const LOCUST = process.env.LOCUST_PATH ?? '/usr/bin/locust';
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function waitForHealth(url: string, child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy');
}

function startProcess(command: string, args: string[], env: Record<string, string>, cwd = ROOT) {
  return spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** CPU time of one Argon2id verification with the production parameters, in this process. */
async function hashCpuMs(): Promise<number> {
  const stored = await hashPassword('benchpass');
  await verifyPassword('benchpass', stored);
  const runs = 40;
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i++) await verifyPassword('benchpass', stored);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / runs;
}

async function cannon(url: string) {
  const result = await autocannon({ url, connections: 50, duration: SECONDS });
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

type EndpointStats = {
  name: string;
  requests: number;
  failures: number;
  p50: number;
  p95: number;
  p99: number;
};

/** Locust's `<prefix>_stats.csv`: one row per request name, then "Aggregated". */
function locustStats(csvPrefix: string): EndpointStats[] {
  const [header, ...lines] = readFileSync(`${csvPrefix}_stats.csv`, 'utf8').trim().split('\n');
  const columns = header!.split(',').map((c) => c.replace(/"/g, ''));
  const at = (cells: string[], name: string) => cells[columns.indexOf(name)] ?? '';
  return lines.map((line) => {
    // Names hold no commas here, but Locust quotes them.
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    return {
      name: at(cells, 'Name'),
      requests: Number(at(cells, 'Request Count')),
      failures: Number(at(cells, 'Failure Count')),
      p50: Number(at(cells, '50%')),
      p95: Number(at(cells, '95%')),
      p99: Number(at(cells, '99%')),
    };
  });
}

function runLocust(args: string[], env: Record<string, string>) {
  const child = spawn(LOCUST, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return {
    child,
    done: new Promise<{ code: number; output: string }>((r) =>
      child.on('exit', (c) => r({ code: c ?? 1, output })),
    ),
  };
}

type Server = { base: string; child: ChildProcess; env: Record<string, string> };

async function startServer(databaseUrl: string, workers: number, dataDir: string): Promise<Server> {
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
    DATA_DIR: dataDir,
  };
  const nodeFlags = (process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = startProcess(
    process.execPath,
    [...nodeFlags, 'dist/cli.js', 'serve', '--workers', String(workers)],
    env,
  );
  await waitForHealth(base, child);
  return { base, child, env };
}

type OldResult = {
  users: number;
  workers: number;
  requests: number;
  logins: number;
  failures: number;
  serverCpuMs: number;
  locustCpuMs: number;
  cpuPerRequest: number;
  cpuPerRequestWithoutHash: number;
  rssPerProcess: number;
  endpoints: EndpointStats[];
};

/** The old system's scenario for OLD_SECONDS against a running server; CPU and memory from /proc. */
async function oldScenario(
  server: Server,
  users: number,
  workers: number,
  usersFile: string,
  hashMs: number,
) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tmm-bench-locust-'));
  const csv = path.join(dir, 'old');
  const rss = sampleRss(server.child.pid!);
  const cpuBefore = treeCpuMs(server.child.pid!);
  const locust = runLocust(
    [
      '-f',
      path.join(ROOT, 'locustfile.py'),
      '--headless',
      '-u',
      String(users),
      '-r',
      String(users),
      '-t',
      `${OLD_SECONDS}s`,
      '--host',
      server.base,
      '--csv',
      csv,
      '--only-summary',
      'OldScenarioUser',
    ],
    { LOCUST_USERS_FILE: usersFile },
  );
  let locustCpuMs = 0;
  const locustSampler = setInterval(() => {
    locustCpuMs = Math.max(locustCpuMs, treeCpuMs(locust.child.pid!));
  }, 200);
  const run = await locust.done;
  clearInterval(locustSampler);
  const serverCpuMs = treeCpuMs(server.child.pid!) - cpuBefore;
  const memory = rss.stop();
  const stats = locustStats(csv);
  rmSync(dir, { recursive: true, force: true });
  const endpoints = stats.filter((s) => s.name !== 'Aggregated');
  const total = stats.find((s) => s.name === 'Aggregated');
  const requests = total?.requests ?? 0;
  const logins = endpoints
    .filter((s) => s.name.startsWith('login POST') && !s.name.includes('→'))
    .reduce((n, s) => n + s.requests, 0);
  if (run.code !== 0 && !total) throw new Error(`locust failed: ${run.output.slice(-2000)}`);
  return {
    users,
    workers,
    requests,
    logins,
    failures: total?.failures ?? 0,
    serverCpuMs,
    locustCpuMs,
    cpuPerRequest: serverCpuMs / requests,
    cpuPerRequestWithoutHash: (serverCpuMs - logins * hashMs) / requests,
    rssPerProcess: memory.perProcess,
    endpoints,
  } satisfies OldResult;
}

type LaunchResult = {
  workers: number;
  settle: number;
  p50: number;
  p99: number;
  outcomes: string;
  enrolled: number;
  serverCpuMs: number;
  generatorCpuMs: number;
  rssPerProcess: number;
};

const outcomesText = (m: Map<string, number>) => [...m].map(([k, v]) => `${k}: ${v}`).join(', ');

async function launch(server: Server, database: Database, cookies: string[], label: string, workers: number) {
  const csrf = await fetchCsrf(server.base);
  const workshop = await database.db
    .insertInto('workshops')
    .values({
      name: `Lanzamiento ${label} ${workers}`,
      description: 'Taller de lanzamiento para el benchmark.',
      startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
      durationMinutes: 120,
      priceClp: 45000,
      totalSeats: 50,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rss = sampleRss(server.child.pid!);
  const cpuBefore = treeCpuMs(server.child.pid!);
  const ownBefore = process.cpuUsage();
  const result = await fire(
    cookies.map((cookie) => post(`${server.base}/talleres/${workshop.id}/`, cookie, csrf)),
  );
  const own = process.cpuUsage(ownBefore);
  // Requests still being answered after the last response are few; wait for the tree to go quiet.
  await new Promise((r) => setTimeout(r, 300));
  const serverCpuMs = treeCpuMs(server.child.pid!) - cpuBefore;
  const enrolled = await database.db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workshopId', '=', workshop.id)
    .where('status', '<>', 'ANULADO')
    .executeTakeFirstOrThrow();
  return {
    workers,
    settle: result.settle,
    p50: result.p50,
    p99: result.p99,
    outcomes: outcomesText(result.outcomes),
    enrolled: Number(enrolled.n),
    serverCpuMs,
    generatorCpuMs: (own.user + own.system) / 1000,
    rssPerProcess: rss.stop().perProcess,
  } satisfies LaunchResult;
}

const post = (url: string, cookie: string, csrf: { cookie: string; token: string }) => () =>
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

type DialectResult = {
  label: string;
  catalogue?: { rps: number; p50: number; p99: number; errors: number; bare: number };
  old: OldResult[];
  launches: LaunchResult[];
  rush?: { settle: number; p50: number; p99: number; outcomes: string; stockLeft: number };
  check: string;
};

async function benchDialect(label: string, databaseUrl: string, database: Database, hashMs: number) {
  await migrateToLatest(database.db);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-bench-data-'));
  await seedDemo(database.db, { now: new Date(), dataDir });
  const result: DialectResult = { label, old: [], launches: [], check: '' };

  const oldUsers = {
    count: Math.max(...OLD_USERS, 1),
    prefix: `old${label.toLowerCase()}`,
    password: 'benchpass',
  };
  await createTestUsers(database.db, oldUsers, { now: new Date() });
  const usersDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-bench-users-'));
  const usersFile = writeUsersCsv(usersDir, oldUsers);
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
  const cookieOf = await createSessionCookies(
    database.db,
    SECRET,
    users.map((u) => u.userId),
  );

  let env: Record<string, string> = {};
  for (const workers of WORKERS) {
    const server = await startServer(databaseUrl, workers, dataDir);
    env = server.env;
    try {
      if (workers === 1 && PARTS.has('catalogue')) {
        console.error(`   catalogue (${label})`);
        const page = await (await fetch(`${server.base}/talleres/`)).text();
        await cannon(`${server.base}/talleres/`); // warm-up pass is discarded
        const catalogue = await cannon(`${server.base}/talleres/`);
        const barePort = await freePort();
        const bare = startProcess(
          process.execPath,
          ['scripts/bare-server.mjs', String(barePort), String(Buffer.byteLength(page))],
          {},
        );
        await waitForHealth(`http://127.0.0.1:${barePort}`, bare);
        await cannon(`http://127.0.0.1:${barePort}/`);
        const bareResult = await cannon(`http://127.0.0.1:${barePort}/`);
        await stopProcess(bare);
        result.catalogue = { ...catalogue, bare: bareResult.rps };
      }
      if (PARTS.has('old')) {
        for (const n of workers === 1 ? OLD_USERS : [Math.max(...OLD_USERS)]) {
          console.error(`   old scenario, ${n} users, ${workers} worker(s) (${label})`);
          result.old.push(await oldScenario(server, n, workers, usersFile, hashMs));
        }
      }
      if (PARTS.has('launch')) {
        console.error(`   launch, ${workers} worker(s) (${label})`);
        const cookies = users.slice(0, LAUNCH_USERS).map((u) => cookieOf.get(u.userId)!);
        result.launches.push(await launch(server, database, cookies, label, workers));
      }
      if (workers === 1 && PARTS.has('rush')) {
        console.error(`   checkout rush (${label})`);
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
        const csrf = await fetchCsrf(server.base);
        const rush = await fire(
          rushers.map((u) => post(`${server.base}/carrito/checkout/`, cookieOf.get(u.userId)!, csrf)),
        );
        const stock = await database.db
          .selectFrom('products')
          .select('stock')
          .where('id', '=', product.id)
          .executeTakeFirstOrThrow();
        result.rush = { ...rush, outcomes: outcomesText(rush.outcomes), stockLeft: stock.stock };
      }
    } finally {
      await stopProcess(server.child);
    }
  }
  result.check = await runCheck(env);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(usersDir, { recursive: true, force: true });
  return result;
}

const ms = (n: number) => n.toFixed(n < 10 ? 2 : 0);
const mb = (n: number) => `${n.toFixed(0)} MB`;

function render(results: DialectResult[], hashMs: number): string {
  const columns = results.map((r) => r.label);
  const row = (label: string, values: string[]) => `| ${label} | ${values.join(' | ')} |`;
  const header = [row('Measure', columns), `|---|${columns.map(() => '---').join('|')}|`];
  const lines: string[] = [];
  const maxOld = Math.max(...OLD_USERS);
  for (const n of OLD_USERS) {
    const at = (r: DialectResult) => r.old.find((o) => o.users === n && o.workers === 1);
    lines.push(
      row(
        `Old scenario, ${n} users: HTTP requests in ${OLD_SECONDS} s`,
        results.map((r) => String(at(r)?.requests ?? '—')),
      ),
    );
    lines.push(
      row(
        `… login POSTs`,
        results.map((r) => String(at(r)?.logins ?? '—')),
      ),
    );
    lines.push(
      row(
        `… failures`,
        results.map((r) => String(at(r)?.failures ?? '—')),
      ),
    );
    lines.push(
      row(
        `… server CPU per request`,
        results.map((r) => (at(r) ? `${ms(at(r)!.cpuPerRequest)} ms` : '—')),
      ),
    );
    lines.push(
      row(
        `… server CPU per request, password hash excluded`,
        results.map((r) => (at(r) ? `${ms(at(r)!.cpuPerRequestWithoutHash)} ms` : '—')),
      ),
    );
    lines.push(
      row(
        `… Locust's own CPU`,
        results.map((r) => (at(r) ? `${(at(r)!.locustCpuMs / 1000).toFixed(1)} s` : '—')),
      ),
    );
    lines.push(
      row(
        `… peak RSS per process`,
        results.map((r) => (at(r) ? mb(at(r)!.rssPerProcess) : '—')),
      ),
    );
  }
  for (const workers of WORKERS.filter((w) => w > 1)) {
    const at = (r: DialectResult) => r.old.find((o) => o.users === maxOld && o.workers === workers);
    lines.push(
      row(
        `Old scenario, ${maxOld} users, --workers ${workers}: server CPU per request`,
        results.map((r) => (at(r) ? `${ms(at(r)!.cpuPerRequest)} ms` : '—')),
      ),
    );
    lines.push(
      row(
        `… peak RSS per process`,
        results.map((r) => (at(r) ? mb(at(r)!.rssPerProcess) : '—')),
      ),
    );
  }
  for (const workers of WORKERS) {
    const at = (r: DialectResult) => r.launches.find((l) => l.workers === workers);
    const w = workers === 1 ? '' : `, --workers ${workers}`;
    lines.push(
      row(
        `Launch (${LAUNCH_USERS} → 50 seats${w}): settle`,
        results.map((r) => (at(r) ? `${(at(r)!.settle / 1000).toFixed(2)} s` : '—')),
      ),
    );
    lines.push(
      row(
        `… p50 / p99`,
        results.map((r) => (at(r) ? `${ms(at(r)!.p50)} / ${ms(at(r)!.p99)} ms` : '—')),
      ),
    );
    lines.push(
      row(
        `… outcomes`,
        results.map((r) => at(r)?.outcomes ?? '—'),
      ),
    );
    lines.push(
      row(
        `… enrollments created`,
        results.map((r) => String(at(r)?.enrolled ?? '—')),
      ),
    );
    lines.push(
      row(
        `… server CPU per attempt`,
        results.map((r) => (at(r) ? `${ms(at(r)!.serverCpuMs / LAUNCH_USERS)} ms` : '—')),
      ),
    );
    lines.push(
      row(
        `… load generator's CPU`,
        results.map((r) => (at(r) ? `${(at(r)!.generatorCpuMs / 1000).toFixed(1)} s` : '—')),
      ),
    );
    lines.push(
      row(
        `… peak RSS per process`,
        results.map((r) => (at(r) ? mb(at(r)!.rssPerProcess) : '—')),
      ),
    );
  }
  if (results.some((r) => r.catalogue)) {
    lines.push(
      row(
        'Catalogue req/s',
        results.map((r) => (r.catalogue ? r.catalogue.rps.toFixed(0) : '—')),
      ),
    );
    lines.push(
      row(
        '… p50 / p99',
        results.map((r) => (r.catalogue ? `${r.catalogue.p50} / ${r.catalogue.p99} ms` : '—')),
      ),
    );
    lines.push(
      row(
        '… bare route req/s',
        results.map((r) => (r.catalogue ? r.catalogue.bare.toFixed(0) : '—')),
      ),
    );
    lines.push(
      row(
        '… catalogue ÷ bare',
        results.map((r) =>
          r.catalogue ? `${((r.catalogue.rps / r.catalogue.bare) * 100).toFixed(0)} %` : '—',
        ),
      ),
    );
    lines.push(
      row(
        '… errors',
        results.map((r) => (r.catalogue ? String(r.catalogue.errors) : '—')),
      ),
    );
  }
  if (results.some((r) => r.rush)) {
    lines.push(
      row(
        `Checkout rush (${RUSH_USERS} → 100 units): settle`,
        results.map((r) => (r.rush ? `${(r.rush.settle / 1000).toFixed(2)} s` : '—')),
      ),
    );
    lines.push(
      row(
        '… p50 / p99',
        results.map((r) => (r.rush ? `${ms(r.rush.p50)} / ${ms(r.rush.p99)} ms` : '—')),
      ),
    );
    lines.push(
      row(
        '… outcomes',
        results.map((r) => r.rush?.outcomes ?? '—'),
      ),
    );
    lines.push(
      row(
        '… stock left',
        results.map((r) => String(r.rush?.stockLeft ?? '—')),
      ),
    );
  }
  lines.push(
    row(
      '`tmm check` after the runs',
      results.map((r) => r.check),
    ),
  );

  const endpointTables = results
    .map((r) => {
      const old = r.old.find((o) => o.users === maxOld && o.workers === 1);
      if (!old) return '';
      const rows = old.endpoints.map(
        (e) => `| ${e.name} | ${e.requests} | ${e.failures} | ${e.p50} | ${e.p95} | ${e.p99} |`,
      );
      return `### ${r.label}, ${maxOld} users, one process\n\n| Request | Count | Failures | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`;
    })
    .join('\n');

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `# Benchmarks

Measured by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 10)}; what the figures mean and
what was changed to reach them is in [performance.md](performance.md).

- Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}.
- The server runs as production does (\`node dist/cli.js serve [--workers N]\`, NODE_ENV=production, background jobs
  in-process) on the demo data; the load generators (Locust, autocannon, concurrent fetch) run on the same machine,
  so both share the two cores.
- **Old scenario**: \`OldScenarioUser\` in locustfile.py, the old system's own load script request for request
  (browse ×1: /, /productos/, /talleres/; enroll ×2: /talleres/, GET and POST /login/ again, the workshop page, its
  enrollment POST; 1–2.5 s think time), each redirect followed as its own request, ${OLD_SECONDS} s after all users
  started. **Server CPU per request** = user + system CPU time of every server process (from /proc, before and
  after the run) ÷ HTTP requests Locust sent. **Password hash excluded** subtracts, for each login POST, the CPU of
  one Argon2id verification measured in the benchmark process (${ms(hashMs)} ms with m=${ARGON2_PARAMS.memoryCost} KiB,
  t=${ARGON2_PARAMS.timeCost}, p=${ARGON2_PARAMS.parallelism}): it is what every other request costs.
- **Launch**: ${LAUNCH_USERS} distinct logged-in customers (sessions made directly in the database) POST the enrollment
  form of one 50-seat workshop at the same moment; "ok" = 303 to /pago/, "refused" = 303 back to the workshop.
  Server CPU per attempt = the server tree's CPU during the launch ÷ ${LAUNCH_USERS}.
- **Catalogue**: anonymous GET /talleres/ for ${SECONDS} s with 50 connections after a discarded warm-up pass,
  against a Fastify handler returning a static string of the same byte size (scripts/bare-server.mjs).
- **Rush**: ${RUSH_USERS} customers with one unit of the same kit in their cart POST /carrito/checkout/ at once; 100 units.
- Peak RSS is sampled from /proc every 100 ms for every server process; "per process" is the largest one.

${[...header, ...lines].join('\n')}

## Old scenario per request

${endpointTables}`;
}

async function main() {
  // Measure what production runs: the bundled dist/cli.js (npm run build), not the tsx loader.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const hashMs = await hashCpuMs();
  const results: DialectResult[] = [];
  if (DIALECTS.includes('sqlite')) {
    const sqliteDir = mkdtempSync(path.join(os.tmpdir(), 'tmm-bench-sqlite-'));
    const sqliteFile = path.join(sqliteDir, 'bench.sqlite');
    const sqlite = createDatabase({ dialect: 'sqlite', file: sqliteFile });
    try {
      console.error('== SQLite');
      results.push(await benchDialect('SQLite', `sqlite:${sqliteFile}`, sqlite, hashMs));
    } finally {
      await sqlite.close();
      rmSync(sqliteDir, { recursive: true, force: true });
    }
  }
  if (DIALECTS.includes('postgres')) {
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
      results.push(await benchDialect('PostgreSQL', url.toString(), postgres, hashMs));
    } finally {
      await postgres.close();
      await server?.stop();
    }
  }
  const doc = render(results, hashMs);
  writeFileSync(path.resolve(ROOT, 'docs', process.env.BENCH_OUTPUT ?? 'benchmarks.md'), doc);
  console.log(doc);
}

await main();
