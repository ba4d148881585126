import { sql } from 'kysely';
import type { ConsistencyCheck } from '../context';
import { GIFT_CARD_METHOD } from './payment-days';

/** For every enrollment: payments minus refunds in the ledger = amount_paid_clp. */
export const enrollmentPaymentsCheck: ConsistencyCheck = {
  name: 'pagos de inscripciones',
  run: async (db) => {
    const ledger = db
      .selectFrom('payments')
      .select([
        'payments.enrollmentId',
        sql<number>`sum(case when kind = 'REFUND' then -amount_clp else amount_clp end)`.as('net'),
      ])
      .where('payments.enrollmentId', 'is not', null)
      .groupBy('payments.enrollmentId')
      .as('ledger');
    const rows = await db
      .selectFrom('enrollments')
      .leftJoin(ledger, 'ledger.enrollmentId', 'enrollments.id')
      .select(['enrollments.id', 'enrollments.amountPaidClp', 'ledger.net'])
      .where(sql<boolean>`enrollments.amount_paid_clp <> coalesce(ledger.net, 0)`)
      .orderBy('enrollments.id')
      .execute();
    return rows.map(
      (e) =>
        `Inscripción #${e.id}: monto pagado = ${e.amountPaidClp}, pero los pagos registrados suman ${Number(e.net ?? 0)}.`,
    );
  },
};

/**
 * The daily summary the reports read (payment-days.ts) adds up to the ledger: payments minus
 * refunds, payments alone, and purchases with at least one payment (gift-card payments aside: not
 * money in).
 */
export const paymentDaysCheck: ConsistencyCheck = {
  name: 'resumen diario de pagos',
  run: async (db) => {
    const ledger = await db
      .selectFrom('payments')
      .select([
        sql<number>`coalesce(sum(case when kind = 'REFUND' then -amount_clp else amount_clp end), 0)`.as(
          'net',
        ),
        sql<number>`coalesce(sum(case when kind = 'PAYMENT' then amount_clp else 0 end), 0)`.as('gross'),
        sql<number>`count(distinct case when kind = 'PAYMENT' then coalesce(enrollment_id, -sale_id) end)`.as(
          'purchases',
        ),
      ])
      .where('method', '<>', GIFT_CARD_METHOD)
      .executeTakeFirstOrThrow();
    const days = await db
      .selectFrom('paymentDays')
      .select([
        sql<number>`coalesce(sum(amount_clp), 0)`.as('net'),
        sql<number>`coalesce(sum(gross_clp), 0)`.as('gross'),
        sql<number>`coalesce(sum(purchases), 0)`.as('purchases'),
      ])
      .executeTakeFirstOrThrow();
    const problems: string[] = [];
    const compare = (what: string, a: unknown, b: unknown) => {
      if (Number(a) !== Number(b))
        problems.push(
          `Resumen diario de pagos: ${what} suma ${Number(b)}, pero los pagos registrados dan ${Number(a)}.`,
        );
    };
    compare('lo recaudado (pagos menos devoluciones)', ledger.net, days.net);
    compare('lo pagado', ledger.gross, days.gross);
    compare('las compras pagadas', ledger.purchases, days.purchases);
    return problems;
  },
};
