import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockingControl } from '../../src/db/locks';
import { inTransaction } from '../../src/db/transaction';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { createSeries, listSeriesSessions } from '../../src/domain/series';
import { santiagoDate } from '../../src/lib/dates';
import { createTestDb, type TestDb } from '../support/db';
import { unique } from '../support/factories';
import { fetchCsrf } from '../support/sessions';
import { appInstance, crowdOfCustomers, type RaceServer } from './race-servers';

/**
 * 100 logged-in customers press "Reservar la serie completa" on the same 8-session series at the
 * same instant, over real HTTP against two listening app instances with their own pools. The fullest
 * session has 10 seats left: exactly 10 customers get the whole series, nobody gets part of it, no
 * session is oversold, no request is a 5xx, `tmm check` finds nothing. Seats are taken in ascending
 * workshop id, so on PostgreSQL two bookings wait on each other instead of deadlocking (a deadlock
 * would surface as a 5xx or a 503 here). The control run takes seats by read-then-write and must
 * leave PostgreSQL's seat counters wrong.
 */

const REQUESTS = 100;
const SESSIONS = 8;
const SEATS = 30;
const LEFT_IN_FULLEST = 10;
const SECRET = 'race-test-session-secret-0123456789abcdef';

async function loggedInCustomers(database: TestDb, count: number) {
  const { tag, customers } = await crowdOfCustomers(database, SECRET, count, { tag: 'serie' });
  return { tag, sessions: customers.map((c) => c.cookie) };
}

/** A series of 8 daily sessions starting tomorrow (the servers run on the real clock). */
async function seriesWithFullestSession(database: TestDb) {
  const now = new Date();
  const tomorrow = santiagoDate(new Date(now.getTime() + 24 * 3600_000));
  const id = await inTransaction(database, (trx) =>
    createSeries(
      trx,
      {
        name: unique('Serie de lanzamiento '),
        description: 'Ocho sesiones seguidas.',
        categoryId: null,
        priceClp: 10000,
        totalSeats: SEATS,
        durationMinutes: 60,
        location: null,
        facilitatorName: null,
        locationId: null,
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        startTime: '19:00',
        startsOn: tomorrow,
        endsOn: null,
        sessionCount: SESSIONS,
      },
      { now, actor: null, publicUrl: 'http://localhost' },
    ),
  );
  const sessions = await listSeriesSessions(database.db, id);
  // Earlier bookings of single sessions (real enrollments, so `tmm check` agrees): the sixth
  // session has 10 seats left, the others more.
  const tag = unique('antes');
  const earlier = await database.db
    .insertInto('customers')
    .values(
      Array.from({ length: SEATS - LEFT_IN_FULLEST }, (_, i) => ({
        fullName: `Antes ${i}`,
        email: `${tag}-${i}@example.cl`,
        searchText: tag,
      })),
    )
    .returning('id')
    .execute();
  for (const [i, s] of sessions.entries()) {
    const taken = i === 5 ? SEATS - LEFT_IN_FULLEST : i;
    if (taken === 0) continue;
    await database.db
      .insertInto('enrollments')
      .values(
        earlier
          .slice(0, taken)
          .map((c) => ({ customerId: c.id, workshopId: s.workshopId, amountDueClp: 10000 })),
      )
      .execute();
    await database.db
      .updateTable('workshops')
      .set({ seatsTaken: taken })
      .where('id', '=', s.workshopId)
      .execute();
  }
  return { id, workshopIds: sessions.map((s) => s.workshopId) };
}

async function launch(servers: RaceServer[], seriesId: number, sessions: string[]) {
  const csrf = await fetchCsrf(servers[0]!.url);
  const body = new URLSearchParams({ _csrf: csrf.token }).toString();
  const started = performance.now();
  const outcomes = await Promise.all(
    sessions.map(async (session, i) => {
      const response = await fetch(`${servers[i % servers.length]!.url}/series/${seriesId}/`, {
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

/** Active enrollments per customer in the series' sessions, and each session's seats. */
async function state(database: TestDb, workshopIds: number[], tag: string) {
  const perCustomer = await database.db
    .selectFrom('enrollments')
    .select(['enrollments.customerId', sql<number>`count(*)`.as('n')])
    .innerJoin('customers', 'customers.id', 'enrollments.customerId')
    .where('customers.email', 'like', `${tag}-%`)
    .where('workshopId', 'in', workshopIds)
    .where('status', '<>', 'ANULADO')
    .groupBy('enrollments.customerId')
    .execute();
  const workshops = await database.db
    .selectFrom('workshops')
    .select(['id', 'seatsTaken', 'totalSeats'])
    .where('id', 'in', workshopIds)
    .orderBy('id')
    .execute();
  const bookings = await database.db
    .selectFrom('seriesBookings')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { perCustomer: perCustomer.map((r) => Number(r.n)), workshops, bookings: Number(bookings.n) };
}

describe('booking a whole series: the race over real HTTP', () => {
  let database: TestDb;
  const servers: RaceServer[] = [];
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterEach(async () => {
    lockingControl.unsafeReadThenWrite = false;
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await database.db.deleteFrom('seriesBookings').execute();
  });
  afterAll(async () => database.drop());

  async function race() {
    servers.push(await appInstance(database, SECRET), await appInstance(database, SECRET));
    const series = await seriesWithFullestSession(database);
    const { tag, sessions } = await loggedInCustomers(database, REQUESTS);
    const { outcomes, ms } = await launch(servers, series.id, sessions);
    const booked = outcomes.filter(
      (o) => o.status === 303 && o.location.startsWith('/series/reservas/'),
    ).length;
    const refused = outcomes.filter((o) => o.status === 303 && o.location === `/series/${series.id}/`).length;
    const serverErrors = outcomes.filter((o) => o.status >= 500).length;
    const after = await state(database, series.workshopIds, tag);
    const check = await runConsistencyChecks(database.db);
    console.info(
      `[series race ${database.dialect}] ${REQUESTS} requests in ${ms} ms:`,
      JSON.stringify({
        booked,
        refused,
        serverErrors,
        bookings: after.bookings,
        checkProblems: check.problems.length,
      }),
    );
    return { booked, refused, serverErrors, after, check, outcomes };
  }

  it(`books the whole series for exactly ${LEFT_IN_FULLEST} of ${REQUESTS} customers, never a part of it, never oversold`, async () => {
    const { booked, refused, serverErrors, after, check } = await race();
    expect(serverErrors).toBe(0);
    expect(booked).toBe(LEFT_IN_FULLEST);
    expect(refused).toBe(REQUESTS - LEFT_IN_FULLEST);
    expect(after.bookings).toBe(LEFT_IN_FULLEST);
    // Every customer holds all eight sessions or none.
    expect(after.perCustomer).toEqual(Array(LEFT_IN_FULLEST).fill(SESSIONS));
    for (const [i, w] of after.workshops.entries()) {
      expect(w.seatsTaken).toBeLessThanOrEqual(w.totalSeats);
      expect(w.seatsTaken).toBe((i === 5 ? SEATS - LEFT_IN_FULLEST : i) + LEFT_IN_FULLEST);
    }
    expect(check.problems).toEqual([]);
  });

  it('loses seat counts on PostgreSQL with read-then-write instead of the guarded update (control run)', async () => {
    lockingControl.unsafeReadThenWrite = true;
    const { serverErrors, check } = await race();
    expect(serverErrors).toBe(0);
    // Concurrent read-then-write loses updates: a session's seat counter ends below its enrollments
    // (oversold), which `tmm check` reports. One SQLite connection runs one transaction at a time,
    // so even the unsafe version is right there: the reason this race also runs on PostgreSQL.
    if (database.dialect === 'postgres') expect(check.problems.length).toBeGreaterThan(0);
    else expect(check.problems).toEqual([]);
  });
});
