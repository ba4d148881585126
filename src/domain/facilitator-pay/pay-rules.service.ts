import type { Tx } from '../../db/database';
import type { AttendeeBasis, PayRuleKind } from '../../db/schema';
import { ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { PayRuleNotFoundError } from './pay.errors';
import { findFacilitatorPayRule, leadsSeries } from './pay-rules.queries';

export type PayRuleInput = {
  facilitatorId: number;
  /**
   * Both null: the facilitator's default; a workshop they lead: only that workshop; a series they
   * lead a session of: every session of that series. At most one of the two.
   */
  workshopId: number | null;
  seriesId: number | null;
  kind: PayRuleKind;
  amountClp: number;
  percentBp: number | null;
  attendeeBasis: AttendeeBasis;
  bonus: { threshold: number; amountClp: number } | null;
  effectiveFrom: string;
};

/**
 * Adds a pay rule from a date on. Rules are never edited: a change is a new rule from its date, so
 * what paid a closed period stays readable. Throws ValidationError (a workshop and a series at once,
 * a workshop or series the facilitator does not lead, a rule of the same scope from the same date).
 */
export async function addPayRule(trx: Tx, input: PayRuleInput, ctx: ServiceContext): Promise<number> {
  if (input.workshopId !== null && input.seriesId !== null)
    throw new ValidationError({ serie: 'Elige un taller o una serie, no los dos.' });
  if (input.seriesId !== null && !(await leadsSeries(trx, input.facilitatorId, input.seriesId)))
    throw new ValidationError({
      serie: 'Este facilitador no guía ninguna sesión de esa serie: elige una de las suyas.',
    });
  if (input.workshopId !== null) {
    const led = await trx
      .selectFrom('workshops')
      .select('id')
      .where('id', '=', input.workshopId)
      .where('facilitatorId', '=', input.facilitatorId)
      .executeTakeFirst();
    if (!led)
      throw new ValidationError({
        taller: 'Ese taller no lo guía este facilitador: elige uno de los suyos.',
      });
  }
  const scope =
    input.workshopId !== null
      ? { facilitatorId: null, workshopId: input.workshopId, seriesId: null }
      : input.seriesId !== null
        ? { facilitatorId: null, workshopId: null, seriesId: input.seriesId }
        : { facilitatorId: input.facilitatorId, workshopId: null, seriesId: null };
  let same = trx.selectFrom('payRules').select('id').where('effectiveFrom', '=', input.effectiveFrom);
  same =
    scope.workshopId !== null
      ? same.where('workshopId', '=', scope.workshopId)
      : scope.seriesId !== null
        ? same.where('seriesId', '=', scope.seriesId)
        : same.where('facilitatorId', '=', input.facilitatorId);
  if (await same.executeTakeFirst())
    throw new ValidationError({
      desde: 'Ya hay una regla de este alcance desde esa fecha: elimínala primero o elige otra fecha.',
    });
  const values = {
    ...scope,
    kind: input.kind,
    amountClp: input.kind === 'revenue_share' ? 0 : input.amountClp,
    percentBp: input.kind === 'revenue_share' ? input.percentBp : null,
    attendeeBasis: input.attendeeBasis,
    bonusThreshold: input.bonus?.threshold ?? null,
    bonusClp: input.bonus?.amountClp ?? null,
    effectiveFrom: input.effectiveFrom,
    createdAt: ctx.now.toISOString(),
    createdByUserId: ctx.actor?.userId ?? null,
  };
  const row = await trx.insertInto('payRules').values(values).returning('id').executeTakeFirstOrThrow();
  await recordAudit(trx, { entityType: 'pay_rule', entityId: row.id, action: 'create', after: values }, ctx);
  return row.id;
}

/**
 * Removes a rule of this facilitator. Closed periods keep what it paid (their lines are a copy).
 * Throws PayRuleNotFoundError for a rule that is not theirs.
 */
export async function deletePayRule(
  trx: Tx,
  input: { facilitatorId: number; ruleId: number },
  ctx: ServiceContext,
): Promise<void> {
  const rule = await findFacilitatorPayRule(trx, input.facilitatorId, input.ruleId);
  if (!rule) throw new PayRuleNotFoundError();
  await trx.deleteFrom('payRules').where('id', '=', rule.id).execute();
  await recordAudit(trx, { entityType: 'pay_rule', entityId: rule.id, action: 'delete', before: rule }, ctx);
}
