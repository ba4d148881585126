import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockingControl } from '../../src/db/locks';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { searchable } from '../../src/lib/text';
import { createTestDb, type TestDb, testDialect } from '../support/db';
import { codeRow, createCode } from '../support/discounts';
import { createWorkshop, testPasswordHash, unique } from '../support/factories';
import { createSessionCookies, fetchCsrf } from '../support/sessions';
import { appInstance, processInstance, type RaceServer } from './race-servers';

/**
 * A launch code: 150 logged-in customers, each with an unpaid enrollment, press "Aplicar" with the
 * same code at the same instant over real HTTP, for its last 20 uses, against two servers sharing
 * the database (one in this process, one a separate OS process). Exactly 20 enrollments get
 * the discount, the counter ends at its limit, nothing fails with a 5xx, and `tmm check` finds
 * nothing; one customer sending the code on 10 enrollments at once gets it once (uses per
 * customer, same guard). The control run swaps the guarded update for read-then-write (a switch in
 * this process, so on the in-process server only) and must hand out more uses than exist on
 * PostgreSQL, which proves the test can fail.
 */

const CUSTOMERS = 150;
const USES = 20;
const SECRET = 'race-test-session-secret-0123456789abcdef';

describe(`${CUSTOMERS} customers race for the last ${USES} uses of a code`, () => {
  let database: TestDb;
  const servers: RaceServer[] = [];
  let customers: { customerId: number; cookie: string }[];

  beforeAll(async () => {
    database = await createTestDb();
    const hash = await testPasswordHash();
    const tag = unique('race');
    const users = await database.db
      .insertInto('users')
      .values(
        Array.from({ length: CUSTOMERS }, (_, i) => ({
          email: `${tag}-${i}@example.cl`,
          name: `Cliente ${i}`,
          passwordHash: hash,
          role: 'customer' as const,
          emailVerifiedAt: new Date().toISOString(),
        })),
      )
      .returning(['id', 'email', 'name'])
      .execute();
    const rows = await database.db
      .insertInto('customers')
      .values(
        users.map((u) => ({
          fullName: u.name,
          email: u.email,
          userId: u.id,
          searchText: searchable(u.name, u.email),
        })),
      )
      .returning(['id', 'userId'])
      .execute();
    const cookies = await createSessionCookies(
      database.db,
      SECRET,
      users.map((u) => u.id),
    );
    customers = rows.map((c) => ({ customerId: c.id, cookie: cookies.get(c.userId!)! }));
  }, 120_000);

  afterEach(async () => {
    lockingControl.unsafeReadThenWrite = false;
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  afterAll(async () => {
    await database?.drop();
  });

  /** The crowd goes to both servers in turn, as behind a load balancer. */
  async function twoServers() {
    servers.push(await appInstance(database, SECRET), await processInstance(database, SECRET));
    return servers.map((s) => s.url);
  }

  /** One PENDIENTE $40.000 enrollment per customer id given (repeat an id for several), seats taken. */
  async function enrollments(customerIds: number[]): Promise<number[]> {
    const ids: number[] = [];
    for (const customerId of customerIds) {
      const workshop = await createWorkshop(database.db, { priceClp: 40000, totalSeats: 5, seatsTaken: 1 });
      const row = await database.db
        .insertInto('enrollments')
        .values({ customerId, workshopId: workshop.id, amountDueClp: 40000, status: 'PENDIENTE' })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  }

  async function applyAll(
    urls: string[],
    requests: { cookie: string; enrollmentId: number }[],
    code: string,
  ) {
    const csrf = await fetchCsrf(urls[0]!);
    return Promise.all(
      requests.map(async (r, i) => {
        const response = await fetch(`${urls[i % urls.length]}/pago/${r.enrollmentId}/codigo/`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `${r.cookie}; ${csrf.cookie}`,
          },
          body: new URLSearchParams({ _csrf: csrf.token, codigo: code }).toString(),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
  }

  const discounted = async (ids: number[]) =>
    (
      await database.db
        .selectFrom('enrollments')
        .select('id')
        .where('id', 'in', ids)
        .where('discountClp', '>', 0)
        .execute()
    ).length;

  async function race(urls: string[]) {
    const code = await createCode(database, { maxUses: USES, value: 20 });
    const ids = await enrollments(customers.map((c) => c.customerId));
    const statuses = await applyAll(
      urls,
      customers.map((c, i) => ({ cookie: c.cookie, enrollmentId: ids[i]! })),
      code.code,
    );
    return { code, ids, statuses };
  }

  it('grants exactly the uses left, with no errors, and tmm check agrees', async () => {
    const { code, ids, statuses } = await race(await twoServers());
    expect(statuses.filter((s) => s !== 303)).toEqual([]);
    expect(await discounted(ids)).toBe(USES);
    expect((await codeRow(database.db, code.id)).usesCount).toBe(USES);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  }, 120_000);

  it('grants one customer racing with 10 enrollments exactly their one use', async () => {
    const code = await createCode(database, { maxUsesPerCustomer: 1 });
    const [one] = customers;
    const ids = await enrollments(Array.from({ length: 10 }, () => one!.customerId));
    const statuses = await applyAll(
      await twoServers(),
      ids.map((enrollmentId) => ({ cookie: one!.cookie, enrollmentId })),
      code.code,
    );
    expect(statuses.filter((s) => s !== 303)).toEqual([]);
    expect(await discounted(ids)).toBe(1);
    expect((await codeRow(database.db, code.id)).usesCount).toBe(1);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  }, 120_000);

  // SQLite serialises writers, so read-then-write cannot oversell there: the control runs on PostgreSQL.
  if (testDialect() === 'postgres')
    it('control: read-then-write hands out more uses than the code has on PostgreSQL', async () => {
      lockingControl.unsafeReadThenWrite = true;
      servers.push(await appInstance(database, SECRET));
      try {
        const { ids } = await race(servers.map((s) => s.url));
        expect(await discounted(ids)).toBeGreaterThan(USES);
      } finally {
        lockingControl.unsafeReadThenWrite = false;
      }
    }, 120_000);
});
