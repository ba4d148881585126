import type { Tx } from '../../db/database';
import { formatCalendarDate, santiagoDate, santiagoToUtc } from '../../lib/dates';
import { ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { PayPeriodNotOverError, PayPeriodOverlapError } from './pay.errors';
import { findOverlappingPeriod, listSessionsToPay, lockPayroll } from './pay-periods.queries';
import { computePay, pickPayRule } from './pay-rules';
import { listRulesFor } from './pay-rules.queries';

const nextDay = (ymd: string) => {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * Closes a pay period (Santiago dates, both included): one pay line per facilitator session in it,
 * with the rule that applied on the session's date (its workshop's, else its series', else its
 * facilitator's default) and the inputs it used (booked, attended, net
 * revenue), copied so that later rule changes never alter it; the current withholding rate is kept
 * with the period. Refuses a range that overlaps a closed period (PayPeriodOverlapError) or has not
 * ended yet (PayPeriodNotOverError); sessions already paid in an earlier period are not paid again.
 */
export async function closePayPeriod(
  trx: Tx,
  input: { startsOn: string; endsOn: string },
  ctx: ServiceContext,
): Promise<{ periodId: number; lines: number; grossClp: number; withoutRule: number }> {
  if (input.endsOn < input.startsOn)
    throw new ValidationError({ hasta: 'La fecha final debe ser igual o posterior a la inicial.' });
  if (input.endsOn >= santiagoDate(ctx.now)) throw new PayPeriodNotOverError();
  const rateBp = await lockPayroll(trx);
  const overlap = await findOverlappingPeriod(trx, input.startsOn, input.endsOn);
  if (overlap)
    throw new PayPeriodOverlapError(
      `del ${formatCalendarDate(overlap.startsOn)} al ${formatCalendarDate(overlap.endsOn)}`,
    );

  const sessions = await listSessionsToPay(trx, {
    from: santiagoToUtc(input.startsOn),
    to: santiagoToUtc(nextDay(input.endsOn)),
  });
  const rules = await listRulesFor(trx, {
    workshopIds: sessions.map((s) => s.id),
    seriesIds: [...new Set(sessions.flatMap((s) => (s.seriesId === null ? [] : [s.seriesId])))],
    facilitatorIds: [...new Set(sessions.map((s) => s.facilitatorId))],
  });
  const period = await trx
    .insertInto('payPeriods')
    .values({
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      withholdingRateBp: rateBp,
      closedAt: ctx.now.toISOString(),
      closedByUserId: ctx.actor?.userId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const lines = sessions.map((session) => {
    const rule = pickPayRule(rules, {
      date: santiagoDate(new Date(session.startsAt)),
      targets: { workshop: session.id, series: session.seriesId, facilitator: session.facilitatorId },
    });
    const inputs = { booked: session.booked, attended: session.attended, revenueClp: session.revenueClp };
    const pay = rule ? computePay(rule, inputs) : { baseClp: 0, bonusClp: 0, grossClp: 0 };
    return {
      periodId: period.id,
      facilitatorId: session.facilitatorId,
      workshopId: session.id,
      workshopName: session.name,
      startsAt: session.startsAt,
      ruleId: rule?.id ?? null,
      ruleScope: rule?.scope ?? null,
      ruleKind: rule?.kind ?? null,
      ruleAmountClp: rule?.amountClp ?? null,
      rulePercentBp: rule?.percentBp ?? null,
      ruleBasis: rule?.attendeeBasis ?? null,
      ruleBonusThreshold: rule?.bonusThreshold ?? null,
      ruleBonusClp: rule?.bonusClp ?? null,
      ruleEffectiveFrom: rule?.effectiveFrom ?? null,
      bookedCount: inputs.booked,
      attendedCount: inputs.attended,
      revenueClp: inputs.revenueClp,
      ...pay,
      createdAt: ctx.now.toISOString(),
    };
  });
  // In chunks: SQLite allows 999 bound parameters per statement and a line has 22.
  for (let i = 0; i < lines.length; i += 40)
    await trx
      .insertInto('payLines')
      .values(lines.slice(i, i + 40))
      .execute();

  const grossClp = lines.reduce((sum, l) => sum + l.grossClp, 0);
  const withoutRule = lines.filter((l) => l.ruleId === null).length;
  await recordAudit(
    trx,
    {
      entityType: 'pay_period',
      entityId: period.id,
      action: 'create',
      after: { ...input, withholdingRateBp: rateBp, lines: lines.length, grossClp, withoutRule },
    },
    ctx,
  );
  return { periodId: period.id, lines: lines.length, grossClp, withoutRule };
}

/** Staff set the boleta de honorarios withholding rate (basis points) for periods closed from now on. */
export async function setWithholdingRate(trx: Tx, rateBp: number, ctx: ServiceContext): Promise<void> {
  const before = await lockPayroll(trx);
  await trx
    .updateTable('payrollSettings')
    .set({ withholdingRateBp: rateBp, updatedAt: ctx.now.toISOString() })
    .where('id', '=', 1)
    .execute();
  await recordAudit(
    trx,
    {
      entityType: 'payroll_settings',
      entityId: 1,
      action: 'update',
      before: { withholdingRateBp: before },
      after: { withholdingRateBp: rateBp },
    },
    ctx,
  );
}
