import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockingControl } from '../../src/db/locks';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { createTestDb, type TestDb } from '../support/db';
import { createCompany, createPackProduct, createWorkshop, unique } from '../support/factories';
import { fetchCsrf } from '../support/sessions';
import { appInstance, crowdOfCustomers, type RaceServer } from './race-servers';

/**
 * Spending credits under a crowd, over real HTTP against a listening server: 200 customers each
 * holding one pack credit press "Inscribirme con 1 crédito" for 20 seats, and 100 employees of one
 * company race for the last 10 seats of its bundle (in a workshop with room for all of them). The
 * credits spent equal the places taken, no balance goes below zero, `tmm check` finds nothing. The
 * control run reads the balance without the pack row lock and must overspend the bundle on
 * PostgreSQL, which proves the test can fail. The same for one customer paying many unpaid
 * enrollments at once with the few credits of one pack.
 */

const SECRET = 'packs-race-session-secret-0123456789abcdef';
const DAY = 24 * 3600_000;

/** `count` customer accounts with sessions, inserted directly; of a company when given. */
async function loggedInCustomers(database: TestDb, count: number, companyId: number | null = null) {
  const { customers } = await crowdOfCustomers(database, SECRET, count, { tag: 'packrace', companyId });
  return { customerIds: customers.map((c) => c.customerId), sessions: customers.map((c) => c.cookie) };
}

/** Packs issued directly (one per owner) with their purchase entry, valid 60 days. */
async function issuePacks(
  database: TestDb,
  owners: ({ customerId: number } | { companyId: number })[],
  credits: number,
  packProductId: number | null,
) {
  const now = new Date();
  const packs = await database.db
    .insertInto('packs')
    .values(
      owners.map((owner) => ({
        customerId: 'customerId' in owner ? owner.customerId : null,
        companyId: 'companyId' in owner ? owner.companyId : null,
        packProductId,
        name: 'customerId' in owner ? 'Bono de carrera' : 'Convenio de carrera',
        credits,
        priceClp: credits * 20000,
        isOnlineIncluded: true,
        purchasedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 60 * DAY).toISOString(),
        lastEntryAt: now.toISOString(),
      })),
    )
    .returning('id')
    .execute();
  await database.db
    .insertInto('packCreditEntries')
    .values(
      packs.map((p) => ({ packId: p.id, kind: 'purchase' as const, credits, createdAt: now.toISOString() })),
    )
    .execute();
  return packs.map((p) => p.id);
}

async function launch(server: RaceServer, workshopId: number, sessions: string[], pago: 'bono' | 'empresa') {
  const csrf = await fetchCsrf(server.url);
  const body = new URLSearchParams({ _csrf: csrf.token, pago }).toString();
  const started = performance.now();
  const outcomes = await Promise.all(
    sessions.map(async (session) => {
      const response = await fetch(`${server.url}/talleres/${workshopId}/`, {
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
  return {
    ms: Math.round(performance.now() - started),
    enrolled: outcomes.filter((o) => o.status === 303 && o.location.startsWith('/pago/')).length,
    refused: outcomes.filter((o) => o.status === 303 && o.location.startsWith('/talleres/')).length,
    serverErrors: outcomes.filter((o) => o.status >= 500).length,
  };
}

async function balances(database: TestDb, packIds: number[]) {
  const rows = await database.db
    .selectFrom('packCreditEntries')
    .select(['packId', sql<number>`sum(credits)`.as('balance')])
    .where('packId', 'in', packIds)
    .groupBy('packId')
    .execute();
  return rows.map((r) => Number(r.balance));
}

async function activeEnrollments(database: TestDb, workshopId: number) {
  const row = await database.db
    .selectFrom('enrollments')
    .select(sql<number>`count(*)`.as('n'))
    .where('workshopId', '=', workshopId)
    .where('status', '<>', 'ANULADO')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('spending pack credits and company seats under a crowd, over real HTTP', () => {
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

  const futureWorkshop = (totalSeats: number) =>
    createWorkshop(database.db, {
      totalSeats,
      name: unique('Carrera '),
      startsAt: new Date(Date.now() + 30 * DAY).toISOString(),
    });

  it('200 customers with one credit each race for 20 seats: 20 credits spent, 180 kept', async () => {
    const product = await createPackProduct(database.db, { credits: 1 });
    const { customerIds, sessions } = await loggedInCustomers(database, 200);
    const packIds = await issuePacks(
      database,
      customerIds.map((customerId) => ({ customerId })),
      1,
      product.packProductId,
    );
    const workshop = await futureWorkshop(20);
    const server = await appInstance(database, SECRET);
    servers.push(server);
    const result = await launch(server, workshop.id, sessions, 'bono');
    const after = await balances(database, packIds);
    console.info(
      `[packs race ${database.dialect}] 200 credits for 20 seats in ${result.ms} ms`,
      JSON.stringify(result),
    );
    expect(result.serverErrors).toBe(0);
    expect(result.enrolled).toBe(20);
    expect(result.refused).toBe(180);
    expect(after.filter((b) => b === 0)).toHaveLength(20);
    expect(after.filter((b) => b === 1)).toHaveLength(180);
    expect(await activeEnrollments(database, workshop.id)).toBe(20);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  });

  async function bundleRace() {
    const company = await createCompany(database.db);
    const { sessions } = await loggedInCustomers(database, 100, company.id);
    const [bundleId] = await issuePacks(database, [{ companyId: company.id }], 10, null);
    const workshop = await futureWorkshop(150);
    const server = await appInstance(database, SECRET);
    servers.push(server);
    const result = await launch(server, workshop.id, sessions, 'empresa');
    const [balance] = await balances(database, [bundleId!]);
    console.info(
      `[bundle race ${database.dialect}${lockingControl.unsafeReadThenWrite ? ', control' : ''}] 100 bookings for 10 seats in ${result.ms} ms`,
      JSON.stringify({ ...result, balance }),
    );
    return { result, balance: balance!, enrolled: await activeEnrollments(database, workshop.id) };
  }

  it('100 bookings race for the last 10 seats of one company bundle: exactly 10 used, never negative', async () => {
    const { result, balance, enrolled } = await bundleRace();
    expect(result.serverErrors).toBe(0);
    expect(result.enrolled).toBe(10);
    expect(result.refused).toBe(90);
    expect(balance).toBe(0);
    expect(enrolled).toBe(10);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  });

  /**
   * One customer holding one pack of 3 credits presses "Pagar con 1 crédito" on 30 unpaid
   * enrollments at once (/pago/<id>/credito/): each request settles its own enrollment, and the pack's
   * lock decides which 3 find a credit.
   */
  async function unpaidRace() {
    const { customerIds, sessions } = await loggedInCustomers(database, 1);
    const customerId = customerIds[0]!;
    const [packId] = await issuePacks(database, [{ customerId }], 3, null);
    const enrollmentIds: number[] = [];
    for (let i = 0; i < 30; i++) {
      const workshop = await createWorkshop(database.db, {
        name: unique('Por pagar '),
        seatsTaken: 1,
        startsAt: new Date(Date.now() + (10 + i) * DAY).toISOString(),
      });
      const row = await database.db
        .insertInto('enrollments')
        .values({
          customerId,
          workshopId: workshop.id,
          amountDueClp: workshop.priceClp,
          status: 'PENDIENTE',
          createdAt: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      enrollmentIds.push(row.id);
    }
    const server = await appInstance(database, SECRET);
    servers.push(server);
    const csrf = await fetchCsrf(server.url);
    const body = new URLSearchParams({ _csrf: csrf.token }).toString();
    const statuses = await Promise.all(
      enrollmentIds.map(async (id) => {
        const response = await fetch(`${server.url}/pago/${id}/credito/`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `${sessions[0]}; ${csrf.cookie}`,
          },
          body,
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    const paid = await database.db
      .selectFrom('enrollments')
      .select(sql<number>`count(*)`.as('n'))
      .where('id', 'in', enrollmentIds)
      .where('status', '=', 'PAGADO')
      .executeTakeFirstOrThrow();
    const [balance] = await balances(database, [packId!]);
    console.info(
      `[unpaid race ${database.dialect}${lockingControl.unsafeReadThenWrite ? ', control' : ''}] 30 payments for 3 credits`,
      JSON.stringify({ paid: Number(paid.n), balance }),
    );
    return {
      serverErrors: statuses.filter((st) => st >= 500).length,
      paid: Number(paid.n),
      balance: balance!,
    };
  }

  it('30 unpaid enrollments of one customer paid at once with a 3-credit pack: exactly 3 paid', async () => {
    const { serverErrors, paid, balance } = await unpaidRace();
    expect(serverErrors).toBe(0);
    expect(paid).toBe(3);
    expect(balance).toBe(0);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  });

  it('overspends the bundle on PostgreSQL when the balance is read without the pack lock (control run)', async () => {
    lockingControl.unsafeReadThenWrite = true;
    const { result, balance, enrolled } = await bundleRace();
    expect(result.serverErrors).toBe(0);
    if (database.dialect === 'postgres') {
      expect(enrolled).toBeGreaterThan(10);
      expect(balance).toBeLessThan(0);
    } else {
      // One SQLite connection runs one transaction at a time: even the unsafe read cannot overspend.
      expect(enrolled).toBe(10);
      expect(balance).toBe(0);
    }
  });
  it('overspends the pack on PostgreSQL when unpaid enrollments are paid without the pack lock (control run)', async () => {
    lockingControl.unsafeReadThenWrite = true;
    const { serverErrors, paid, balance } = await unpaidRace();
    expect(serverErrors).toBe(0);
    if (database.dialect === 'postgres') {
      expect(paid).toBeGreaterThan(3);
      expect(balance).toBeLessThan(0);
    } else {
      expect(paid).toBe(3);
      expect(balance).toBe(0);
    }
  });
});
