import { sql } from 'kysely';
import type { ConsistencyCheck } from '../context';

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
