import { sql } from 'kysely';
import { PENDING_ATTEMPT_STATES } from '../../db/schema';
import { formatDateTimeShort } from '../../lib/dates';
import type { ConsistencyCheck } from '../context';
import { PAYMENT_PROVIDER_LABELS } from '../vocabulary';

/** An attempt still waiting for its provider after this long has lost its customer or its answer. */
const PENDING_TOO_LONG_MS = 3600_000;

/**
 * Online payments `tmm check` reports: attempts pending for more than an hour (the sweeper should
 * have settled them), money waiting for a person (a refused mismatch, an automatic refund not done
 * yet), and ledger rows that disagree with their attempt (an applied payment has exactly its
 * PAYMENT row; its REFUND rows add up to what was given back; a refunded attempt gave back all).
 */
export const onlinePaymentsCheck: ConsistencyCheck = {
  name: 'pagos en línea',
  run: async (db, now) => {
    const ledger = db
      .selectFrom('payments')
      .select([
        'attemptId',
        sql<number>`sum(case when kind = 'PAYMENT' then amount_clp else 0 end)`.as('paid'),
        sql<number>`sum(case when kind = 'REFUND' then amount_clp else 0 end)`.as('refunded'),
      ])
      .where('attemptId', 'is not', null)
      .groupBy('attemptId')
      .as('ledger');
    const rows = await db
      .selectFrom('paymentAttempts as a')
      .leftJoin(ledger, 'ledger.attemptId', 'a.id')
      .select([
        'a.id',
        'a.provider',
        'a.buyOrder',
        'a.state',
        'a.amountClp',
        'a.refundedClp',
        'a.issue',
        'a.issueDetail',
        'a.createdAt',
        'ledger.paid',
        'ledger.refunded',
      ])
      .where((eb) =>
        eb.or([
          eb.and([
            eb('a.state', 'in', PENDING_ATTEMPT_STATES),
            eb('a.createdAt', '<=', new Date(now.getTime() - PENDING_TOO_LONG_MS).toISOString()),
          ]),
          eb('a.issue', 'in', ['mismatch', 'refund_pending']),
          eb('a.state', 'in', ['authorized', 'refunded']),
          eb('ledger.paid', 'is not', null),
        ]),
      )
      .orderBy('a.id')
      .execute();
    const problems: string[] = [];
    for (const a of rows) {
      const name = `Pago en línea #${a.id} (${PAYMENT_PROVIDER_LABELS[a.provider]}, orden ${a.buyOrder})`;
      const paid = Number(a.paid ?? 0);
      const refunded = Number(a.refunded ?? 0);
      if (a.state === 'created' || a.state === 'redirected') {
        problems.push(
          `${name} sigue pendiente desde ${formatDateTimeShort(a.createdAt)}: revísalo en Pagos en línea.`,
        );
        if (paid > 0) problems.push(`${name} está pendiente pero tiene un pago registrado.`);
        continue;
      }
      if (a.issue === 'mismatch')
        problems.push(`${name} no coincide con el proveedor: ${a.issueDetail ?? ''}`.trim());
      if (a.issue === 'refund_pending') problems.push(`${name}: la devolución automática sigue pendiente.`);
      if (a.state === 'refunded' && a.refundedClp !== a.amountClp)
        problems.push(`${name} figura devuelto, pero solo ${a.refundedClp} de ${a.amountClp}.`);
      const applied = (a.state === 'authorized' || a.state === 'refunded') && a.issue === null;
      if (applied && paid !== a.amountClp)
        problems.push(`${name} está aprobado por ${a.amountClp} y el libro de pagos registra ${paid}.`);
      if (applied && refunded !== a.refundedClp)
        problems.push(
          `${name} devolvió ${a.refundedClp} y el libro de pagos registra ${refunded} devueltos.`,
        );
      if (!applied && a.issue !== 'mismatch' && paid > 0)
        problems.push(`${name} no está aplicado pero el libro de pagos registra ${paid}.`);
    }
    return problems;
  },
};
