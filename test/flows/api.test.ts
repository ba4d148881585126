import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { claimIdempotencyKey, purgeExpiredIdempotencyKeys, revokeApiKey } from '../../src/domain/api-keys';
import { enrollCustomer } from '../../src/domain/enrollments';
import { payEnrollmentWithGiftCard, recordEnrollmentPayment } from '../../src/domain/payments';
import { api, createTestApiKey } from '../support/api';
import { buildTestApp, type TestApp } from '../support/app';
import {
  createCustomer,
  createCustomerPack,
  createInterest,
  createProduct,
  createSale,
  createWorkshop,
  unique,
} from '../support/factories';
import { giftCardBalance, issueGiftCard } from '../support/gift-cards';

/** /api/v1: the document, keys and scopes, pagination, problems and idempotency, over HTTP. */

const PROBLEM = 'application/problem+json; charset=utf-8';
const ctxOf = (t: TestApp) => ({ now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl });

describe('the API', () => {
  let t: TestApp;
  let full: Awaited<ReturnType<typeof createTestApiKey>>;
  beforeAll(async () => {
    t = await buildTestApp();
    full = await createTestApiKey(t);
  });
  afterAll(async () => t?.close());

  describe('its OpenAPI document', () => {
    it('is a valid OpenAPI 3.1 document', async () => {
      const res = await api(t.app, 'GET', '/api/v1/openapi.json');
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      const validator = new Validator();
      const result = await validator.validate(doc);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
      expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it('describes every /api/v1 route, with its responses, and nothing else', async () => {
      const doc = (await api(t.app, 'GET', '/api/v1/openapi.json')).json();
      // The reference page's own files and the document itself are not part of the API.
      const isApi = (url: string) =>
        url.startsWith('/api/v1/') && !url.startsWith('/api/v1/docs') && url !== '/api/v1/openapi.json';
      const routes = [
        ...new Set(
          t.app.routeTable
            .filter((r) => isApi(r.url) && r.method !== 'HEAD')
            .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`),
        ),
      ].sort();
      const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      expect(routes.length).toBeGreaterThanOrEqual(17);
      expect(documented).toEqual(routes);
      type Operation = {
        responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
        security?: unknown;
        parameters?: { name: string }[];
      };
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
        for (const [method, op] of Object.entries(ops)) {
          const label = `${method} ${path}`;
          const success = Object.keys(op.responses).find((s) => s.startsWith('2'));
          expect(success, label).toBeDefined();
          expect(op.responses[success!]?.content?.['application/json']?.schema, label).toBeDefined();
          expect(op.responses['401'], label).toBeDefined();
          expect(op.security, label).toBeDefined();
          if (method === 'post')
            expect(
              op.parameters?.map((p) => p.name),
              label,
            ).toContain('idempotency-key');
        }
      }
    });

    it('serves the reference page from this site, under the site’s CSP', async () => {
      const res = await api(t.app, 'GET', '/api/v1/docs/');
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/<script>[^<]/);
      expect(res.headers['content-security-policy']).toContain("script-src 'self';");
      const init = await api(t.app, 'GET', '/api/v1/docs/static/swagger-initializer.js');
      expect(init.statusCode).toBe(200);
    });
  });

  describe('keys and scopes', () => {
    it('answers public reads without a key, and staff reads only with staff:read', async () => {
      const workshop = await createWorkshop(t.database.db);
      const anonymous = await api(t.app, 'GET', `/api/v1/workshops/${workshop.id}`);
      expect(anonymous.statusCode).toBe(200);
      expect(anonymous.json()).toMatchObject({ id: workshop.id, seatsLeft: 10, priceClp: 45000 });

      const staffAnonymous = await api(t.app, 'GET', '/api/v1/customers');
      expect(staffAnonymous.statusCode).toBe(401);
      expect(staffAnonymous.headers['content-type']).toBe(PROBLEM);
      expect(staffAnonymous.headers['www-authenticate']).toContain('Bearer');
      expect(staffAnonymous.json()).toMatchObject({ status: 401, title: 'Clave de API no válida' });

      const publicOnly = await createTestApiKey(t, { scopes: ['public:read'] });
      expect((await api(t.app, 'GET', '/api/v1/workshops', { key: publicOnly.key })).statusCode).toBe(200);
      const forbidden = await api(t.app, 'GET', '/api/v1/customers', { key: publicOnly.key });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().detail).toContain('staff:read');

      const reader = await createTestApiKey(t, { scopes: ['staff:read'] });
      expect((await api(t.app, 'GET', '/api/v1/customers', { key: reader.key })).statusCode).toBe(200);
      const write = await api(t.app, 'POST', '/api/v1/customers', {
        key: reader.key,
        idempotencyKey: unique('k'),
        body: { fullName: 'Ana', email: `${unique('ana')}@example.cl` },
      });
      expect(write.statusCode).toBe(403);
    });

    it('refuses an expired, a revoked, an unknown or a malformed key (401)', async () => {
      const expiring = await createTestApiKey(t, { expiresAt: new Date(t.clock.now().getTime() + 3600_000) });
      expect((await api(t.app, 'GET', '/api/v1/customers', { key: expiring.key })).statusCode).toBe(200);
      t.clock.advanceHours(2);
      const expired = await api(t.app, 'GET', '/api/v1/customers', { key: expiring.key });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().detail).toBe('La clave de API venció.');
      // Even a public read: a key that is sent must be valid.
      expect((await api(t.app, 'GET', '/api/v1/workshops', { key: expiring.key })).statusCode).toBe(401);

      const revoked = await createTestApiKey(t);
      const ctx = {
        now: t.clock.now(),
        actor: { userId: revoked.adminId, role: 'admin' as const },
        publicUrl: '',
      };
      await inTransaction(t.database, (trx) => revokeApiKey(trx, revoked.id, ctx));
      const refused = await api(t.app, 'GET', '/api/v1/customers', { key: revoked.key });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().detail).toBe('La clave de API fue revocada.');

      const unknown = `${revoked.key.slice(0, -4)}AAAA`;
      expect((await api(t.app, 'GET', '/api/v1/customers', { key: unknown })).json().detail).toBe(
        'La clave de API no existe.',
      );
      const malformed = await t.app.inject({
        url: '/api/v1/customers',
        headers: { authorization: 'Basic abc' },
      });
      expect(malformed.statusCode).toBe(401);
      expect(malformed.headers['content-type']).toBe(PROBLEM);
    });

    it('records when a key was last used', async () => {
      const key = await createTestApiKey(t);
      await api(t.app, 'GET', '/api/v1/workshops', { key: key.key });
      const row = await t.database.db
        .selectFrom('apiKeys')
        .select(['lastUsedAt', 'secretHash', 'prefix'])
        .where('id', '=', key.id)
        .executeTakeFirstOrThrow();
      expect(row.lastUsedAt).toBe(t.clock.now().toISOString());
      expect(key.key.startsWith(`${row.prefix}_`)).toBe(true);
      expect(row.secretHash).not.toContain(key.key.slice(row.prefix.length + 1));
    });

    it('takes a POST with a key from another origin, with no CSRF token or cookie', async () => {
      const res = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: unique('k'),
        body: { fullName: 'Origen Externo', email: `${unique('ext')}@example.cl` },
        headers: { origin: 'https://otro-sitio.example' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('lists', () => {
    it('pages with an opaque cursor, with no row twice or missing while rows are added', async () => {
      const category = await createInterest(t.database.db);
      const original = [];
      for (let i = 0; i < 7; i++)
        original.push((await createWorkshop(t.database.db, { categoryId: category.id })).id);
      const seen: number[] = [];
      let next: string | null = null;
      let pages = 0;
      do {
        const url = `/api/v1/workshops?limit=3&category_id=${category.id}${next ? `&cursor=${next}` : ''}`;
        const res = await api(t.app, 'GET', url);
        expect(res.statusCode).toBe(200);
        const body = res.json() as { data: { id: number }[]; next: string | null };
        expect(body.data.length).toBeLessThanOrEqual(3);
        seen.push(...body.data.map((w) => w.id));
        next = body.next;
        if (next) expect(next).not.toMatch(/^\d+$/);
        // Someone adds a workshop between pages.
        if (pages++ < 2) await createWorkshop(t.database.db, { categoryId: category.id });
      } while (next);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(original));
      expect(seen).toHaveLength(9);
    });

    it('filters workshops by category and by Santiago calendar days', async () => {
      const category = await createInterest(t.database.db);
      const march = await createWorkshop(t.database.db, {
        categoryId: category.id,
        startsAt: '2026-03-15T02:30:00.000Z',
      });
      await createWorkshop(t.database.db, { categoryId: category.id, startsAt: '2026-03-16T14:00:00.000Z' });
      // 02:30 UTC on the 15th is the 14th in Santiago (UTC-3 in March).
      const res = await api(
        t.app,
        'GET',
        `/api/v1/workshops?category_id=${category.id}&from=2026-03-14&to=2026-03-14`,
      );
      expect(res.json().data.map((w: { id: number }) => w.id)).toEqual([march.id]);
    });

    it('returns only what changed since a time with updated_since', async () => {
      const old = await createCustomer(t.database.db);
      await t.database.db
        .updateTable('customers')
        .set({ updatedAt: '2026-01-01T00:00:00.000Z' })
        .where('id', '=', old.id)
        .execute();
      const recent = await createCustomer(t.database.db);
      await t.database.db
        .updateTable('customers')
        .set({ updatedAt: '2026-02-20T10:00:00.000Z' })
        .where('id', '=', recent.id)
        .execute();
      const res = await api(
        t.app,
        'GET',
        '/api/v1/customers?limit=100&updated_since=2026-02-01T00:00:00-03:00',
        { key: full.key },
      );
      const ids = res.json().data.map((c: { id: number }) => c.id);
      expect(ids).toContain(recent.id);
      expect(ids).not.toContain(old.id);
    });

    it('returns enrollments and orders with an event since updated_since (made, cancelled, paid, shipped)', async () => {
      const db = t.database.db;
      const customer = await createCustomer(db);
      const workshop = await createWorkshop(db, { priceClp: 10000 });
      const ctx = { now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl };
      const enroll = async () => {
        const other = await createCustomer(db);
        const { enrollmentId } = await inTransaction(t.database, (trx) =>
          enrollCustomer(trx, { workshopId: workshop.id, customerId: other.id }, ctx),
        );
        await sql`update enrollments set created_at = ${'2026-01-05T12:00:00.000Z'} where id = ${enrollmentId}`.execute(
          db,
        );
        return enrollmentId;
      };
      const quiet = await enroll();
      const paid = await enroll();
      await inTransaction(t.database, (trx) =>
        recordEnrollmentPayment(trx, { enrollmentId: paid, method: 'efectivo' }, ctx),
      );
      const cancelled = await enroll();
      await db
        .updateTable('enrollments')
        .set({ status: 'ANULADO', cancelledAt: '2026-02-20T12:00:00.000Z' })
        .where('id', '=', cancelled)
        .execute();
      const since = 'updated_since=2026-02-01T00:00:00-03:00';
      const enrollments = (
        await api(t.app, 'GET', `/api/v1/enrollments?limit=100&workshop_id=${workshop.id}&${since}`, {
          key: full.key,
        })
      ).json();
      expect(enrollments.data.map((e: { id: number }) => e.id).sort()).toEqual([paid, cancelled].sort());

      const oldSale = await createSale(db, { customerId: customer.id });
      const shipped = await createSale(db, { customerId: customer.id });
      for (const id of [oldSale.id, shipped.id]) {
        // Everything this order recorded happened in January: placed, paid, its payment.
        await sql`update sales set created_at = ${'2026-01-05T12:00:00.000Z'} where id = ${id}`.execute(db);
        await db
          .updateTable('sales')
          .set({ paidAt: '2026-01-05T12:00:00.000Z' })
          .where('id', '=', id)
          .where('paidAt', 'is not', null)
          .execute();
        await sql`update payments set created_at = ${'2026-01-05T12:00:00.000Z'} where sale_id = ${id}`.execute(
          db,
        );
      }
      await db
        .updateTable('sales')
        .set({ shippedAt: '2026-02-20T12:00:00.000Z' })
        .where('id', '=', shipped.id)
        .execute();
      const sales = (
        await api(t.app, 'GET', `/api/v1/sales?limit=100&customer_id=${customer.id}&${since}`, {
          key: full.key,
        })
      ).json();
      expect(sales.data.map((s: { id: number }) => s.id)).toEqual([shipped.id]);
      expect(quiet).toBeGreaterThan(0);
    });

    it('lists kits with their stock, orders and payments', async () => {
      const product = await createProduct(t.database.db, { stock: 4 });
      const kit = await api(t.app, 'GET', `/api/v1/products/${product.id}`);
      expect(kit.json()).toMatchObject({ id: product.id, stock: 4 });
      const customer = await createCustomer(t.database.db);
      const sale = await createSale(t.database.db, { customerId: customer.id });
      const detail = await api(t.app, 'GET', `/api/v1/sales/${sale.id}`, { key: full.key });
      expect(detail.statusCode).toBe(200);
      expect(detail.json().lines).toHaveLength(1);
      expect(detail.json()).toMatchObject({ giftCardClp: 0 });
      expect((await api(t.app, 'GET', '/api/v1/payments', { key: full.key })).statusCode).toBe(200);
    });

    it('lists packs with their balance from the ledger, and one pack with its entries', async () => {
      const customer = await createCustomer(t.database.db);
      const pack = await createCustomerPack(t.database.db, {
        customerId: customer.id,
        credits: 3,
        now: t.clock.now(),
      });
      const workshop = await createWorkshop(t.database.db, {
        startsAt: new Date(t.clock.now().getTime() + 7 * 86400_000).toISOString(),
      });
      await inTransaction(t.database, (trx) =>
        enrollCustomer(
          trx,
          { workshopId: workshop.id, customerId: customer.id, payWith: 'pack_credit' },
          { now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl },
        ),
      );
      const list = await api(t.app, 'GET', `/api/v1/packs?customer_id=${customer.id}`, { key: full.key });
      expect(list.statusCode).toBe(200);
      expect(list.json().data).toEqual([
        expect.objectContaining({
          id: pack.id,
          customerId: customer.id,
          credits: 3,
          balance: 2,
          status: 'ACTIVO',
        }),
      ]);
      const detail = (await api(t.app, 'GET', `/api/v1/packs/${pack.id}`, { key: full.key })).json();
      expect(detail.entries.map((e: { kind: string; credits: number }) => [e.kind, e.credits])).toEqual([
        ['purchase', 3],
        ['redeem', -1],
      ]);
      expect((await api(t.app, 'GET', '/api/v1/packs')).statusCode).toBe(401);
      expect((await api(t.app, 'GET', '/api/v1/packs/999999', { key: full.key })).statusCode).toBe(404);
    });

    it('lists gift cards with their balance and the code masked, and one card with its ledger', async () => {
      const { cardId, buyerCustomerId } = await issueGiftCard(t.database, 25000, t.clock.now());
      const list = await api(t.app, 'GET', `/api/v1/gift-cards?buyer_customer_id=${buyerCustomerId}`, {
        key: full.key,
      });
      expect(list.statusCode).toBe(200);
      const [card] = list.json().data;
      expect(card).toMatchObject({ id: cardId, status: 'ACTIVA', amountClp: 25000, balanceClp: 25000 });
      expect(card.code).toMatch(/^••••-••••-[2-9A-Z]{4}$/);
      const detail = (await api(t.app, 'GET', `/api/v1/gift-cards/${cardId}`, { key: full.key })).json();
      expect(detail.entries.map((e: { kind: string; amountClp: number }) => [e.kind, e.amountClp])).toEqual([
        ['issue', 25000],
      ]);
      expect((await api(t.app, 'GET', '/api/v1/gift-cards')).statusCode).toBe(401);
      expect((await api(t.app, 'GET', '/api/v1/gift-cards/999999', { key: full.key })).statusCode).toBe(404);
    });
  });

  describe('problems', () => {
    it('answers bad input with problem details in Spanish, never a 500', async () => {
      const cases: [string, number][] = [
        ['/api/v1/workshops?limit=101', 422],
        ['/api/v1/workshops?limit=0', 422],
        ['/api/v1/workshops?cursor=nope', 422],
        ['/api/v1/workshops?from=2026-02-30', 422],
        ['/api/v1/customers?updated_since=ayer', 422],
        ['/api/v1/workshops/abc', 404],
        ['/api/v1/workshops/999999', 404],
        ['/api/v1/no-existe', 404],
      ];
      for (const [url, status] of cases) {
        const res = await api(t.app, 'GET', url, { key: full.key });
        expect(res.statusCode, url).toBe(status);
        expect(res.headers['content-type'], url).toBe(PROBLEM);
        const body = res.json();
        expect(body, url).toMatchObject({ status, type: expect.stringMatching(/^urn:tmm:problem:/) });
        expect(body.title, url).toMatch(/[a-zá-ú]/);
      }
      const limit = (await api(t.app, 'GET', '/api/v1/workshops?limit=101')).json();
      expect(limit.errors).toEqual([{ field: 'limit', message: 'El máximo es 100.' }]);

      const badJson = await t.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: {
          authorization: `Bearer ${full.key}`,
          'idempotency-key': unique('k'),
          'content-type': 'application/json',
        },
        payload: '{"fullName": ',
      });
      expect(badJson.statusCode).toBe(400);
      expect(badJson.headers['content-type']).toBe(PROBLEM);

      const invalid = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: unique('k'),
        body: { fullName: '', email: 'no-es-correo', rut: '12.345.678-0' },
      });
      expect(invalid.statusCode).toBe(422);
      const fields = invalid.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['fullName', 'email', 'rut']));

      const noKey = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        body: { fullName: 'Ana', email: `${unique('ana')}@example.cl` },
      });
      expect(noKey.statusCode).toBe(422);
      expect(noKey.json().errors[0].message).toContain('Idempotency-Key');
    });

    it('says a business rule failed with 409 and the domain’s message', async () => {
      const workshop = await createWorkshop(t.database.db, { totalSeats: 1, seatsTaken: 1 });
      const customer = await createCustomer(t.database.db);
      const res = await api(t.app, 'POST', '/api/v1/enrollments', {
        key: full.key,
        idempotencyKey: unique('k'),
        body: { workshopId: workshop.id, customerId: customer.id },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ status: 409, type: 'urn:tmm:problem:workshop_full' });
      const missing = await api(t.app, 'POST', '/api/v1/enrollments', {
        key: full.key,
        idempotencyKey: unique('k'),
        body: { workshopId: (await createWorkshop(t.database.db)).id, customerId: 999999 },
      });
      expect(missing.statusCode).toBe(404);
    });
  });

  describe('writes', () => {
    it('gives a gift card back what it paid when the API cancels the enrollment', async () => {
      const card = await issueGiftCard(t.database, 10000, t.clock.now());
      const customer = await createCustomer(t.database.db);
      const workshop = await createWorkshop(t.database.db, { priceClp: 25000 });
      const enrollment = await inTransaction(t.database, (trx) =>
        enrollCustomer(trx, { workshopId: workshop.id, customerId: customer.id }, ctxOf(t)),
      );
      await inTransaction(t.database, (trx) =>
        payEnrollmentWithGiftCard(
          trx,
          { enrollmentId: enrollment.enrollmentId, customerId: null, code: card.code },
          ctxOf(t),
        ),
      );
      expect(await giftCardBalance(t.database.db, card.cardId)).toBe(0);
      const cancelled = await api(t.app, 'POST', `/api/v1/enrollments/${enrollment.enrollmentId}/cancel`, {
        key: full.key,
        idempotencyKey: unique('k'),
      });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'ANULADO', refundDueClp: 0, amountPaidClp: 0 });
      expect(await giftCardBalance(t.database.db, card.cardId)).toBe(10000);
    });

    it('creates a customer, enrolls, pays and cancels through the services, audited with the key', async () => {
      const email = `${unique('api')}@example.cl`;
      const created = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: unique('k'),
        body: {
          fullName: 'Beatriz Soto',
          email: email.toUpperCase(),
          phone: '+56 9 8765 4321',
          rut: '12.345.678-5',
        },
      });
      expect(created.statusCode).toBe(201);
      const customer = created.json();
      expect(customer).toMatchObject({
        email,
        phone: '+56987654321',
        rut: '12345678-5',
        lifecycleStage: 'lead',
      });
      expect(created.headers.location).toBe(`/api/v1/customers/${customer.id}`);

      const workshop = await createWorkshop(t.database.db, { priceClp: 30000 });
      const enrolled = await api(t.app, 'POST', '/api/v1/enrollments', {
        key: full.key,
        idempotencyKey: unique('k'),
        body: { workshopId: workshop.id, customerId: customer.id },
      });
      expect(enrolled.statusCode).toBe(201);
      const enrollment = enrolled.json();
      expect(enrollment).toMatchObject({ status: 'PENDIENTE', amountDueClp: 30000 });
      expect((await api(t.app, 'GET', `/api/v1/workshops/${workshop.id}`)).json().seatsLeft).toBe(9);

      const paid = await api(t.app, 'POST', `/api/v1/enrollments/${enrollment.id}/payments`, {
        key: full.key,
        idempotencyKey: unique('k'),
        body: { amountClp: 10000, method: 'transferencia' },
      });
      expect(paid.statusCode).toBe(201);
      expect(paid.json()).toMatchObject({
        outcome: 'recorded',
        enrollment: { status: 'ABONADO', amountPaidClp: 10000 },
      });

      // The longest Idempotency-Key there is, on the write that keeps its own key in the ledger.
      const longKey = await api(t.app, 'POST', `/api/v1/enrollments/${enrollment.id}/payments`, {
        key: full.key,
        idempotencyKey: 'x'.repeat(255),
        body: { amountClp: 5000, method: 'efectivo' },
      });
      expect(longKey.statusCode).toBe(201);
      const tooLong = await api(t.app, 'POST', `/api/v1/enrollments/${enrollment.id}/payments`, {
        key: full.key,
        idempotencyKey: 'x'.repeat(256),
        body: { amountClp: 5000, method: 'efectivo' },
      });
      expect(tooLong.statusCode).toBe(422);

      const cancelled = await api(t.app, 'POST', `/api/v1/enrollments/${enrollment.id}/cancel`, {
        key: full.key,
        idempotencyKey: unique('k'),
      });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'ANULADO', refundDueClp: 15000 });
      expect((await api(t.app, 'GET', `/api/v1/workshops/${workshop.id}`)).json().seatsLeft).toBe(10);

      const audit = await t.database.db
        .selectFrom('auditLog')
        .select(['entityType', 'action', 'actorUserId', 'apiKeyId'])
        .where((eb) =>
          eb.or([
            eb.and([eb('entityType', '=', 'customer'), eb('entityId', '=', customer.id)]),
            eb.and([eb('entityType', '=', 'enrollment'), eb('entityId', '=', enrollment.id)]),
          ]),
        )
        .orderBy('id')
        .execute();
      expect(audit.map((a) => `${a.entityType} ${a.action}`)).toEqual([
        'customer create',
        'enrollment create',
        'enrollment update',
        'enrollment update',
        'enrollment update',
      ]);
      for (const entry of audit)
        expect(entry).toMatchObject({ actorUserId: full.adminId, apiKeyId: full.id });
    });

    it('records the payment of an order', async () => {
      const customer = await createCustomer(t.database.db);
      const sale = await createSale(t.database.db, { customerId: customer.id, status: 'PENDIENTE' });
      const res = await api(t.app, 'POST', `/api/v1/sales/${sale.id}/payments`, {
        key: full.key,
        idempotencyKey: unique('k'),
        body: { method: 'efectivo' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ id: sale.id, status: 'PAGADO' });
      const audit = await t.database.db
        .selectFrom('auditLog')
        .select('apiKeyId')
        .where('entityType', '=', 'sale')
        .where('entityId', '=', sale.id)
        .execute();
      expect(audit.map((a) => a.apiKeyId)).toContain(full.id);
    });
  });

  describe('Idempotency-Key', () => {
    const newCustomer = () => ({ fullName: 'Idem Potente', email: `${unique('idem')}@example.cl` });
    const countCustomers = async (email: string) =>
      (await t.database.db.selectFrom('customers').select('id').where('email', '=', email).execute()).length;

    it('answers the same key twice with the stored answer, and does the work once', async () => {
      const body = newCustomer();
      const key = unique('k');
      const first = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: key,
        body,
      });
      const second = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: key,
        body,
      });
      expect(first.statusCode).toBe(201);
      expect(second.statusCode).toBe(201);
      expect(second.body).toBe(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(await countCustomers(body.email)).toBe(1);

      // A stored failure is replayed too: the same request gets the same answer.
      const taken = { ...newCustomer(), email: body.email };
      const failKey = unique('k');
      const failed = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: failKey,
        body: taken,
      });
      const again = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: failKey,
        body: taken,
      });
      expect(failed.statusCode).toBe(422);
      expect(again.statusCode).toBe(422);
      expect(again.headers['content-type']).toBe(PROBLEM);
      expect(again.json().errors).toEqual(failed.json().errors);
    });

    it('refuses the same key with another body (422), and keeps keys apart per API key', async () => {
      const key = unique('k');
      await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: key,
        body: newCustomer(),
      });
      const other = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: key,
        body: newCustomer(),
      });
      expect(other.statusCode).toBe(422);
      expect(other.json().type).toBe('urn:tmm:problem:idempotency_mismatch');

      const second = await createTestApiKey(t);
      const own = await api(t.app, 'POST', '/api/v1/customers', {
        key: second.key,
        idempotencyKey: key,
        body: newCustomer(),
      });
      expect(own.statusCode).toBe(201);
    });

    it('answers 409 while the first request with the key is still running', async () => {
      const key = unique('k');
      const body = newCustomer();
      const fingerprint = (await import('../../src/domain/api-keys')).requestFingerprint(
        'POST',
        '/api/v1/customers',
        JSON.stringify({
          ...body,
          phone: null,
          rut: null,
          comuna: null,
          customerType: 'B2C',
          companyId: null,
          notes: null,
        }),
      );
      const claim = await claimIdempotencyKey(
        t.database.db,
        { apiKeyId: full.id, key, fingerprint },
        t.clock.now(),
      );
      expect(claim.kind).toBe('reserved');
      const res = await api(t.app, 'POST', '/api/v1/customers', { key: full.key, idempotencyKey: key, body });
      expect(res.statusCode).toBe(409);
      expect(res.json().type).toBe('urn:tmm:problem:idempotency_in_flight');
      expect(await countCustomers(body.email)).toBe(0);
    });

    it('does the work once when two requests with the same key arrive at once', async () => {
      const workshop = await createWorkshop(t.database.db);
      const customer = await createCustomer(t.database.db);
      const key = unique('k');
      const send = () =>
        api(t.app, 'POST', '/api/v1/enrollments', {
          key: full.key,
          idempotencyKey: key,
          body: { workshopId: workshop.id, customerId: customer.id },
        });
      const answers = await Promise.all([send(), send(), send()]);
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
      for (const s of statuses) expect([201, 409]).toContain(s);
      const rows = await t.database.db
        .selectFrom('enrollments')
        .select('id')
        .where('customerId', '=', customer.id)
        .execute();
      expect(rows).toHaveLength(1);
      const created = answers.filter((a) => a.statusCode === 201).map((a) => a.json().id);
      expect(new Set(created)).toEqual(new Set([rows[0]!.id]));
    });

    it('records one payment for one key sent again and twice at once; three keys are three payments (the control)', async () => {
      const workshop = await createWorkshop(t.database.db, { priceClp: 30000 });
      const payments = async (idempotencyKeys: string[], atOnce: boolean) => {
        const customer = await createCustomer(t.database.db);
        const enrolled = await api(t.app, 'POST', '/api/v1/enrollments', {
          key: full.key,
          idempotencyKey: unique('k'),
          body: { workshopId: workshop.id, customerId: customer.id },
        });
        const enrollmentId = enrolled.json().id as number;
        const pay = (idempotencyKey: string) =>
          api(t.app, 'POST', `/api/v1/enrollments/${enrollmentId}/payments`, {
            key: full.key,
            idempotencyKey,
            body: { amountClp: 5000, method: 'efectivo' },
          });
        const [first, ...rest] = idempotencyKeys;
        // A client retrying after a timeout: once, then (when atOnce) the retries together.
        const answers = [await pay(first!)];
        if (atOnce) answers.push(...(await Promise.all(rest.map(pay))));
        else for (const k of rest) answers.push(await pay(k));
        for (const a of answers) expect([201, 409]).toContain(a.statusCode);
        const rows = await t.database.db
          .selectFrom('payments')
          .select('amountClp')
          .where('enrollmentId', '=', enrollmentId)
          .execute();
        return rows.length;
      };
      const same = unique('k');
      expect(await payments([same, same, same], true)).toBe(1);
      // Without the shared key the same three requests are three payments: the test can fail.
      expect(await payments([unique('k'), unique('k'), unique('k')], false)).toBe(3);
    });

    it('forgets keys after 24 hours (the purge job) and lets a key be used again then', async () => {
      const key = unique('k');
      const body = newCustomer();
      await api(t.app, 'POST', '/api/v1/customers', { key: full.key, idempotencyKey: key, body });
      t.clock.advanceHours(25);
      const purged = await purgeExpiredIdempotencyKeys(t.database.db, t.clock.now());
      expect(purged).toBeGreaterThanOrEqual(1);
      const left = await t.database.db
        .selectFrom('apiIdempotencyKeys')
        .select('id')
        .where('idempotencyKey', '=', key)
        .execute();
      expect(left).toHaveLength(0);
      const reused = await api(t.app, 'POST', '/api/v1/customers', {
        key: full.key,
        idempotencyKey: key,
        body: newCustomer(),
      });
      expect(reused.statusCode).toBe(201);
    });
  });
});

describe('API rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t?.close());

  it('limits requests without a key per address, with a problem and Retry-After', async () => {
    let last = await api(t.app, 'GET', '/api/v1/workshops');
    for (let i = 1; i <= 60 && last.statusCode === 200; i++)
      last = await api(t.app, 'GET', '/api/v1/products');
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toBe(PROBLEM);
    expect(last.headers['retry-after']).toBeDefined();
    expect(last.json()).toMatchObject({ status: 429, title: 'Demasiadas solicitudes' });
    // The reference page is not counted.
    expect((await api(t.app, 'GET', '/api/v1/docs/')).statusCode).toBe(200);
    expect((await api(t.app, 'GET', '/api/v1/openapi.json')).statusCode).toBe(200);
    // A key has its own allowance.
    const key = await createTestApiKey(t);
    expect((await api(t.app, 'GET', '/api/v1/workshops', { key: key.key })).statusCode).toBe(200);
  });
});
