import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockingControl } from '../../src/db/locks';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { createTestDb, type TestDb } from '../support/db';
import { createWorkshop, unique } from '../support/factories';
import { fetchCsrf } from '../support/sessions';
import { appInstance, crowdOfCustomers, processInstance, type RaceServer } from './race-servers';

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

async function loggedInCustomers(database: TestDb, count: number): Promise<string[]> {
  const { customers } = await crowdOfCustomers(database, SECRET, count, { tag: 'party' });
  return customers.map((c) => c.cookie);
}

describe('parties racing for the last seats over real HTTP', () => {
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
    const r = await race([await appInstance(database, SECRET), await processInstance(database, SECRET)]);
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
    const r = await race([await appInstance(database, SECRET)]);
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
