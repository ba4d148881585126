import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { createTestUsers, writeUsersCsv } from '../../src/domain/users/test-users.service';
import { seedDemo } from '../../src/seed/demo';
import { type BuiltServer, startBuiltServer } from '../support/built-server';
import { createTestDb, type TestDb } from '../support/db';

/**
 * A short headless Locust run of the project's own locustfile against the production bundle
 * (`node cli.js serve`, NODE_ENV=production, plain http — as the Compose file's Locust service
 * reaches it) on this project's database. It judges correctness, not throughput: it fails on any
 * failed request (Locust exits 1) or any inconsistency found afterwards, never on speed.
 */
const LOCUST = process.env.LOCUST_PATH ?? '/usr/bin/locust';

function runLocust(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  if (!existsSync(LOCUST)) {
    throw new Error(
      `No se encontró Locust en ${LOCUST}. Instálalo con "apt-get install -y python3-locust" o indica LOCUST_PATH.`,
    );
  }
  return new Promise((resolve) => {
    const child = spawn(LOCUST, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

function failures(csvPrefix: string): { name: string; requests: number; failures: number }[] {
  const lines = readFileSync(`${csvPrefix}_stats.csv`, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const cells = line.split(',');
    return { name: cells[1] ?? '', requests: Number(cells[2]), failures: Number(cells[3]) };
  });
}

describe('Locust against the running app', () => {
  let database: TestDb;
  let server: BuiltServer;
  let baseUrl: string;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDb();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tmm-locust-'));
    // The covers go where the server below serves its media from.
    await seedDemo(database.db, { now: new Date(), dataDir: dir });
    const users = { count: 60, prefix: 'locust', password: 'locustpass' };
    await createTestUsers(database.db, users, { now: new Date() });
    writeUsersCsv(dir, users);
    const databaseUrl =
      database.config.dialect === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url;
    server = await startBuiltServer({
      NODE_ENV: 'production',
      SESSION_SECRET: 'secreto-de-la-prueba-de-carga-0123456789abcdef',
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      IN_PROCESS_WORKER: 'false',
    });
    baseUrl = server.url;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the everyday mix with no failed request and stays consistent', async () => {
    const csv = path.join(dir, 'mix');
    const run = await runLocust(
      [
        '-f',
        'locustfile.py',
        '--headless',
        '-u',
        '40',
        '-r',
        '20',
        '-t',
        '25s',
        '--host',
        baseUrl,
        '--csv',
        csv,
        '--only-summary',
        'TmmUser',
      ],
      { LOCUST_USERS_FILE: path.join(dir, 'locust_users.csv') },
    );
    const stats = failures(csv);
    const failed = stats.filter((s) => s.failures > 0 && s.name !== 'Aggregated');
    expect(failed, run.output.slice(-3000)).toEqual([]);
    expect(run.code, run.output.slice(-3000)).toBe(0);
    // Correctness only (throughput is measured by the benchmarks): the mix ran its flows, none failed.
    expect(stats.some((s) => s.name === 'enroll POST' && s.requests > 0)).toBe(true);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  }, 120_000);

  it("runs the old system's own scenario (a login on every enrollment) with no failed request", async () => {
    const csv = path.join(dir, 'old');
    const run = await runLocust(
      [
        '-f',
        'locustfile.py',
        '--headless',
        '-u',
        '30',
        '-r',
        '30',
        '-t',
        '15s',
        '--host',
        baseUrl,
        '--csv',
        csv,
        '--only-summary',
        'OldScenarioUser',
      ],
      { LOCUST_USERS_FILE: path.join(dir, 'locust_users.csv') },
    );
    const stats = failures(csv);
    const failed = stats.filter((s) => s.failures > 0 && s.name !== 'Aggregated');
    expect(failed, run.output.slice(-3000)).toEqual([]);
    expect(run.code, run.output.slice(-3000)).toBe(0);
    // It ran what the benchmark measures: logins inside enrollments, and enrollments.
    expect(stats.some((s) => s.name === 'login POST (inline)' && s.requests > 0)).toBe(true);
    expect(stats.some((s) => s.name === '4. enroll POST' && s.requests > 0)).toBe(true);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  }, 120_000);

  it('holds a launch: everyone goes for one 20-seat workshop, exactly 20 enroll', async () => {
    const workshop = await database.db
      .insertInto('workshops')
      .values({
        name: 'Lanzamiento Locust',
        description: 'Taller de lanzamiento.',
        startsAt: new Date(Date.now() + 20 * 24 * 3600_000).toISOString(),
        durationMinutes: 120,
        priceClp: 45000,
        totalSeats: 20,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const csv = path.join(dir, 'launch');
    const run = await runLocust(
      [
        '-f',
        'locustfile.py',
        '--headless',
        '-u',
        '60',
        '-r',
        '60',
        '-t',
        '15s',
        '--host',
        baseUrl,
        '--csv',
        csv,
        '--only-summary',
        'LaunchUser',
      ],
      { LOCUST_USERS_FILE: path.join(dir, 'locust_users.csv'), LOCUST_LAUNCH_WORKSHOP: String(workshop.id) },
    );
    expect(run.code, run.output.slice(-3000)).toBe(0);
    const stats = failures(csv);
    // More attempts than seats, however slow the machine: otherwise "exactly 20" would prove nothing.
    expect(stats.find((s) => s.name === 'enroll POST')?.requests).toBeGreaterThan(20);
    const enrolled = await database.db
      .selectFrom('enrollments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workshopId', '=', workshop.id)
      .where('status', '<>', 'ANULADO')
      .executeTakeFirstOrThrow();
    expect(enrolled.n).toBe(20);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  }, 120_000);
});
