import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/http/security';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCompany,
  createCustomerAccount,
  createInterest,
  createProduct,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
} from '../support/factories';

/**
 * Every GET and POST route of the app (from its own route table, so a route added later is covered)
 * gets the inputs an audit throws at it — a NUL byte, a right-to-left override, a 10,000-character
 * string and every key repeated — as an anonymous visitor, a customer, staff and an admin. None may answer
 * 500, and none may store the control characters.
 */

/** Every form field name the views render, read from the source so new forms are fuzzed too. */
function fieldNames(): string[] {
  const names = new Set<string>(['q', 'page', 'sort', 'dir', 'formato', 'next', 'id', 'ids']);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
        for (const m of readFileSync(full, 'utf8').matchAll(/name="([a-z_0-9]+)"/g)) names.add(m[1]!);
    }
  };
  walk(path.resolve('src'));
  names.delete('_csrf');
  names.delete('viewport');
  return [...names].sort();
}

const NUL = 'a\u0000b';
const BIDI = 'Ana \u202Egnp.exe';
const LONG = 'x'.repeat(10_000);

/** A concrete URL for a route pattern; id 1 exists for every table (see beforeAll). */
const concrete = (url: string) => url.replace(/:\w+(\([^)]*\))?/g, '1').replace(/\*$/, 'x.txt');

type Variant = { name: string; value: string; repeat: boolean };
const VARIANTS: Variant[] = [
  { name: 'NUL byte', value: NUL, repeat: false },
  { name: 'bidi override', value: BIDI, repeat: false },
  { name: '10,000 characters', value: LONG, repeat: false },
  { name: 'repeated keys', value: '1', repeat: true },
];

describe('bad input on every route', () => {
  let t: TestApp;
  const clients: Record<string, TestClient> = {};
  const fields = fieldNames();

  beforeAll(async () => {
    t = await buildTestApp();
    const { db } = t.database;
    // Id 1 of each table exists, so routes with an id reach their handlers' real work.
    const account = await createCustomerAccount(db);
    const company = await createCompany(db);
    await createInterest(db);
    const workshop = await createWorkshop(db, { startsAt: '2026-06-13T14:30:00.000Z' });
    const product = await createProduct(db);
    await db
      .insertInto('enrollments')
      .values({ customerId: account.customer.id, workshopId: workshop.id, amountDueClp: 45000 })
      .execute();
    await db.updateTable('workshops').set({ seatsTaken: 1 }).where('id', '=', workshop.id).execute();
    const sale = await db
      .insertInto('sales')
      .values({ customerId: account.customer.id, totalClp: 15000, status: 'PENDIENTE' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('saleLines')
      .values({ saleId: sale.id, productId: product.id, quantity: 1, unitPriceClp: 15000 })
      .execute();
    await db
      .insertInto('interactions')
      .values({ customerId: account.customer.id, kind: 'note', summary: 'Llamar' })
      .execute();
    expect(company.id).toBe(1);

    clients.anonymous = new TestClient(t.app);
    clients.customer = new TestClient(t.app);
    await clients.customer.login(account.login, account.password);
    const staff = await createUser(db, { role: 'staff' });
    clients.staff = new TestClient(t.app);
    await clients.staff.login(staff.email, TEST_PASSWORD);
    const admin = await createUser(db, { role: 'admin' });
    clients.admin = new TestClient(t.app);
    await clients.admin.login(admin.email, TEST_PASSWORD);
  });
  afterAll(async () => t?.close());

  function routes(): RouteEntry[] {
    const seen = new Set<string>();
    return t.app.routeTable.filter((r) => {
      const key = `${r.method} ${r.url}`;
      if (!['GET', 'POST'].includes(r.method) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  function query(variant: Variant): string {
    const params = new URLSearchParams();
    for (const field of fields) {
      params.append(field, variant.value);
      if (variant.repeat) params.append(field, '2');
    }
    return params.toString();
  }

  function form(variant: Variant): Record<string, string | string[]> {
    return Object.fromEntries(
      fields.map((f) => [f, variant.repeat ? [variant.value, '2'] : variant.value] as const),
    );
  }

  it('never answers 500 to a NUL byte, a bidi override, a long string or a repeated key', async () => {
    const failures: string[] = [];
    // Logging out would turn the rest of the run into anonymous requests: it goes last.
    const all = routes().sort((a, b) => Number(a.url === '/logout/') - Number(b.url === '/logout/'));
    expect(all.length).toBeGreaterThan(100);
    for (const route of all) {
      if (route.url === '/logout/') {
        // Still logged in after everything else: the run really exercised the staff and customer pages.
        expect((await clients.staff!.get('/gestion/')).statusCode).toBe(200);
        expect((await clients.customer!.get('/cuenta/perfil/')).statusCode).toBe(200);
      }
      const url = concrete(route.url);
      for (const [who, client] of Object.entries(clients)) {
        for (const variant of VARIANTS) {
          let res: LightMyRequestResponse;
          if (route.method === 'GET') res = await client.get(`${url}?${query(variant)}`);
          else res = await client.post(url, form(variant));
          if (process.env.FUZZ_DEBUG) console.log(route.method, route.url, who, variant.name, res.statusCode);
          if (res.statusCode >= 500)
            failures.push(`${route.method} ${route.url} as ${who} with ${variant.name}: ${res.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('stores no NUL byte or bidi override anywhere', async () => {
    const { db } = t.database;
    const tables = [
      'users',
      'customers',
      'companies',
      'interests',
      'workshops',
      'products',
      'interactions',
      'email_outbox',
      'email_log',
      'audit_log',
    ];
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      const text = JSON.stringify(rows.rows);
      expect(text.includes('\\u0000'), `${table} holds a NUL byte`).toBe(false);
      expect(text.includes('\u202E'), `${table} holds a bidi override`).toBe(false);
    }
  });
});
