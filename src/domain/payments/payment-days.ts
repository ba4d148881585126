import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { CustomerType, Modality, PaymentKind } from '../../db/schema';
import { santiagoDate } from '../../lib/dates';

/**
 * Money in per Santiago day, already broken down the way the reports break it down (source,
 * category, modality, customer type, company), kept by the payments module in the same transaction
 * as each payment. A year's reports then add up a few thousand rows instead of reading a quarter of a
 * million payments (issue 15: the 12-month report went from 1.3 s to well under the 300 ms budget).
 *
 * A payment is attributed to the category, modality and customer segment its purchase had when it
 * was paid, as an accountant would book it; editing a workshop's category later does not move money
 * already received. Kit orders spread each payment over their lines in proportion to each line's
 * amount, in whole pesos (largest remainder), so the day's total is exactly the payments' total.
 * "No category", "no modality" and "no company" are stored as 0 and '' so one unique key holds.
 */

type Dimensions = {
  source: 'talleres' | 'kits';
  categoryId: number;
  modality: Modality | '';
  customerType: CustomerType;
  companyId: number;
};
export type PaymentDayRow = Dimensions & {
  day: string;
  amountClp: number;
  grossClp: number;
  purchases: number;
};

/**
 * Gift-card payments are not money in: the money came in when the card was sold (its order's
 * payment, booked then), and booking its spending too would count it twice. The payments ledger
 * keeps them, so an enrollment's balance adds up; this summary, what the reports call money
 * received, leaves them out.
 */
export const GIFT_CARD_METHOD = 'tarjeta_regalo' as const;

/** What one payment needs to be booked: the payment, its purchase's dimensions and, for a kit order, its lines. */
type BookablePayment = {
  paidAt: string;
  kind: PaymentKind;
  amountClp: number;
  /** The purchase's first PAYMENT: it counts the purchase once, on its day. */
  firstOfPurchase: boolean;
  purchase:
    | {
        source: 'talleres';
        categoryId: number | null;
        modality: Modality;
        customerType: CustomerType;
        companyId: number | null;
      }
    | {
        source: 'kits';
        customerType: CustomerType;
        companyId: number | null;
        lines: { categoryId: number | null; amountClp: number }[];
      };
};

/** Splits `total` in whole pesos in proportion to `weights` (largest remainder; all to the first when they sum to 0). */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.trunc);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: Math.abs(e - Math.trunc(e)) })).sort((a, b) => b.r - a.r);
  for (const { i } of order) {
    if (left === 0) break;
    const step = Math.sign(left);
    parts[i]! += step;
    left -= step;
  }
  return parts;
}

/** The summary rows one payment adds (a refund's are negative). */
export function bookingOf(p: BookablePayment): PaymentDayRow[] {
  const day = santiagoDate(new Date(p.paidAt));
  const signed = p.kind === 'REFUND' ? -p.amountClp : p.amountClp;
  const gross = p.kind === 'PAYMENT' ? p.amountClp : 0;
  const purchases = p.kind === 'PAYMENT' && p.firstOfPurchase ? 1 : 0;
  const { purchase } = p;
  if (purchase.source === 'talleres') {
    return [
      {
        day,
        source: 'talleres',
        categoryId: purchase.categoryId ?? 0,
        modality: purchase.modality,
        customerType: purchase.customerType,
        companyId: purchase.companyId ?? 0,
        amountClp: signed,
        grossClp: gross,
        purchases,
      },
    ];
  }
  const lines = purchase.lines.length > 0 ? purchase.lines : [{ categoryId: null, amountClp: 1 }];
  const weights = lines.map((l) => l.amountClp);
  const amounts = split(signed, weights);
  const grosses = split(gross, weights);
  // The purchase counts once, with its first line.
  return lines.map((line, i) => ({
    day,
    source: 'kits' as const,
    categoryId: line.categoryId ?? 0,
    modality: '' as const,
    customerType: purchase.customerType,
    companyId: purchase.companyId ?? 0,
    amountClp: amounts[i]!,
    grossClp: grosses[i]!,
    purchases: i === 0 ? purchases : 0,
  }));
}

const KEY = ['day', 'source', 'categoryId', 'modality', 'customerType', 'companyId'] as const;
const keyOf = (r: PaymentDayRow) => KEY.map((k) => r[k]).join('|');

/** Adds rows to the summary (an upsert per distinct key). */
async function addToDays(trx: Db | Tx, rows: PaymentDayRow[]) {
  const merged = new Map<string, PaymentDayRow>();
  for (const r of rows) {
    const m = merged.get(keyOf(r));
    if (m) {
      m.amountClp += r.amountClp;
      m.grossClp += r.grossClp;
      m.purchases += r.purchases;
    } else merged.set(keyOf(r), { ...r });
  }
  const all = [...merged.values()];
  for (let i = 0; i < all.length; i += 500) {
    await trx
      .insertInto('paymentDays')
      .values(all.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet({
          amountClp: sql`payment_days.amount_clp + excluded.amount_clp`,
          grossClp: sql`payment_days.gross_clp + excluded.gross_clp`,
          purchases: sql`payment_days.purchases + excluded.purchases`,
        }),
      )
      .execute();
  }
}

/** The payments (all, or one) with what booking them needs. */
async function bookable(db: Db | Tx, only?: number): Promise<BookablePayment[]> {
  let query = db
    .selectFrom('payments')
    .leftJoin('enrollments', 'enrollments.id', 'payments.enrollmentId')
    .leftJoin('workshops', 'workshops.id', 'enrollments.workshopId')
    .leftJoin('sales', 'sales.id', 'payments.saleId')
    .leftJoin('customers', (join) =>
      join.on('customers.id', '=', sql<number>`coalesce(enrollments.customer_id, sales.customer_id)`),
    )
    .select([
      'payments.id',
      'payments.saleId',
      'payments.enrollmentId',
      'payments.paidAt',
      'payments.kind',
      'payments.amountClp',
      'workshops.categoryId',
      'workshops.modality',
      'customers.customerType',
      'customers.companyId',
    ])
    .where('payments.method', '<>', GIFT_CARD_METHOD);
  if (only !== undefined) query = query.where('payments.id', '=', only);
  const rows = await query.orderBy('payments.id').execute();

  const firsts = await db
    .selectFrom('payments')
    .select(sql<number>`min(payments.id)`.as('id'))
    .where('payments.kind', '=', 'PAYMENT')
    .where('payments.method', '<>', GIFT_CARD_METHOD)
    .$if(only !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('payments.enrollmentId', '=', rows[0]?.enrollmentId ?? -1),
          eb('payments.saleId', '=', rows[0]?.saleId ?? -1),
        ]),
      ),
    )
    .groupBy(['payments.enrollmentId', 'payments.saleId'])
    .execute();
  const firstIds = new Set(firsts.map((f) => Number(f.id)));

  const saleIds = [...new Set(rows.flatMap((r) => (r.saleId === null ? [] : [r.saleId])))];
  const lines = new Map<number, { categoryId: number | null; amountClp: number }[]>();
  for (let i = 0; i < saleIds.length; i += 500) {
    const chunk = await db
      .selectFrom('saleLines')
      .innerJoin('products', 'products.id', 'saleLines.productId')
      .select([
        'saleLines.saleId',
        'products.categoryId',
        sql<number>`sale_lines.quantity * sale_lines.unit_price_clp`.as('amountClp'),
      ])
      .where('saleLines.saleId', 'in', saleIds.slice(i, i + 500))
      .orderBy('saleLines.id')
      .execute();
    for (const l of chunk)
      lines.set(l.saleId, [
        ...(lines.get(l.saleId) ?? []),
        { categoryId: l.categoryId, amountClp: Number(l.amountClp) },
      ]);
  }

  return rows.map((r) => ({
    paidAt: r.paidAt,
    kind: r.kind,
    amountClp: r.amountClp,
    firstOfPurchase: firstIds.has(r.id),
    purchase:
      r.saleId === null
        ? {
            source: 'talleres' as const,
            categoryId: r.categoryId,
            modality: r.modality ?? 'PRESENCIAL',
            customerType: r.customerType ?? 'B2C',
            companyId: r.companyId,
          }
        : {
            source: 'kits' as const,
            customerType: r.customerType ?? 'B2C',
            companyId: r.companyId,
            lines: lines.get(r.saleId) ?? [],
          },
  }));
}

/** Books one payment just recorded (insertPayment calls it in the same transaction). */
export async function bookPaymentDay(trx: Tx, paymentId: number): Promise<void> {
  await addToDays(trx, (await bookable(trx, paymentId)).flatMap(bookingOf));
}

/**
 * Rebuilds the whole summary from the payments (seeds that write payments in bulk, and repairs).
 * Whatever the summary held is replaced.
 */
export async function rebuildPaymentDays(trx: Db | Tx): Promise<void> {
  await trx.deleteFrom('paymentDays').execute();
  await addToDays(trx, (await bookable(trx)).flatMap(bookingOf));
}
