import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { lockingControl } from '../../src/db/locks';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { unitsSoldByProduct } from '../../src/domain/sales/checkout.consistency';
import { searchable } from '../../src/lib/text';
import { testConfig } from '../support/app';
import { createTestDb, type TestDb, testDialect } from '../support/db';
import { createProduct, testPasswordHash, unique } from '../support/factories';
import { createSessionCookies, fetchCsrf } from '../support/sessions';

/**
 * A sale: 300 distinct logged-in customers with overlapping carts press "Finalizar compra" at the
 * same instant, over real HTTP against a listening server, for 25 units of one kit and 40 of
 * another. Stock never goes negative, no unit is sold twice, every refused order names the short
 * kit, nothing fails with a 5xx or a deadlock, and the consistency checks find nothing. The
 * control run switches takeStock to read-then-write and must lose updates on PostgreSQL, which
 * proves the test can fail.
 */

const CUSTOMERS = 300;
const STOCK_A = 25;
const STOCK_B = 40;
const SECRET = 'race-test-session-secret-0123456789abcdef';

type Outcome = { status: number; location: string; flash: string };

function flashText(html: string): string {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)]
    .map((m) => m[1]!.replaceAll('&quot;', '"'))
    .join(' | ');
}

describe('300 simultaneous checkouts for 25 + 40 units', () => {
  let database: TestDb;
  let app: FastifyInstance;
  let url: string;
  let customers: { userId: number; customerId: number; cookie: string }[];
  let csrf: { cookie: string; token: string };

  beforeAll(async () => {
    database = await createTestDb();
    app = await buildApp({ database, config: testConfig(database, { SESSION_SECRET: SECRET }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    // Accounts in bulk: the factories would take a round trip per row.
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
    customers = rows.map((c) => ({ userId: c.userId!, customerId: c.id, cookie: cookies.get(c.userId!)! }));
    csrf = await fetchCsrf(url);
  }, 120_000);

  afterAll(async () => {
    lockingControl.unsafeReadThenWrite = false;
    await app?.close();
    await database?.drop();
  });

  /** Fresh kits and fresh overlapping carts: a third want A, a third A and B, a third B. */
  async function stage() {
    const a = await createProduct(database.db, {
      name: unique('Kit Resina Premium '),
      stock: STOCK_A,
      priceClp: 15000,
    });
    const b = await createProduct(database.db, {
      name: unique('Kit Timbres '),
      stock: STOCK_B,
      priceClp: 9000,
    });
    await database.db.deleteFrom('cartItems').execute();
    const lines = customers.flatMap((c, i) => {
      const wantsA = i % 3 !== 2;
      const wantsB = i % 3 !== 0;
      return [
        ...(wantsA ? [{ customerId: c.customerId, productId: a.id, quantity: 1 + (i % 2) }] : []),
        ...(wantsB
          ? [{ customerId: c.customerId, productId: b.id, quantity: 1 + (i % 4 === 1 ? 1 : 0) }]
          : []),
      ];
    });
    for (let i = 0; i < lines.length; i += 200)
      await database.db
        .insertInto('cartItems')
        .values(lines.slice(i, i + 200))
        .execute();
    return { a, b };
  }

  async function checkoutAll(): Promise<Outcome[]> {
    const results = await Promise.all(
      customers.map(async (c) => {
        const response = await fetch(`${url}/carrito/checkout/`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `${c.cookie}; ${csrf.cookie}`,
          },
          body: new URLSearchParams({ _csrf: csrf.token }).toString(),
        });
        await response.arrayBuffer();
        return { c, status: response.status, location: response.headers.get('location') ?? '' };
      }),
    );
    // What each refused customer was told (the flash waits in their session).
    return Promise.all(
      results.map(async ({ c, status, location }) => {
        if (status !== 303 || location !== '/carrito/') return { status, location, flash: '' };
        const page = await fetch(`${url}/carrito/`, { headers: { cookie: `${c.cookie}; ${csrf.cookie}` } });
        return { status, location, flash: flashText(await page.text()) };
      }),
    );
  }

  async function stockOf(id: number) {
    return (
      await database.db.selectFrom('products').select('stock').where('id', '=', id).executeTakeFirstOrThrow()
    ).stock;
  }

  it('never sells more than the stock, refuses the rest by name, with no errors', async () => {
    const { a, b } = await stage();
    const outcomes = await checkoutAll();

    const errors = outcomes.filter((o) => o.status !== 303);
    expect(errors).toEqual([]);
    const sold = outcomes.filter((o) => /^\/pago\/venta\/\d+\/$/.test(o.location));
    const refused = outcomes.filter((o) => o.location === '/carrito/');
    expect(sold.length + refused.length).toBe(CUSTOMERS);
    expect(sold.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.flash).toMatch(
        /^Stock insuficiente: (solo quedan? \d+ unidad(es)?|ya no quedan unidades) de "/,
      );
      expect(r.flash.includes(`"${a.name}"`) || r.flash.includes(`"${b.name}"`)).toBe(true);
      expect(r.flash).not.toContain('intenta de nuevo');
    }

    const stockA = await stockOf(a.id);
    const stockB = await stockOf(b.id);
    expect(stockA).toBeGreaterThanOrEqual(0);
    expect(stockB).toBeGreaterThanOrEqual(0);
    const units = await unitsSoldByProduct(database.db, [a.id, b.id]);
    expect((units.get(a.id) ?? 0) + stockA).toBe(STOCK_A);
    expect((units.get(b.id) ?? 0) + stockB).toBe(STOCK_B);
    const sales = await database.db
      .selectFrom('sales')
      .select('id')
      .where('status', '=', 'PENDIENTE')
      .execute();
    expect(sales.length).toBe(sold.length);
    expect((await runConsistencyChecks(database.db)).problems).toEqual([]);
  }, 120_000);

  // Only PostgreSQL runs transactions side by side: on SQLite writers are serialised, so the control
  // cannot oversell there and is not registered (rather than reported as skipped).
  if (testDialect() === 'postgres')
    it('control: read-then-write stock loses updates on PostgreSQL (the test can fail)', async () => {
      const { a, b } = await stage();
      lockingControl.unsafeReadThenWrite = true;
      try {
        await checkoutAll();
      } finally {
        lockingControl.unsafeReadThenWrite = false;
      }
      const units = await unitsSoldByProduct(database.db, [a.id, b.id]);
      const accountedA = (units.get(a.id) ?? 0) + (await stockOf(a.id));
      const accountedB = (units.get(b.id) ?? 0) + (await stockOf(b.id));
      // More units in sales than ever left the shelf: the same stock was sold twice.
      expect(accountedA > STOCK_A || accountedB > STOCK_B).toBe(true);
    }, 120_000);
});
