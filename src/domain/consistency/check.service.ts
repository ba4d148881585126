import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { ACTIVE_ENROLLMENT_STATUSES } from '../../db/schema';
import { shopSalesCheck } from '../sales/checkout.consistency';

/**
 * `tmm check`: invariants that must hold whatever happened (races, crashes, manual SQL). Each
 * check is a function returning one Spanish line per problem found; features add theirs to
 * `consistencyChecks`. Read-only: it reports, it never repairs (a wrong counter needs a person
 * to understand why before anything is changed).
 */
export type ConsistencyCheck = { name: string; run: (db: Db) => Promise<string[]> };

/** seats_taken = active enrollments and seats_held = live waitlist offers, for every workshop. */
export const workshopSeatsCheck: ConsistencyCheck = {
  name: 'cupos de talleres',
  run: async (db) => {
    const rows = await db
      .selectFrom('workshops')
      .select((eb) => [
        'workshops.id',
        'workshops.name',
        'workshops.totalSeats',
        'workshops.seatsTaken',
        'workshops.seatsHeld',
        eb
          .selectFrom('enrollments')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('enrollments.workshopId', '=', 'workshops.id')
          .where('enrollments.status', 'in', ACTIVE_ENROLLMENT_STATUSES)
          .as('activeEnrollments'),
        eb
          .selectFrom('waitlistEntries')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('waitlistEntries.workshopId', '=', 'workshops.id')
          .where('waitlistEntries.status', '=', 'OFFERED')
          .as('liveOffers'),
      ])
      .orderBy('workshops.id')
      .execute();
    const problems: string[] = [];
    for (const w of rows) {
      const active = Number(w.activeEnrollments ?? 0);
      const offers = Number(w.liveOffers ?? 0);
      if (w.seatsTaken !== active)
        problems.push(
          `Taller #${w.id} "${w.name}": cupos tomados = ${w.seatsTaken}, pero hay ${active} inscripciones activas.`,
        );
      if (w.seatsHeld !== offers)
        problems.push(
          `Taller #${w.id} "${w.name}": cupos guardados = ${w.seatsHeld}, pero hay ${offers} ofertas de lista de espera vigentes.`,
        );
      if (active + offers > w.totalSeats)
        problems.push(
          `Taller #${w.id} "${w.name}": ${active + offers} cupos ocupados de ${w.totalSeats} (sobreventa).`,
        );
    }
    return problems;
  },
};

export const productStockCheck: ConsistencyCheck = {
  name: 'stock de productos',
  run: async (db) => {
    const rows = await db
      .selectFrom('products')
      .select(['id', 'name', 'stock'])
      .where('stock', '<', 0)
      .orderBy('id')
      .execute();
    return rows.map((p) => `Producto #${p.id} "${p.name}": stock negativo (${p.stock}).`);
  },
};

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

/** Every check `tmm check` runs. Append new ones here. */
export const consistencyChecks: ConsistencyCheck[] = [
  workshopSeatsCheck,
  productStockCheck,
  enrollmentPaymentsCheck,
  shopSalesCheck,
];

export type ConsistencyReport = { checks: string[]; problems: string[] };

export async function runConsistencyChecks(
  db: Db,
  checks: ConsistencyCheck[] = consistencyChecks,
): Promise<ConsistencyReport> {
  const problems: string[] = [];
  for (const check of checks) problems.push(...(await check.run(db)));
  return { checks: checks.map((c) => c.name), problems };
}
