import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * Enrollments that owe a refund — cancelled, or still active after a companion gave up a seat — and
 * were paid (in part) with a gift card that has not had it back: what returnGiftCardMoney gives back
 * to the cards.
 */
export async function listEnrollmentsOwingCards(db: Db, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('enrollments')
    .select('enrollments.id')
    .where('enrollments.refundDueClp', '>', 0)
    .where((eb) =>
      eb(
        eb
          .selectFrom('payments')
          .select(
            sql<number>`coalesce(sum(case when payments.kind = 'PAYMENT' then payments.amount_clp else -payments.amount_clp end), 0)`.as(
              'net',
            ),
          )
          .whereRef('payments.enrollmentId', '=', 'enrollments.id')
          .where('payments.method', '=', 'tarjeta_regalo'),
        '>',
        0,
      ),
    )
    .orderBy('enrollments.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
