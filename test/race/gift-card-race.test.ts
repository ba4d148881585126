import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { lockingControl } from '../../src/db/locks';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { createTestDb, type TestDb } from '../support/db';
import { createProduct, createWorkshop } from '../support/factories';
import { giftCardBalance, issueGiftCard } from '../support/gift-cards';
import { fetchCsrf } from '../support/sessions';
import { appInstance, crowdOfCustomers, processInstance, type RaceServer } from './race-servers';

/**
 * Spending the last pesos of one gift card under a crowd, over real HTTP: 120 customers, each with
 * an unpaid $15.000 enrollment, press "Usar tarjeta" with the same $50.000 card at the same
 * instant, against two servers (one in this process, one a separate OS process running
 * test/race/server-process.ts) sharing the database. The card pays exactly $50.000 (three whole
 * enrollments and $5.000 of a fourth), its balance ends at zero and never below, no request fails
 * with a 5xx, and `tmm check` finds nothing. The control run reads the balance without locking the
 * card and must overspend it on PostgreSQL, which proves the test can fail.
 *
 * Then kit orders, where a card's money is held for the order until the rest is paid: for each of
 * 40 unpaid orders, "Usar tarjeta" with two shared cards, "Pagar" (the simulated page, the rest) and
 * "Anular pedido" arrive at once on the two servers. Whatever wins, no money is made or lost: what
 * the cards lost is exactly what paid orders took in card payments plus what unpaid ones still
 * hold, a paid order's payments add up to its total, and `tmm check` finds nothing.
 */

const CUSTOMERS = 120;
const CARD_CLP = 50_000;
const PRICE_CLP = 15_000;
const SECRET = 'gift-card-race-session-secret-0123456789';

/** `count` customers with sessions and one unpaid enrollment each (seats taken), inserted directly. */
async function customersWithEnrollments(database: TestDb, count: number) {
  const { db } = database;
  const { customers } = await crowdOfCustomers(database, SECRET, count, { tag: 'cardrace' });
  const workshop = await createWorkshop(db, {
    priceClp: PRICE_CLP,
    totalSeats: count,
    seatsTaken: count,
    startsAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
  });
  const enrollments = await db
    .insertInto('enrollments')
    .values(
      customers.map((c) => ({
        customerId: c.customerId,
        workshopId: workshop.id,
        amountDueClp: PRICE_CLP,
        status: 'PENDIENTE' as const,
      })),
    )
    .returning('id')
    .execute();
  return customers.map((c, i) => ({ cookie: c.cookie, enrollmentId: enrollments[i]!.id }));
}

describe('spending the last balance of one gift card under a crowd, over real HTTP', () => {
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

  async function race(urls: string[]) {
    const { cardId, code } = await issueGiftCard(database, CARD_CLP);
    const requests = await customersWithEnrollments(database, CUSTOMERS);
    const csrf = await fetchCsrf(urls[0]!);
    const started = performance.now();
    const statuses = await Promise.all(
      requests.map(async (r, i) => {
        const response = await fetch(`${urls[i % urls.length]}/pago/${r.enrollmentId}/tarjeta-regalo/`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `${r.cookie}; ${csrf.cookie}`,
          },
          body: new URLSearchParams({ _csrf: csrf.token, codigo_tarjeta: code }).toString(),
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    const ms = Math.round(performance.now() - started);
    const ids = requests.map((r) => r.enrollmentId);
    const [card] = await sql<{ balance: number; redeemed: number }>`
      select coalesce(sum(amount_clp), 0) as balance,
             coalesce(-sum(case when kind = 'redeem' then amount_clp else 0 end), 0) as redeemed
      from gift_card_entries where gift_card_id = ${cardId}
    `
      .execute(database.db)
      .then((r) => r.rows);
    const paid = await database.db
      .selectFrom('enrollments')
      .select([sql<number>`coalesce(sum(amount_paid_clp), 0)`.as('total'), sql<number>`count(*)`.as('n')])
      .where('id', 'in', ids)
      .where('amountPaidClp', '>', 0)
      .executeTakeFirstOrThrow();
    const result = {
      ms,
      serverErrors: statuses.filter((s) => s >= 500).length,
      redirects: statuses.filter((s) => s === 303).length,
      balance: Number(card!.balance),
      redeemed: Number(card!.redeemed),
      paidClp: Number(paid.total),
      paidEnrollments: Number(paid.n),
    };
    console.info(
      `[gift card race ${database.dialect}${lockingControl.unsafeReadThenWrite ? ', control' : ''}] ${CUSTOMERS} requests for a ${CARD_CLP} card on ${urls.length} server(s)`,
      JSON.stringify(result),
    );
    return result;
  }

  it('120 customers spend one $50.000 card at once on two app processes: exactly $50.000 is paid, never below zero', async () => {
    servers.push(await appInstance(database, SECRET), await processInstance(database, SECRET));
    const result = await race(servers.map((s) => s.url));
    expect(result.serverErrors).toBe(0);
    expect(result.redirects).toBe(CUSTOMERS);
    expect(result.redeemed).toBe(CARD_CLP);
    expect(result.balance).toBe(0);
    expect(result.paidClp).toBe(CARD_CLP);
    expect(result.paidEnrollments).toBe(4);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  }, 120_000);

  it('overspends the card on PostgreSQL when its balance is read without the card lock (control run)', async () => {
    lockingControl.unsafeReadThenWrite = true;
    servers.push(await appInstance(database, SECRET));
    const result = await race(servers.map((s) => s.url));
    expect(result.serverErrors).toBe(0);
    if (database.dialect === 'postgres') {
      expect(result.redeemed).toBeGreaterThan(CARD_CLP);
      expect(result.balance).toBeLessThan(0);
    } else {
      // One SQLite connection runs one transaction at a time: even the unsafe read cannot overspend.
      expect(result.redeemed).toBe(CARD_CLP);
      expect(result.balance).toBe(0);
    }
  }, 120_000);
});

describe('gift cards, paying, and cancelling the same kit orders at once, over real HTTP', () => {
  let database: TestDb;
  const servers: RaceServer[] = [];
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    await database.drop();
  });

  const ORDERS = 40;
  const ORDER_CLP = 30_000;

  /** One customer with a session and `count` unpaid orders of one $30.000 kit, inserted directly. */
  async function customerWithOrders(count: number) {
    const { db } = database;
    const {
      customers: [customer],
    } = await crowdOfCustomers(database, SECRET, 1, { tag: 'cardorders' });
    const kit = await createProduct(db, { priceClp: ORDER_CLP, stock: 1000 });
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const sales = await db
      .insertInto('sales')
      .values(
        Array.from({ length: count }, () => ({
          customerId: customer!.customerId,
          totalClp: ORDER_CLP,
          expiresAt,
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('saleLines')
      .values(sales.map((s) => ({ saleId: s.id, productId: kit.id, quantity: 1, unitPriceClp: ORDER_CLP })))
      .execute();
    return { cookie: customer!.cookie, saleIds: sales.map((s) => s.id) };
  }

  it('40 orders each get two cards, "Pagar" and "Anular" at once on two app processes: no money made or lost', async () => {
    servers.push(await appInstance(database, SECRET), await processInstance(database, SECRET));
    const urls = servers.map((s) => s.url);
    const cards = [await issueGiftCard(database, 200_000), await issueGiftCard(database, 200_000)];
    const { cookie, saleIds } = await customerWithOrders(ORDERS);
    const csrf = await fetchCsrf(urls[0]!);
    const post = async (url: string, path: string, fields: Record<string, string>) => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${cookie}; ${csrf.cookie}` },
        body: new URLSearchParams({ _csrf: csrf.token, ...fields }).toString(),
      });
      await response.arrayBuffer();
      return response.status;
    };
    const requests = saleIds.flatMap((id) => [
      (url: string) => post(url, `/pago/venta/${id}/tarjeta-regalo/`, { codigo_tarjeta: cards[0]!.code }),
      (url: string) => post(url, `/pago/venta/${id}/tarjeta-regalo/`, { codigo_tarjeta: cards[1]!.code }),
      (url: string) => post(url, `/pago/venta/${id}/`, { accion_pago: 'pagar' }),
      (url: string) => post(url, `/pago/venta/${id}/`, { accion_pago: 'anular' }),
    ]);
    const statuses = await Promise.all(requests.map((send, i) => send(urls[i % urls.length]!)));

    const { db } = database;
    const sales = await db
      .selectFrom('sales')
      .select(['id', 'status', 'giftCardClp'])
      .where('id', 'in', saleIds)
      .execute();
    const cardPaid = await db
      .selectFrom('payments')
      .select(sql<number>`coalesce(sum(amount_clp), 0)`.as('clp'))
      .where('saleId', 'in', saleIds)
      .where('method', '=', 'tarjeta_regalo')
      .where('kind', '=', 'PAYMENT')
      .executeTakeFirstOrThrow();
    const held = sales.filter((s) => s.status === 'PENDIENTE').reduce((sum, s) => sum + s.giftCardClp, 0);
    const balances = await Promise.all(cards.map((c) => giftCardBalance(db, c.cardId)));
    const count = (status: string) => sales.filter((s) => s.status === status).length;
    console.info(
      `[gift card orders race ${database.dialect}] ${requests.length} requests on ${ORDERS} orders`,
      JSON.stringify({
        serverErrors: statuses.filter((s) => s >= 500).length,
        paid: count('PAGADO'),
        cancelled: count('ANULADO'),
        pending: count('PENDIENTE'),
        cardPaid: Number(cardPaid.clp),
        held,
        balances,
      }),
    );
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(balances.every((b) => b >= 0)).toBe(true);
    expect(400_000 - balances[0]! - balances[1]!).toBe(Number(cardPaid.clp) + held);
    expect(count('PAGADO') + count('ANULADO')).toBe(ORDERS);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  }, 120_000);
});
