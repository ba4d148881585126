import { sql } from 'kysely';
import type { ConsistencyCheck } from '../context';
import { balanceSql } from './packs.queries';

/**
 * The credit ledger adds up: no pack below zero, a closed pack holds nothing, each pack's purchase
 * entries equal the credits it was issued with (a company bundle: its assignment adjustment).
 */
export const packLedgerCheck: ConsistencyCheck = {
  name: 'créditos de bonos',
  run: async (db) => {
    const rows = await db
      .selectFrom('packs')
      .select((eb) => [
        'packs.id',
        'packs.name',
        'packs.status',
        'packs.credits',
        balanceSql(eb).as('balance'),
        eb.fn
          .coalesce(
            eb
              .selectFrom('packCreditEntries')
              .select((e) => e.fn.sum<number>('credits').as('s'))
              .whereRef('packCreditEntries.packId', '=', 'packs.id')
              .where('packCreditEntries.kind', '=', 'purchase'),
            sql<number>`0`,
          )
          .as('purchased'),
      ])
      .orderBy('packs.id')
      .execute();
    const problems: string[] = [];
    for (const p of rows) {
      const balance = Number(p.balance);
      if (balance < 0) problems.push(`Bono #${p.id} "${p.name}": saldo negativo (${balance}).`);
      if (p.status !== 'ACTIVO' && balance !== 0)
        problems.push(
          `Bono #${p.id} "${p.name}": está ${p.status.toLowerCase()} y aún suma ${balance} créditos.`,
        );
      if (Number(p.purchased) !== p.credits)
        problems.push(
          `Bono #${p.id} "${p.name}": se emitió con ${p.credits} créditos, pero su compra en el libro suma ${Number(p.purchased)}.`,
        );
    }
    return problems;
  },
};

/**
 * Credits and enrollments agree: every enrollment paid with a credit or a company seat has exactly
 * one redemption, every redemption belongs to such an enrollment, and a cancelled one had its
 * credit settled (returned or forfeited) once while an active one did not (except a no-show's
 * credit returned by its attendance policy).
 */
export const packRedemptionsCheck: ConsistencyCheck = {
  name: 'inscripciones pagadas con bono',
  run: async (db) => {
    const rows = await db
      .selectFrom('enrollments')
      .select((eb) => [
        'enrollments.id',
        'enrollments.status',
        'enrollments.paidWith',
        'enrollments.noShowAt',
        eb
          .selectFrom('packCreditEntries')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('packCreditEntries.enrollmentId', '=', 'enrollments.id')
          .where('packCreditEntries.kind', '=', 'redeem')
          .as('redeemed'),
        eb
          .selectFrom('packCreditEntries')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('packCreditEntries.enrollmentId', '=', 'enrollments.id')
          .where('packCreditEntries.kind', 'in', ['refund', 'forfeit'])
          .as('settled'),
      ])
      .where((eb) =>
        eb.or([
          eb('enrollments.paidWith', 'is not', null),
          eb.exists(
            eb
              .selectFrom('packCreditEntries')
              .select('packCreditEntries.id')
              .whereRef('packCreditEntries.enrollmentId', '=', 'enrollments.id'),
          ),
        ]),
      )
      .orderBy('enrollments.id')
      .execute();
    const problems: string[] = [];
    for (const e of rows) {
      const redeemed = Number(e.redeemed);
      const settled = Number(e.settled);
      if (e.paidWith === null)
        problems.push(
          `Inscripción #${e.id}: tiene créditos de bono registrados, pero no figura pagada con bono.`,
        );
      else if (redeemed !== 1)
        problems.push(`Inscripción #${e.id}: pagada con bono, pero el libro registra ${redeemed} canjes.`);
      if (e.status === 'ANULADO' && settled !== 1 && e.paidWith !== null)
        problems.push(`Inscripción #${e.id}: anulada, pero su crédito no se devolvió ni se dio por perdido.`);
      // A no-show whose policy costs nothing has its credit returned while the booking stays.
      if (e.status !== 'ANULADO' && settled !== 0 && !(e.noShowAt !== null && settled === 1))
        problems.push(`Inscripción #${e.id}: activa, pero su crédito figura devuelto o perdido.`);
    }
    return problems;
  },
};
