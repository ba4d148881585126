import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import type { ServiceContext } from '../../src/domain/context';
import { enrollCustomer } from '../../src/domain/enrollments/enrollments.service';
import { recordEnrollmentPayment } from '../../src/domain/payments/payments.service';
import { checkout } from '../../src/domain/sales/checkout.service';
import { buildTestApp, type TestApp } from '../support/app';
import { createCustomer, createProduct, createWorkshop } from '../support/factories';

/** The lifecycle stage moves by itself as customers enroll, order and pay. */
describe('customer lifecycle', () => {
  let t: TestApp;
  let ctx: ServiceContext;
  beforeAll(async () => {
    t = await buildTestApp();
    ctx = { now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl };
  });
  afterAll(async () => t.close());

  const stage = async (id: number) =>
    await t.database.db
      .selectFrom('customers')
      .select(['lifecycleStage', 'lastActivityAt'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('makes a lead a prospect at the first enrollment and a customer at the first payment', async () => {
    const customer = await createCustomer(t.database.db);
    const workshop = await createWorkshop(t.database.db, { startsAt: '2026-06-13T14:30:00.000Z' });
    expect((await stage(customer.id)).lifecycleStage).toBe('lead');

    const { enrollmentId } = await inTransaction(t.database, (trx) =>
      enrollCustomer(trx, { workshopId: workshop.id, customerId: customer.id }, ctx),
    );
    const afterEnroll = await stage(customer.id);
    expect(afterEnroll.lifecycleStage).toBe('prospect');
    expect(afterEnroll.lastActivityAt).toBe(ctx.now.toISOString());

    await inTransaction(t.database, (trx) =>
      recordEnrollmentPayment(trx, { enrollmentId, method: 'efectivo' }, ctx),
    );
    expect((await stage(customer.id)).lifecycleStage).toBe('customer');
  });

  it('makes a lead a prospect when they place an order, and never moves a customer back', async () => {
    const customer = await createCustomer(t.database.db);
    const product = await createProduct(t.database.db, { stock: 5 });
    await t.database.db
      .insertInto('cartItems')
      .values({ customerId: customer.id, productId: product.id, quantity: 1 })
      .execute();
    await inTransaction(t.database, (trx) => checkout(trx, customer.id, ctx, { expiryHours: 2 }));
    expect((await stage(customer.id)).lifecycleStage).toBe('prospect');

    await t.database.db
      .updateTable('customers')
      .set({ lifecycleStage: 'customer' })
      .where('id', '=', customer.id)
      .execute();
    await t.database.db
      .insertInto('cartItems')
      .values({ customerId: customer.id, productId: product.id, quantity: 1 })
      .execute();
    await inTransaction(t.database, (trx) => checkout(trx, customer.id, ctx, { expiryHours: 2 }));
    expect((await stage(customer.id)).lifecycleStage).toBe('customer');
  });
});
