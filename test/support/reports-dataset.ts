import type { Db } from '../../src/db/database';
import type { EnrollmentStatus, PaymentKind, PaymentMethod, SaleStatus } from '../../src/db/schema';
import { rebuildPaymentDays } from '../../src/domain/payments';
import { createCompany, createCustomer, createInterest, createProduct, createWorkshop } from './factories';

/**
 * A small centre whose report figures were worked out by hand (see reports.test.ts). Times are UTC;
 * Santiago is UTC-3 until 5 April 2026 and UTC-4 after. Highlights:
 * - a payment at 23:30 on 31 March in Santiago (02:30 UTC on 1 April) belongs to March, and one at
 *   23:30 on 28 February (02:30 UTC on 1 March) to February;
 * - Ana enrols in Resina and buys kits on the same day; Dani's enrollment is paid, cancelled and refunded;
 * - Beto's enrollment is partly paid (ABONADO); the Mindfulness workshop has no revenue;
 * - December 2025 and January 2026 have no sales at all.
 */
export async function buildReportsDataset(db: Db) {
  const resina = await createInterest(db, 'Resina');
  const encuadernacion = await createInterest(db, 'Encuadernación');
  const mindfulness = await createInterest(db, 'Mindfulness');
  const andes = await createCompany(db, { legalName: 'Constructora Andes SpA' });

  const ana = await createCustomer(db, { fullName: 'Ana Muñoz', createdAt: '2026-03-05T15:00:00.000Z' });
  const beto = await createCustomer(db, { fullName: 'Beto Soto', createdAt: '2026-02-10T15:00:00.000Z' });
  const carla = await createCustomer(db, {
    fullName: 'Carla Díaz',
    customerType: 'B2B',
    companyId: andes.id,
    createdAt: '2025-12-01T15:00:00.000Z',
  });
  const dani = await createCustomer(db, { fullName: 'Dani Pérez', createdAt: '2026-03-20T15:00:00.000Z' });

  const w1 = await createWorkshop(db, {
    name: 'Resina para principiantes',
    categoryId: resina.id,
    modality: 'PRESENCIAL',
    priceClp: 45000,
    totalSeats: 10,
    seatsTaken: 3,
    startsAt: '2026-03-14T13:30:00.000Z',
  });
  const w2 = await createWorkshop(db, {
    name: 'Encuadernación japonesa',
    categoryId: encuadernacion.id,
    modality: 'ONLINE',
    priceClp: 30000,
    totalSeats: 20,
    seatsTaken: 2,
    startsAt: '2026-03-28T13:00:00.000Z',
  });
  const w3 = await createWorkshop(db, {
    name: 'Meditación y mandalas',
    categoryId: mindfulness.id,
    priceClp: 25000,
    totalSeats: 8,
    startsAt: '2026-03-21T13:00:00.000Z',
  });
  const w4 = await createWorkshop(db, {
    name: 'Resina de otoño',
    categoryId: resina.id,
    priceClp: 40000,
    totalSeats: 15,
    seatsTaken: 1,
    startsAt: '2025-11-10T14:00:00.000Z',
    isActive: false,
  });
  const kitResina = await createProduct(db, { name: 'Kit Resina', categoryId: resina.id, priceClp: 15000 });
  const kitEncuadernacion = await createProduct(db, {
    name: 'Kit Encuadernación',
    categoryId: encuadernacion.id,
    priceClp: 10000,
  });

  const enroll = async (
    customerId: number,
    workshopId: number,
    due: number,
    paid: number,
    status: EnrollmentStatus,
    createdAt: string,
    cancelledAt: string | null = null,
  ) =>
    (
      await db
        .insertInto('enrollments')
        .values({
          customerId,
          workshopId,
          amountDueClp: due,
          amountPaidClp: paid,
          status,
          createdAt,
          cancelledAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const sell = async (
    customerId: number,
    status: SaleStatus,
    createdAt: string,
    lines: { productId: number; quantity: number; price: number }[],
  ) => {
    const total = lines.reduce((sum, l) => sum + l.quantity * l.price, 0);
    const sale = await db
      .insertInto('sales')
      .values({
        customerId,
        totalClp: total,
        status,
        createdAt,
        paidAt: status === 'PAGADO' ? createdAt : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('saleLines')
      .values(
        lines.map((l) => ({
          saleId: sale.id,
          productId: l.productId,
          quantity: l.quantity,
          unitPriceClp: l.price,
        })),
      )
      .execute();
    return sale.id;
  };
  let ref = 0;
  const pay = async (
    target: { enrollmentId: number } | { saleId: number },
    amountClp: number,
    method: PaymentMethod,
    paidAt: string,
    kind: PaymentKind = 'PAYMENT',
  ) =>
    (
      await db
        .insertInto('payments')
        .values({ ...target, amountClp, method, paidAt, kind, reference: `T-${++ref}` })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  const e1 = await enroll(ana.id, w1.id, 45000, 45000, 'PAGADO', '2026-03-10T14:00:00.000Z');
  const p1 = await pay({ enrollmentId: e1 }, 45000, 'tarjeta', '2026-03-10T14:05:00.000Z');
  const s1 = await sell(ana.id, 'PAGADO', '2026-03-10T18:00:00.000Z', [
    { productId: kitResina.id, quantity: 1, price: 15000 },
    { productId: kitEncuadernacion.id, quantity: 2, price: 10000 },
  ]);
  const p2 = await pay({ saleId: s1 }, 35000, 'simulado', '2026-03-10T18:00:00.000Z');
  const e2 = await enroll(beto.id, w1.id, 45000, 20000, 'ABONADO', '2026-03-02T12:00:00.000Z');
  const p3 = await pay({ enrollmentId: e2 }, 20000, 'transferencia', '2026-03-02T12:00:00.000Z');
  // 23:25 and 23:30 on 31 March in Santiago.
  const e3 = await enroll(carla.id, w2.id, 30000, 30000, 'PAGADO', '2026-04-01T02:25:00.000Z');
  const p4 = await pay({ enrollmentId: e3 }, 30000, 'transferencia', '2026-04-01T02:30:00.000Z');
  const e4 = await enroll(
    dani.id,
    w2.id,
    30000,
    0,
    'ANULADO',
    '2026-03-21T15:00:00.000Z',
    '2026-03-22T15:00:00.000Z',
  );
  const p5 = await pay({ enrollmentId: e4 }, 30000, 'efectivo', '2026-03-21T15:00:00.000Z');
  const p6 = await pay({ enrollmentId: e4 }, 30000, 'efectivo', '2026-03-22T15:00:00.000Z', 'REFUND');
  const e5 = await enroll(beto.id, w4.id, 40000, 40000, 'PAGADO', '2025-11-05T15:00:00.000Z');
  await pay({ enrollmentId: e5 }, 40000, 'efectivo', '2025-11-05T15:00:00.000Z');
  await enroll(carla.id, w1.id, 45000, 0, 'PENDIENTE', '2026-02-20T15:00:00.000Z');
  await sell(beto.id, 'PENDIENTE', '2026-03-25T15:00:00.000Z', [
    { productId: kitResina.id, quantity: 1, price: 15000 },
  ]);
  const s3 = await sell(carla.id, 'PAGADO', '2026-02-14T15:00:00.000Z', [
    { productId: kitEncuadernacion.id, quantity: 1, price: 10000 },
  ]);
  await pay({ saleId: s3 }, 10000, 'tarjeta', '2026-02-14T15:00:00.000Z');
  // 23:30 on 28 February in Santiago: February, although it is already 1 March in UTC.
  const e7 = await enroll(beto.id, w2.id, 30000, 30000, 'PAGADO', '2026-02-25T15:00:00.000Z');
  await pay({ enrollmentId: e7 }, 30000, 'transferencia', '2026-03-01T02:30:00.000Z');

  await db
    .insertInto('waitlistEntries')
    .values([
      { workshopId: w1.id, customerId: dani.id, status: 'WAITING', createdAt: '2026-03-15T15:00:00.000Z' },
      { workshopId: w1.id, customerId: carla.id, status: 'LEFT', createdAt: '2026-02-15T15:00:00.000Z' },
    ])
    .execute();
  // The payments above went in directly, as a seed writes them: the daily summary is built from them.
  await rebuildPaymentDays(db);

  return {
    categories: { resina, encuadernacion, mindfulness },
    company: andes,
    customers: { ana, beto, carla, dani },
    workshops: { w1, w2, w3, w4 },
    kits: { kitResina, kitEncuadernacion },
    marchPayments: { p1, p2, p3, p4, p5, p6 },
  };
}
