import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { createDatabase } from '../../src/db/database';
import { lockingControl } from '../../src/db/locks';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { testConfig } from '../support/app';
import { createTestDb, type TestDb } from '../support/db';
import { createWorkshop, unique } from '../support/factories';
import { createSessionCookies, fetchCsrf } from '../support/sessions';

/**
 * Parties compete for the last seats: 150 logged-in customers each book 2 or 3 seats of a workshop
 * with 11 left, at the same instant, over real HTTP against an app instance and a second real
 * process sharing the database. All of a booking's seats are taken by the one guarded UPDATE, so
 * the workshop is never oversold, every booking holds all its seats or none, and `tmm check` finds
 * nothing. The control run (read-then-write) must oversell on PostgreSQL.
 */

const REQUESTS = 150;
const SEATS = 11;
const SECRET = 'race-test-session-secret-0123456789abcdef';

type Server = { url: string; close: () => Promise<void> };

async function appInstance(database: TestDb): Promise<Server> {
  const own = createDatabase(database.config, { poolSize: 20 });
  const app: FastifyInstance = await buildApp({
    database: own,
    config: testConfig(database, { SESSION_SECRET: SECRET }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await own.close();
    },
  };
}

/** A real second OS process running the app (server-process.ts), sharing the database. */
async function processInstance(database: TestDb): Promise<Server> {
  const databaseUrl =
    database.config.dialect === 'sqlite' ? `sqlite:${database.config.file}` : database.config.url;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'server-process.ts')],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        SESSION_SECRET: SECRET,
        LOG_LEVEL: 'silent',
        IN_PROCESS_WORKER: 'false',
        SEED_DEMO: 'false',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the second process did not start in 30 s')), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`the second process exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function loggedInCustomers(database: TestDb, count: number): Promise<string[]> {
  const { db } = database;
  const tag = unique('party');
  const users = await db
    .insertInto('users')
    .values(
      Array.from({ length: count }, (_, i) => ({
        email: `${tag}-${i}@example.cl`,
        name: `Cliente ${i}`,
        passwordHash: 'not-a-login-account',
        role: 'customer' as const,
        emailVerifiedAt: new Date().toISOString(),
      })),
    )
    .returning(['id', 'email'])
    .execute();
  await db
    .insertInto('customers')
    .values(
      users.map((u, i) => ({ fullName: `Cliente ${i}`, email: u.email, userId: u.id, searchText: u.email })),
    )
    .execute();
  const cookies = await createSessionCookies(
    db,
    SECRET,
    users.map((u) => u.id),
  );
  return users.map((u) => cookies.get(u.id)!);
}

describe('parties racing for the last seats over real HTTP', () => {
  let database: TestDb;
  const servers: Server[] = [];

  beforeAll(async () => {
    database = await createTestDb();
  });
  afterEach(async () => {
    lockingControl.unsafeReadThenWrite = false;
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(async () => database.drop());

  async function race(instances: Server[]) {
    servers.push(...instances);
    const workshop = await createWorkshop(database.db, {
      totalSeats: SEATS,
      name: unique('Grupo '),
      startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
    });
    const sessions = await loggedInCustomers(database, REQUESTS);
    const csrf = await fetchCsrf(instances[0]!.url);
    const started = performance.now();
    const outcomes = await Promise.all(
      sessions.map(async (session, i) => {
        const body = new URLSearchParams({ _csrf: csrf.token, cupos: String(2 + (i % 2)) }).toString();
        const response = await fetch(`${instances[i % instances.length]!.url}/talleres/${workshop.id}/`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `${session}; ${csrf.cookie}`,
          },
          body,
        });
        await response.arrayBuffer();
        return { status: response.status, location: response.headers.get('location') ?? '' };
      }),
    );
    const ms = Math.round(performance.now() - started);
    const active = await database.db
      .selectFrom('enrollments')
      .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(seats), 0)`.as('seats')])
      .where('workshopId', '=', workshop.id)
      .where('status', '<>', 'ANULADO')
      .executeTakeFirstOrThrow();
    const { seatsTaken } = await database.db
      .selectFrom('workshops')
      .select('seatsTaken')
      .where('id', '=', workshop.id)
      .executeTakeFirstOrThrow();
    const companions = await database.db
      .selectFrom('enrollmentCompanions')
      .innerJoin('enrollments', 'enrollments.id', 'enrollmentCompanions.enrollmentId')
      .select(sql<number>`count(*)`.as('n'))
      .where('enrollments.workshopId', '=', workshop.id)
      .executeTakeFirstOrThrow();
    const check = await runConsistencyChecks(database.db);
    const result = {
      booked: outcomes.filter((o) => o.status === 303 && o.location.startsWith('/pago/')).length,
      serverErrors: outcomes.filter((o) => o.status >= 500).length,
      enrollments: Number(active.n),
      seats: Number(active.seats),
      seatsTaken,
      companions: Number(companions.n),
      problems: check.problems,
    };
    console.info(
      `[companions race ${database.dialect}, ${instances.length} instance(s)] ${REQUESTS} requests in ${ms} ms:`,
      JSON.stringify({ ...result, problems: result.problems.length }),
    );
    return result;
  }

  it(`never sells more than ${SEATS} seats to 2- and 3-seat bookings, each all or nothing`, async () => {
    const r = await race([await appInstance(database), await processInstance(database)]);
    expect(r.serverErrors).toBe(0);
    expect(r.booked).toBe(r.enrollments);
    expect(r.seatsTaken).toBe(r.seats);
    expect(r.seats).toBeLessThanOrEqual(SEATS);
    // Seats only fill up here, so a 2-seat booking was refused only once fewer than 2 were left.
    expect(r.seats).toBeGreaterThanOrEqual(SEATS - 1);
    expect(r.companions).toBe(r.seats - r.enrollments);
    expect(r.problems).toEqual([]);
  });

  it('oversells on PostgreSQL with read-then-write instead of the guarded update (control run)', async () => {
    lockingControl.unsafeReadThenWrite = true;
    const r = await race([await appInstance(database)]);
    expect(r.serverErrors).toBe(0);
    if (database.dialect === 'postgres') {
      expect(r.seats).toBeGreaterThan(SEATS);
      expect(r.problems.length).toBeGreaterThan(0);
    } else {
      // One SQLite connection runs one transaction at a time: even the unsafe version cannot oversell.
      expect(r.seats).toBeLessThanOrEqual(SEATS);
    }
  });
});
