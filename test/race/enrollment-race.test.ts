import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockingControl } from '../../src/db/locks';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { createTestDb, type TestDb } from '../support/db';
import { createWorkshop, unique } from '../support/factories';
import { fetchCsrf } from '../support/sessions';
import { appInstance, crowdOfCustomers, processInstance, type RaceServer } from './race-servers';

/**
 * A launch: hundreds of distinct logged-in customers press "Inscribirme" at the same instant, over
 * real HTTP against listening servers (not inject), with one app instance or several sharing the
 * database. Exactly the seats available are sold, no request fails with a 5xx, and `tmm check`
 * finds nothing. The control run switches the guarded UPDATE to read-then-write and must oversell
 * on PostgreSQL, which proves the test can fail.
 */

const REQUESTS = 500;
const SEATS = 20;
const SECRET = 'race-test-session-secret-0123456789abcdef';

/** `count` customer accounts with sessions, inserted directly (no password hash, no login requests). */
async function loggedInCustomers(
  database: TestDb,
  count: number,
): Promise<{ tag: string; sessions: string[] }> {
  const { tag, customers } = await crowdOfCustomers(database, SECRET, count, { tag: 'race' });
  return { tag, sessions: customers.map((c) => c.cookie) };
}

/** What the refused customers were told: the flash messages waiting in their sessions. */
async function refusalMessages(database: TestDb, tag: string) {
  const rows = await database.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select('sessions.data')
    .where('users.email', 'like', `${tag}-%`)
    .execute();
  return {
    full: rows.filter((r) => r.data.includes('No quedan cupos')).length,
    busy: rows.filter((r) => r.data.includes('intenta de nuevo')).length,
  };
}

type Outcome = { status: number; location: string };

/** Fires every request at once (spread over the servers) and waits for all of them. */
async function launch(servers: RaceServer[], workshopId: number, sessions: string[]) {
  const csrf = await fetchCsrf(servers[0]!.url);
  const body = new URLSearchParams({ _csrf: csrf.token }).toString();
  const started = performance.now();
  const outcomes = await Promise.all(
    sessions.map(async (session, i): Promise<Outcome> => {
      const response = await fetch(`${servers[i % servers.length]!.url}/talleres/${workshopId}/`, {
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
  return { outcomes, ms: Math.round(performance.now() - started) };
}

async function summary(database: TestDb, workshopId: number) {
  const { db } = database;
  const enrollments = await db
    .selectFrom('enrollments')
    .select(sql<number>`count(*)`.as('n'))
    .where('workshopId', '=', workshopId)
    .where('status', '<>', 'ANULADO')
    .executeTakeFirstOrThrow();
  const workshop = await db
    .selectFrom('workshops')
    .select(['seatsTaken'])
    .where('id', '=', workshopId)
    .executeTakeFirstOrThrow();
  return { enrollments: enrollments.n, seatsTaken: workshop.seatsTaken };
}

function tally(outcomes: Outcome[]) {
  return {
    enrolled: outcomes.filter((o) => o.status === 303 && o.location.startsWith('/pago/')).length,
    refused: outcomes.filter((o) => o.status === 303 && o.location.startsWith('/talleres/')).length,
    serverErrors: outcomes.filter((o) => o.status >= 500).length,
    other: outcomes.filter((o) => o.status !== 303 && o.status < 500).length,
  };
}

describe('enrollment race over real HTTP', () => {
  let database: TestDb;
  const servers: RaceServer[] = [];

  beforeAll(async () => {
    database = await createTestDb();
  });
  afterEach(async () => {
    lockingControl.unsafeReadThenWrite = false;
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(async () => database.drop());

  async function race(instances: RaceServer[]) {
    servers.push(...instances);
    const workshop = await createWorkshop(database.db, {
      totalSeats: SEATS,
      name: unique('Lanzamiento '),
      // The servers run on the real clock.
      startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
    });
    const { tag, sessions } = await loggedInCustomers(database, REQUESTS);
    const { outcomes, ms } = await launch(instances, workshop.id, sessions);
    const counts = { ...tally(outcomes), ...(await refusalMessages(database, tag)) };
    const state = await summary(database, workshop.id);
    const check = await runConsistencyChecks(database.db);
    console.info(
      `[race ${database.dialect}, ${instances.length} instance(s)] ${REQUESTS} requests in ${ms} ms:`,
      JSON.stringify({ ...counts, ...state, checkProblems: check.problems.length }),
    );
    return { counts, state, check };
  }

  it(`sells exactly ${SEATS} seats to ${REQUESTS} simultaneous customers on one app instance`, async () => {
    const { counts, state, check } = await race([await appInstance(database, SECRET)]);
    expect(counts.serverErrors).toBe(0);
    expect(counts.other).toBe(0);
    expect(counts.enrolled).toBe(SEATS);
    expect(counts.refused).toBe(REQUESTS - SEATS);
    // Every refused customer was told why: sold out, or (rarely) "intenta de nuevo".
    expect(counts.full + counts.busy).toBe(REQUESTS - SEATS);
    expect(state).toEqual({ enrollments: SEATS, seatsTaken: SEATS });
    expect(check.problems).toEqual([]);
  });

  it(`sells exactly ${SEATS} seats with two app instances sharing the database`, async () => {
    const { counts, state, check } = await race([
      await appInstance(database, SECRET),
      await appInstance(database, SECRET),
    ]);
    expect(counts.serverErrors).toBe(0);
    expect(counts.other).toBe(0);
    expect(counts.enrolled).toBe(SEATS);
    expect(state).toEqual({ enrollments: SEATS, seatsTaken: SEATS });
    expect(check.problems).toEqual([]);
  });

  it(`sells exactly ${SEATS} seats with a second real process sharing the database`, async () => {
    const { counts, state, check } = await race([
      await appInstance(database, SECRET),
      await processInstance(database, SECRET),
    ]);
    expect(counts.serverErrors).toBe(0);
    expect(counts.other).toBe(0);
    expect(counts.enrolled).toBe(SEATS);
    expect(state).toEqual({ enrollments: SEATS, seatsTaken: SEATS });
    expect(check.problems).toEqual([]);
  });

  it('oversells on PostgreSQL with read-then-write instead of the guarded update (control run)', async () => {
    lockingControl.unsafeReadThenWrite = true;
    const { counts, state, check } = await race([await appInstance(database, SECRET)]);
    expect(counts.serverErrors).toBe(0);
    if (database.dialect === 'postgres') {
      expect(state.enrollments).toBeGreaterThan(SEATS);
      expect(check.problems.length).toBeGreaterThan(0);
    } else {
      // One SQLite connection runs one transaction at a time, so even the unsafe version cannot
      // oversell here: the reason this race must also run on PostgreSQL.
      expect(state).toEqual({ enrollments: SEATS, seatsTaken: SEATS });
    }
  });
});
