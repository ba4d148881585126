import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../db/database';
import type { EnrollmentStatus, Modality, PaymentMethod, SaleStatus } from '../db/schema';
import { companyNameKey, customerSearchText } from '../domain/customers';
import { rebuildPaymentDays } from '../domain/payments';
import { DomainError } from '../lib/errors';
import { progressBar } from '../lib/progress';

/**
 * `tmm seed --scale N`: a realistic centre N times the size of a busy year, for the reports'
 * performance work. At N = 50: 50,000 customers, 200,000 enrollments, 50,000 kit orders with their
 * payments and refunds, spread over the last 13 months and the next one. Everything the invariants
 * of `tmm check` demand holds: seats_taken = active enrollments, payments − refunds = amount paid.
 *
 * Rows go in as multi-row INSERTs, a few thousand per statement inside one transaction per chunk:
 * row-by-row inserts would take over half an hour at this size on PostgreSQL.
 */

const PER_UNIT = { customers: 1000, enrollments: 4000, sales: 1000, companies: 3 } as const;
const DAY = 24 * 3600_000;
const HISTORY_DAYS = 395;
const CUSTOMER_HISTORY_DAYS = 450;
const MARKER = '· escala';

type Log = (line: string) => void;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Camila', 'Valentina', 'Javiera', 'Francisca', 'Catalina', 'Constanza', 'Fernanda', 'Daniela'];
const MORE_FIRST = ['José', 'Matías', 'Sofía', 'Isidora', 'Antonia', 'Martina', 'Paula', 'Andrés', 'Tomás'];
const LAST = [
  'Rojas',
  'González',
  'Muñoz',
  'Díaz',
  'Pérez',
  'Soto',
  'Contreras',
  'Silva',
  'Martínez',
  'Araya',
];
const THEMES = [
  'Resina',
  'Encuadernación',
  'Timbres',
  'Cajas de regalo',
  'Meditación',
  'Bienestar en equipo',
  'Cerámica en frío',
];
const METHODS: PaymentMethod[] = ['simulado', 'transferencia', 'efectivo', 'tarjeta'];

/** Inserts in slices small enough for both engines' bound-parameter limits. */
async function insertMany<T>(rows: T[], size: number, insert: (slice: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Returned rows must come back in VALUES order; checked, because ids are matched by position. */
function checkOrder<T, R>(sent: T[], got: R[], same: (a: T, b: R) => boolean) {
  if (got.length !== sent.length || !sent.every((row, i) => same(row, got[i]!)))
    throw new Error('El motor devolvió las filas insertadas en otro orden: no se puede continuar.');
}

export type ScaleSummary = {
  customers: number;
  workshops: number;
  enrollments: number;
  sales: number;
  payments: number;
  waitlist: number;
};

export async function seedScale(
  db: Db,
  options: { scale: number; now: Date; log?: Log },
): Promise<ScaleSummary> {
  const { scale, now } = options;
  const existing = await db
    .selectFrom('workshops')
    .select('id')
    .where('name', 'like', `%${MARKER}%`)
    .limit(1)
    .executeTakeFirst();
  if (existing)
    throw new DomainError(
      'scale_already_seeded',
      'Esta base ya tiene datos a escala: usa una base nueva para volver a generarlos.',
    );
  const rand = prng(20260501 + scale);
  const between = (a: number, b: number) => a + rand() * (b - a);
  const int = (a: number, b: number) => Math.floor(between(a, b + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const nowMs = now.getTime();

  const categories = await db.selectFrom('interests').select(['id', 'name']).orderBy('id').execute();
  const products = await db
    .selectFrom('products')
    .select(['id', 'priceClp'])
    .where('kind', '=', 'kit')
    .orderBy('id')
    .execute();
  if (categories.length === 0 || products.length === 0)
    throw new DomainError('scale_needs_demo', 'Faltan categorías o productos: ejecuta primero "tmm seed".');

  const target = {
    customers: PER_UNIT.customers * scale,
    enrollments: PER_UNIT.enrollments * scale,
    sales: PER_UNIT.sales * scale,
  };
  const bar = progressBar(`Datos a escala ×${scale}`, target.customers + target.enrollments + target.sales);
  const summary: ScaleSummary = {
    customers: 0,
    workshops: 0,
    enrollments: 0,
    sales: 0,
    payments: 0,
    waitlist: 0,
  };

  // Companies and customers, oldest first, so "customers who existed by then" is a prefix of the list.
  const companyIds = (
    await db
      .insertInto('companies')
      .values(
        Array.from({ length: PER_UNIT.companies * scale }, (_, i) => ({
          legalName: `Empresa ${i + 1} ${MARKER} SpA`,
          nameKey: companyNameKey(`Empresa ${i + 1} ${MARKER} SpA`),
          createdAt: iso(nowMs - CUSTOMER_HISTORY_DAYS * DAY),
          updatedAt: iso(nowMs - CUSTOMER_HISTORY_DAYS * DAY),
        })),
      )
      .returning('id')
      .execute()
  ).map((r) => r.id);

  const customerTimes = Array.from({ length: target.customers }, () =>
    Math.floor(between(nowMs - CUSTOMER_HISTORY_DAYS * DAY, nowMs - DAY)),
  ).sort((a, b) => a - b);
  const customerIds: number[] = [];
  const CUSTOMER_CHUNK = 5000;
  for (let start = 0; start < target.customers; start += CUSTOMER_CHUNK) {
    const rows = customerTimes.slice(start, start + CUSTOMER_CHUNK).map((createdAt, k) => {
      const n = start + k + 1;
      const b2b = rand() < 0.1;
      const fullName = `${pick(rand() < 0.7 ? FIRST : MORE_FIRST)} ${pick(LAST)} ${pick(LAST)}`;
      const email = `cliente${n}.escala${scale}@example.cl`;
      const phone = `+569${int(10000000, 99999999)}`;
      return {
        fullName,
        email,
        phone,
        customerType: b2b ? ('B2B' as const) : ('B2C' as const),
        companyId: b2b ? pick(companyIds) : null,
        lifecycleStage: 'customer' as const,
        searchText: customerSearchText({ fullName, email, phone }),
        createdAt: iso(createdAt),
        updatedAt: iso(createdAt),
      };
    });
    await db.transaction().execute(async (trx) => {
      await insertMany(rows, 1000, async (slice) => {
        const got = await trx.insertInto('customers').values(slice).returning(['id', 'email']).execute();
        checkOrder(slice, got, (a, b) => a.email === b.email);
        customerIds.push(...got.map((r) => r.id));
      });
    });
    summary.customers += rows.length;
    bar.tick(rows.length);
  }
  /** How many customers existed at an instant (binary search over the sorted creation times). */
  const customersBy = (ms: number) => {
    let lo = 0;
    let hi = customerTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (customerTimes[mid]! <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  // Workshops with their enrollments, payments and waitlists, a chunk per transaction.
  let workshopNumber = 0;
  while (summary.enrollments < target.enrollments) {
    await db.transaction().execute(async (trx: Tx) => {
      type Plan = {
        workshop: {
          name: string;
          description: string;
          categoryId: number;
          startsAt: string;
          durationMinutes: number;
          modality: Modality;
          location: string | null;
          onlineUrl: string | null;
          priceClp: number;
          totalSeats: number;
          seatsTaken: number;
          isActive: boolean;
          createdAt: string;
          updatedAt: string;
        };
        enrollments: {
          customerIndex: number;
          status: EnrollmentStatus;
          due: number;
          paid: number;
          createdAt: number;
          cancelledAt: number | null;
          refunded: number;
          split: boolean;
        }[];
        waitlist: { customerIndex: number; createdAt: number; past: boolean }[];
      };
      const plans: Plan[] = [];
      let planned = 0;
      while (plans.length < 200 && summary.enrollments + planned < target.enrollments) {
        const category = pick(categories);
        const startsAt =
          Math.floor(between(nowMs - HISTORY_DAYS * DAY, nowMs + 30 * DAY) / 1800_000) * 1800_000;
        const past = startsAt < nowMs;
        const modality: Modality = rand() < 0.25 ? 'ONLINE' : 'PRESENCIAL';
        const price = int(18, 60) * 1000;
        const totalSeats = int(30, 60);
        const wanted = Math.min(
          Math.round(totalSeats * between(past ? 0.45 : 0.2, 0.95)),
          target.enrollments - summary.enrollments - planned,
        );
        const chosen = new Set<number>();
        const enrollments: Plan['enrollments'] = [];
        for (let attempt = 0; enrollments.length < wanted && attempt < wanted * 3; attempt++) {
          const createdAt = Math.min(nowMs - 3600_000, startsAt - Math.floor(between(3600_000, 40 * DAY)));
          const available = customersBy(createdAt);
          if (available === 0) continue;
          const customerIndex = Math.floor(rand() * available);
          if (chosen.has(customerIndex)) continue;
          chosen.add(customerIndex);
          const roll = rand();
          const status: EnrollmentStatus = past
            ? roll < 0.8
              ? 'PAGADO'
              : roll < 0.85
                ? 'ABONADO'
                : roll < 0.88
                  ? 'PENDIENTE'
                  : 'ANULADO'
            : roll < 0.5
              ? 'PAGADO'
              : roll < 0.65
                ? 'ABONADO'
                : roll < 0.9
                  ? 'PENDIENTE'
                  : 'ANULADO';
          const cancelledAt =
            status === 'ANULADO' ? Math.min(nowMs - 60_000, createdAt + between(0, 5 * DAY)) : null;
          const refunded = status === 'ANULADO' && rand() < 0.5 ? price : 0;
          const paid =
            status === 'PAGADO'
              ? price
              : status === 'ABONADO'
                ? Math.round((price * between(0.3, 0.6)) / 1000) * 1000
                : 0;
          enrollments.push({
            customerIndex,
            status,
            due: price,
            paid,
            createdAt,
            cancelledAt,
            refunded,
            split: status === 'PAGADO' && rand() < 0.2,
          });
        }
        const active = enrollments.filter((e) => e.status !== 'ANULADO').length;
        const waitlist: Plan['waitlist'] = [];
        if (active >= totalSeats * 0.85) {
          for (let k = int(1, 3); k > 0; k--) {
            const createdAt = Math.min(nowMs - 3600_000, startsAt - Math.floor(between(3600_000, 20 * DAY)));
            const customerIndex = Math.floor(rand() * customersBy(createdAt));
            if (customersBy(createdAt) === 0 || chosen.has(customerIndex)) continue;
            chosen.add(customerIndex);
            waitlist.push({ customerIndex, createdAt, past });
          }
        }
        workshopNumber++;
        const theme = THEMES[(category.id - 1) % THEMES.length] ?? category.name;
        plans.push({
          workshop: {
            name: `${theme}: taller ${workshopNumber} ${MARKER} ${scale}`,
            description: `Taller de ${category.name.toLowerCase()} con materiales incluidos.`,
            categoryId: category.id,
            startsAt: iso(startsAt),
            durationMinutes: modality === 'ONLINE' ? 90 : 180,
            modality,
            location: modality === 'PRESENCIAL' ? 'Taller TMM, Cerro Alegre, Valparaíso' : null,
            onlineUrl: modality === 'ONLINE' ? 'https://meet.example.cl/tmm-taller' : null,
            priceClp: price,
            totalSeats,
            seatsTaken: active,
            isActive: !past,
            createdAt: iso(startsAt - 60 * DAY),
            updatedAt: iso(startsAt - 60 * DAY),
          },
          enrollments,
          waitlist,
        });
        planned += enrollments.length;
      }

      const workshopIds: number[] = [];
      await insertMany(plans, 250, async (slice) => {
        const got = await trx
          .insertInto('workshops')
          .values(slice.map((p) => p.workshop))
          .returning(['id', 'name'])
          .execute();
        checkOrder(slice, got, (a, b) => a.workshop.name === b.name);
        workshopIds.push(...got.map((r) => r.id));
      });

      const rows = plans.flatMap((p, w) => p.enrollments.map((e) => ({ e, workshopId: workshopIds[w]! })));
      const enrollmentIds: number[] = [];
      await insertMany(rows, 2000, async (slice) => {
        const got = await trx
          .insertInto('enrollments')
          .values(
            slice.map(({ e, workshopId }) => ({
              customerId: customerIds[e.customerIndex]!,
              workshopId,
              amountDueClp: e.due,
              amountPaidClp: e.paid,
              status: e.status,
              createdAt: iso(e.createdAt),
              cancelledAt: e.cancelledAt === null ? null : iso(e.cancelledAt),
            })),
          )
          .returning(['id', 'customerId', 'workshopId'])
          .execute();
        checkOrder(
          slice,
          got,
          (a, b) => customerIds[a.e.customerIndex] === b.customerId && a.workshopId === b.workshopId,
        );
        enrollmentIds.push(...got.map((r) => r.id));
      });

      const payments = rows.flatMap(({ e }, i) => {
        const enrollmentId = enrollmentIds[i]!;
        const method = pick(METHODS);
        const at = (ms: number) => iso(Math.min(nowMs - 60_000, ms));
        const payment = (
          amountClp: number,
          paidAt: number,
          n: number,
          kind: 'PAYMENT' | 'REFUND' = 'PAYMENT',
        ) => ({
          enrollmentId,
          kind,
          amountClp,
          method,
          reference: `ESC-I${enrollmentId}-${n}`,
          paidAt: at(paidAt),
          createdAt: at(paidAt),
        });
        const firstAt = e.createdAt + between(0, 2 * DAY);
        if (e.refunded > 0 && e.cancelledAt !== null)
          return [payment(e.refunded, e.createdAt, 1), payment(e.refunded, e.cancelledAt, 2, 'REFUND')];
        if (e.paid === 0) return [];
        if (e.split) {
          const deposit = Math.round((e.paid * 0.4) / 1000) * 1000;
          return [
            payment(deposit, e.createdAt, 1),
            payment(e.paid - deposit, firstAt + between(0, 10 * DAY), 2),
          ];
        }
        return [payment(e.paid, firstAt, 1)];
      });
      await insertMany(payments, 2000, (slice) => trx.insertInto('payments').values(slice).execute());

      const waitlist = plans.flatMap((p, w) =>
        p.waitlist.map((entry) => ({
          workshopId: workshopIds[w]!,
          customerId: customerIds[entry.customerIndex]!,
          status: entry.past ? ('EXPIRED' as const) : ('WAITING' as const),
          createdAt: iso(entry.createdAt),
          resolvedAt: entry.past ? p.workshop.startsAt : null,
        })),
      );
      await insertMany(waitlist, 2000, (slice) => trx.insertInto('waitlistEntries').values(slice).execute());

      summary.workshops += plans.length;
      summary.enrollments += rows.length;
      summary.payments += payments.length;
      summary.waitlist += waitlist.length;
      bar.tick(rows.length);
    });
  }

  // Kit orders: most paid, a few cancelled, the last two days' ones partly still unpaid.
  const SALE_CHUNK = 5000;
  for (let start = 0; start < target.sales; start += SALE_CHUNK) {
    const count = Math.min(SALE_CHUNK, target.sales - start);
    const planned = Array.from({ length: count }, () => {
      const createdAt = Math.floor(between(nowMs - HISTORY_DAYS * DAY, nowMs - 3600_000));
      const customerIndex = Math.floor(rand() * Math.max(1, customersBy(createdAt)));
      const lines = new Map<number, { price: number; quantity: number }>();
      for (let k = int(1, 3); k > 0; k--) {
        const product = pick(products);
        lines.set(product.id, { price: product.priceClp, quantity: int(1, 2) });
      }
      const total = [...lines.values()].reduce((sum, l) => sum + l.price * l.quantity, 0);
      const status: SaleStatus =
        nowMs - createdAt < 2 * DAY && rand() < 0.5 ? 'PENDIENTE' : rand() < 0.92 ? 'PAGADO' : 'ANULADO';
      return { createdAt, customerIndex, lines, total, status };
    });
    await db.transaction().execute(async (trx) => {
      const saleIds: number[] = [];
      await insertMany(planned, 2000, async (slice) => {
        const got = await trx
          .insertInto('sales')
          .values(
            slice.map((s) => ({
              customerId: customerIds[s.customerIndex]!,
              totalClp: s.total,
              status: s.status,
              createdAt: iso(s.createdAt),
              paidAt: s.status === 'PAGADO' ? iso(s.createdAt + 60_000) : null,
              expiresAt: s.status === 'PENDIENTE' ? iso(s.createdAt + 2 * DAY) : null,
              cancelledAt: s.status === 'ANULADO' ? iso(s.createdAt + DAY) : null,
              // Paid orders were picked up at the studio over the next days (none still on its way).
              // Every row names every column: a multi-row insert has no DEFAULT on SQLite.
              fulfilmentStatus: s.status === 'PAGADO' ? ('ENTREGADO' as const) : ('POR_PREPARAR' as const),
              preparedAt: s.status === 'PAGADO' ? iso(Math.min(s.createdAt + DAY, nowMs)) : null,
              readyAt: s.status === 'PAGADO' ? iso(Math.min(s.createdAt + 2 * DAY, nowMs)) : null,
              deliveredAt: s.status === 'PAGADO' ? iso(Math.min(s.createdAt + 4 * DAY, nowMs)) : null,
            })),
          )
          .returning(['id', 'totalClp'])
          .execute();
        checkOrder(slice, got, (a, b) => a.total === b.totalClp);
        saleIds.push(...got.map((r) => r.id));
      });
      const lines = planned.flatMap((s, i) =>
        [...s.lines].map(([productId, l]) => ({
          saleId: saleIds[i]!,
          productId,
          quantity: l.quantity,
          unitPriceClp: l.price,
        })),
      );
      await insertMany(lines, 3000, (slice) => trx.insertInto('saleLines').values(slice).execute());
      const payments = planned.flatMap((s, i) =>
        s.status === 'PAGADO'
          ? [
              {
                saleId: saleIds[i]!,
                amountClp: s.total,
                method: pick(METHODS),
                reference: `ESC-V${saleIds[i]}`,
                paidAt: iso(s.createdAt + 60_000),
                createdAt: iso(s.createdAt + 60_000),
              },
            ]
          : [],
      );
      await insertMany(payments, 2000, (slice) => trx.insertInto('payments').values(slice).execute());
      summary.sales += planned.length;
      summary.payments += payments.length;
    });
    bar.tick(count);
  }
  bar.finish();
  // Payments were written in bulk: the reports' daily summary is rebuilt from all of them.
  await db.transaction().execute((trx) => rebuildPaymentDays(trx));
  // Fresh statistics, so the planner knows the tables grew by orders of magnitude. On PostgreSQL,
  // VACUUM also sets the visibility map that index-only scans need, as autovacuum would shortly.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql.raw(postgres ? 'vacuum analyze' : 'analyze').execute(db);
  options.log?.(
    `Datos a escala ×${scale}: ${summary.customers} clientes, ${summary.workshops} talleres, ${summary.enrollments} inscripciones, ${summary.sales} compras de kits, ${summary.payments} pagos, ${summary.waitlist} en listas de espera.`,
  );
  return summary;
}
