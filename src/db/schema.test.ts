import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyTestDb, createTestDb, type TestDb } from '../../test/support/db';
import {
  createCompany,
  createCustomer,
  createProduct,
  createUser,
  createWorkshop,
} from '../../test/support/factories';
import { createMigrator, migrateDown, migrateToLatest, migrationStatus } from './migrator';

describe('migrations', () => {
  it('go up, down and up again', async () => {
    const database = await createEmptyTestDb();
    try {
      await migrateToLatest(database.db);
      expect((await migrationStatus(database.db)).every((m) => m.executedAt)).toBe(true);
      await createWorkshop(database.db);
      for (const _ of await migrationStatus(database.db)) await migrateDown(database.db);
      expect((await migrationStatus(database.db)).some((m) => m.executedAt)).toBe(false);
      const tables = await database.db.introspection.getTables();
      expect(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_'))).toEqual([]);
      await migrateToLatest(database.db);
      expect((await database.db.selectFrom('workshops').selectAll().execute()).length).toBe(0);
    } finally {
      await database.drop();
    }
  });
});

describe('migration 0800 (security)', () => {
  it('redacts reset links already stored, voids their tokens and keeps folded duplicates apart', async () => {
    const database = await createEmptyTestDb();
    try {
      await createMigrator(database.db).migrateTo('0700_reports_indexes');
      // Rows as the application wrote them before 0800 (raw SQL: today's types have new columns).
      const link = `https://tmm.cl/cuenta/recuperar/${'A'.repeat(43)}/`;
      await sql`insert into users (email, name, password_hash) values ('a@tmm.cl', 'A', 'x')`.execute(
        database.db,
      );
      await sql`insert into user_tokens (user_id, purpose, token_hash, expires_at) values (1, 'password_reset', 'h', '2099-01-01T00:00:00.000Z')`.execute(
        database.db,
      );
      await sql`insert into email_outbox (to_address, subject, body_text, body_html, template, next_attempt_at) values ('a@tmm.cl', 'Recupera', ${`Abre ${link}`}, ${`<a href="${link}">${link}</a>`}, 'password_reset', '2026-01-01T00:00:00.000Z')`.execute(
        database.db,
      );
      await sql`insert into email_log (outbox_id, subject, body_text, status) values (1, 'Recupera', ${`Abre ${link}`}, 'SUCCESS')`.execute(
        database.db,
      );
      await sql`insert into interests (name) values ('Óleo'), ('ÓLEO')`.execute(database.db);
      await migrateToLatest(database.db);

      const outbox = await database.db.selectFrom('emailOutbox').selectAll().executeTakeFirstOrThrow();
      expect(outbox.bodyText).toBe('Abre [enlace privado]');
      expect(outbox.bodyHtml).toBe('<a href="[enlace privado]">[enlace privado]</a>');
      const log = await database.db.selectFrom('emailLog').selectAll().executeTakeFirstOrThrow();
      expect(log.bodyText).toBe('Abre [enlace privado]');
      const token = await database.db.selectFrom('userTokens').selectAll().executeTakeFirstOrThrow();
      expect(token.usedAt).not.toBeNull();
      const keys = await database.db.selectFrom('interests').select('nameKey').orderBy('id').execute();
      expect(keys.map((k) => k.nameKey)).toEqual(['oleo', 'oleo #2']);
    } finally {
      await database.drop();
    }
  });
});

describe('migration 0900 (search text)', () => {
  it('rebuilds every customer search text with the RUT as staff type it', async () => {
    const database = await createEmptyTestDb();
    try {
      await createMigrator(database.db).migrateTo('0800_security');
      await sql`insert into customers (full_name, email, rut, search_text) values ('Ana Pérez', 'ana@x.cl', '12345678-5', 'ana perez ana@x.cl')`.execute(
        database.db,
      );
      await migrateToLatest(database.db);
      const row = await database.db.selectFrom('customers').select('searchText').executeTakeFirstOrThrow();
      expect(row.searchText).toBe('ana perez ana@x.cl 12345678-5 12.345.678-5 123456785');
    } finally {
      await database.drop();
    }
  });
});

describe('migration 1500 (online payments)', () => {
  it('keeps every payment and its indexes, accepts the providers as methods and clears expiry from cancellations', async () => {
    const database = await createEmptyTestDb();
    try {
      await createMigrator(database.db).migrateTo('0900_search_text');
      const { db } = database;
      await sql`insert into customers (full_name, email, search_text) values ('Ana', 'ana@x.cl', 'ana')`.execute(
        db,
      );
      await sql`insert into workshops (name, description, starts_at, duration_minutes, price_clp, total_seats) values ('Resina', 'x', '2026-06-13T14:30:00.000Z', 60, 45000, 10)`.execute(
        db,
      );
      // A lapsed hold (expired at the deadline) and a cancellation before it.
      await sql`insert into enrollments (customer_id, workshop_id, amount_due_clp, status, expires_at, cancelled_at) values
        (1, 1, 45000, 'ANULADO', '2026-03-01T10:00:00.000Z', '2026-03-01T10:01:00.000Z'),
        (1, 1, 45000, 'ANULADO', '2026-03-05T10:00:00.000Z', '2026-03-01T10:00:00.000Z'),
        (1, 1, 45000, 'PAGADO', null, null)`.execute(db);
      await sql`insert into payments (enrollment_id, amount_clp, method, reference, idempotency_key, paid_at) values (3, 45000, 'efectivo', 'PAG-1', 'k1', '2026-03-01T10:00:00.000Z')`.execute(
        db,
      );
      await migrateToLatest(db);

      const payment = await db.selectFrom('payments').selectAll().executeTakeFirstOrThrow();
      expect(payment).toMatchObject({
        id: 1,
        amountClp: 45000,
        method: 'efectivo',
        idempotencyKey: 'k1',
        attemptId: null,
      });
      await expect(
        db
          .insertInto('payments')
          .values({
            enrollmentId: 3,
            amountClp: 1,
            method: 'efectivo',
            reference: 'x',
            idempotencyKey: 'k1',
            paidAt: payment.paidAt,
          })
          .execute(),
      ).rejects.toThrow();
      await db
        .insertInto('payments')
        .values({
          enrollmentId: 3,
          kind: 'REFUND',
          amountClp: 1,
          method: 'webpay',
          reference: 'x',
          paidAt: payment.paidAt,
        })
        .execute();
      await expect(
        db
          .insertInto('payments')
          .values({
            enrollmentId: 3,
            amountClp: 1,
            method: 'cheque' as never,
            reference: 'x',
            paidAt: payment.paidAt,
          })
          .execute(),
      ).rejects.toThrow();
      const indexes = await db.introspection.getTables();
      expect(indexes.some((t) => t.name === 'payment_attempts')).toBe(true);
      const expiries = await db.selectFrom('enrollments').select(['id', 'expiresAt']).orderBy('id').execute();
      expect(expiries.map((e) => e.expiresAt === null)).toEqual([false, true, true]);
      const settings = await db
        .selectFrom('paymentProviderSettings')
        .selectAll()
        .orderBy('provider')
        .execute();
      expect(settings.map((r) => [r.provider, r.isEnabled])).toEqual([
        ['mercadopago', false],
        ['simulated', true],
        ['webpay', false],
      ]);

      await createMigrator(db).migrateTo('0900_search_text');
      const methods = await db.selectFrom('payments').select('method').orderBy('id').execute();
      expect(methods.map((m) => m.method)).toEqual(['efectivo', 'tarjeta']);
    } finally {
      await database.drop();
    }
  });
});

describe('migration 1600 (kit fulfilment)', () => {
  it('makes earlier orders pickups, the paid ones handed over, and lists the 16 regions unavailable', async () => {
    const database = await createEmptyTestDb();
    try {
      await createMigrator(database.db).migrateTo('1210_sale_lines_cover');
      await sql`insert into customers (full_name, email, search_text) values ('Ana Pérez', 'ana@x.cl', 'ana')`.execute(
        database.db,
      );
      await sql`insert into sales (customer_id, total_clp, status) values (1, 9000, 'PAGADO'), (1, 5000, 'PENDIENTE'), (1, 7000, 'ANULADO')`.execute(
        database.db,
      );
      await migrateToLatest(database.db);
      const sales = await database.db
        .selectFrom('sales')
        .select(['status', 'fulfilmentMethod', 'fulfilmentStatus', 'shippingClp', 'deliveredAt'])
        .orderBy('id')
        .execute();
      expect(sales).toEqual([
        {
          status: 'PAGADO',
          fulfilmentMethod: 'pickup',
          fulfilmentStatus: 'ENTREGADO',
          shippingClp: 0,
          deliveredAt: null,
        },
        {
          status: 'PENDIENTE',
          fulfilmentMethod: 'pickup',
          fulfilmentStatus: 'POR_PREPARAR',
          shippingClp: 0,
          deliveredAt: null,
        },
        {
          status: 'ANULADO',
          fulfilmentMethod: 'pickup',
          fulfilmentStatus: 'POR_PREPARAR',
          shippingClp: 0,
          deliveredAt: null,
        },
      ]);
      const rates = await database.db
        .selectFrom('shippingRates')
        .select(['regionCode', 'regionName', 'isAvailable'])
        .orderBy('position')
        .execute();
      expect(rates).toHaveLength(16);
      expect(rates[0]).toEqual({ regionCode: 'AP', regionName: 'Arica y Parinacota', isAvailable: false });
      expect(rates.map((r) => r.regionCode)).toContain('VS');
      expect(rates.at(-1)?.regionName).toBe('Magallanes');
      await expect(
        database.db
          .updateTable('sales')
          .set({ fulfilmentStatus: 'PERDIDO' as never })
          .execute(),
      ).rejects.toThrow();
      await expect(database.db.updateTable('sales').set({ shippingClp: -1 }).execute()).rejects.toThrow();
      await expect(
        database.db
          .updateTable('sales')
          .set({ fulfilmentMethod: 'drone' as never })
          .execute(),
      ).rejects.toThrow();
      await expect(
        database.db.updateTable('shippingRates').set({ priceClp: -5 }).execute(),
      ).rejects.toThrow();
    } finally {
      await database.drop();
    }
  });
});

describe('the database enforces the rules', () => {
  let database: TestDb;
  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => database.drop());

  const rejects = async (promise: Promise<unknown>) => {
    await expect(promise).rejects.toThrow();
  };

  it('keeps user e-mails unique regardless of case', async () => {
    await createUser(database.db, { email: 'Ana@Example.cl' });
    await rejects(createUser(database.db, { email: 'ana@example.cl' }));
  });

  it('keeps usernames unique', async () => {
    await createUser(database.db, { username: 'locust1' });
    await rejects(createUser(database.db, { username: 'locust1' }));
  });

  it('accepts only known roles', async () => {
    await rejects(createUser(database.db, { role: 'superuser' as never }));
  });

  it('keeps customer e-mails unique regardless of case and refuses an empty one', async () => {
    await createCustomer(database.db, { email: 'maria@example.cl' });
    await rejects(createCustomer(database.db, { email: 'MARIA@example.cl' }));
    await rejects(createCustomer(database.db, { email: '' }));
  });

  it('accepts only B2C and B2B customers', async () => {
    await rejects(
      database.db
        .insertInto('customers')
        .values({ fullName: 'X', email: 'tipo@example.cl', customerType: 'B2X' as never })
        .execute(),
    );
  });

  it('keeps company names and RUTs unique, and RUTs normalised', async () => {
    await createCompany(database.db, { legalName: 'Empresa Única', rut: '76086428-5' });
    await rejects(createCompany(database.db, { legalName: 'Empresa Única' }));
    await rejects(createCompany(database.db, { rut: '76086428-5' }));
    await rejects(createCompany(database.db, { rut: '76.086.428' }));
    // Several companies may have no RUT.
    await createCompany(database.db, { rut: null });
    await createCompany(database.db, { rut: null });
  });

  it('refuses negative seats and prices, and more seats taken than exist', async () => {
    await rejects(createWorkshop(database.db, { totalSeats: -1 }));
    await rejects(createWorkshop(database.db, { priceClp: -100 }));
    await rejects(createWorkshop(database.db, { totalSeats: 2, seatsTaken: 3 }));
    const w = await createWorkshop(database.db, { totalSeats: 1 });
    await rejects(
      database.db.updateTable('workshops').set({ seatsTaken: -1 }).where('id', '=', w.id).execute(),
    );
    await rejects(
      database.db.updateTable('workshops').set({ seatsTaken: 2 }).where('id', '=', w.id).execute(),
    );
  });

  it('keeps workshop names unique and modalities from the list', async () => {
    await createWorkshop(database.db, { name: 'Resina única' });
    await rejects(createWorkshop(database.db, { name: 'Resina única' }));
    await rejects(createWorkshop(database.db, { modality: 'HIBRIDO' as never }));
  });

  it('allows one active enrollment per customer and workshop, but keeps cancelled ones as history', async () => {
    const w = await createWorkshop(database.db);
    const c = await createCustomer(database.db);
    const enroll = (status: 'PENDIENTE' | 'ANULADO' | 'PAGADO') =>
      database.db
        .insertInto('enrollments')
        .values({ customerId: c.id, workshopId: w.id, amountDueClp: 45000, status })
        .execute();
    await enroll('ANULADO');
    await enroll('ANULADO');
    await enroll('PENDIENTE');
    await rejects(enroll('PAGADO'));
  });

  it('accepts only the four enrollment statuses and non-negative amounts', async () => {
    const w = await createWorkshop(database.db);
    const c = await createCustomer(database.db);
    await rejects(
      database.db
        .insertInto('enrollments')
        .values({ customerId: c.id, workshopId: w.id, amountDueClp: 1000, status: 'BOGUSVALUE1' as never })
        .execute(),
    );
    await rejects(
      database.db
        .insertInto('enrollments')
        .values({ customerId: c.id, workshopId: w.id, amountDueClp: -1 })
        .execute(),
    );
    await rejects(
      database.db
        .insertInto('enrollments')
        .values({ customerId: c.id, workshopId: w.id, amountDueClp: 1000, amountPaidClp: 2000 })
        .execute(),
    );
  });

  it('refuses negative stock and prices, and duplicate product names', async () => {
    await rejects(createProduct(database.db, { stock: -1 }));
    await rejects(createProduct(database.db, { priceClp: -1 }));
    await createProduct(database.db, { name: 'Kit único' });
    await rejects(createProduct(database.db, { name: 'Kit único' }));
  });

  it('protects a sold product from deletion and cascades sale lines with their sale', async () => {
    const c = await createCustomer(database.db);
    const p = await createProduct(database.db);
    const sale = await database.db
      .insertInto('sales')
      .values({ customerId: c.id, totalClp: 15000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('saleLines')
      .values({ saleId: sale.id, productId: p.id, quantity: 1, unitPriceClp: 15000 })
      .execute();
    await rejects(database.db.deleteFrom('products').where('id', '=', p.id).execute());
    await rejects(
      database.db
        .insertInto('saleLines')
        .values({ saleId: sale.id, productId: p.id, quantity: 0, unitPriceClp: 1 })
        .execute(),
    );
    await rejects(
      database.db
        .insertInto('sales')
        .values({ customerId: c.id, totalClp: 1, status: 'REEMBOLSADO' as never })
        .execute(),
    );
    await database.db.deleteFrom('sales').where('id', '=', sale.id).execute();
    expect(
      await database.db.selectFrom('saleLines').select('id').where('saleId', '=', sale.id).execute(),
    ).toEqual([]);
  });

  it('sets a deleted company to null on its contacts and a deleted category to null on workshops', async () => {
    const company = await createCompany(database.db);
    const contact = await createCustomer(database.db, { companyId: company.id, customerType: 'B2B' });
    await database.db.deleteFrom('companies').where('id', '=', company.id).execute();
    const row = await database.db
      .selectFrom('customers')
      .select('companyId')
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(row.companyId).toBeNull();
  });

  it('requires a payment to be for exactly one enrollment or sale, with a positive amount and known method', async () => {
    const w = await createWorkshop(database.db);
    const c = await createCustomer(database.db);
    const e = await database.db
      .insertInto('enrollments')
      .values({ customerId: c.id, workshopId: w.id, amountDueClp: 1000 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const payment = (values: Record<string, unknown>) =>
      database.db
        .insertInto('payments')
        .values({ amountClp: 1000, method: 'efectivo', reference: 'R', paidAt: now, ...values } as never)
        .execute();
    await payment({ enrollmentId: e.id });
    await rejects(payment({}));
    await rejects(payment({ enrollmentId: e.id, amountClp: 0 }));
    await rejects(payment({ enrollmentId: e.id, method: 'bitcoin' }));
    await payment({ enrollmentId: e.id, idempotencyKey: 'k1' });
    await rejects(payment({ enrollmentId: e.id, idempotencyKey: 'k1' }));
  });

  it('decodes booleans and timestamps the same way on both databases', async () => {
    const w = await createWorkshop(database.db, { isActive: false });
    const row = await database.db
      .selectFrom('workshops')
      .select(['isActive', 'startsAt', 'createdAt'])
      .where('id', '=', w.id)
      .executeTakeFirstOrThrow();
    expect(row.isActive).toBe(false);
    expect(row.startsAt).toBe('2026-06-13T14:30:00.000Z');
    expect(row.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const count = await database.db
      .selectFrom('workshops')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(typeof count.n).toBe('number');
  });
});
