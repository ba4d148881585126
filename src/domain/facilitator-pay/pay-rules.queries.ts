import type { Db, Tx } from '../../db/database';
import type { PayRule, PayRuleScope } from './pay-rules';

const RULE_COLUMNS = [
  'r.id',
  'r.facilitatorId',
  'r.workshopId',
  'r.kind',
  'r.amountClp',
  'r.percentBp',
  'r.attendeeBasis',
  'r.bonusThreshold',
  'r.bonusClp',
  'r.effectiveFrom',
] as const;

type RuleRow = {
  id: number;
  facilitatorId: number | null;
  workshopId: number | null;
  kind: PayRule['kind'];
  amountClp: number;
  percentBp: number | null;
  attendeeBasis: PayRule['attendeeBasis'];
  bonusThreshold: number | null;
  bonusClp: number | null;
  effectiveFrom: string;
};

/** A stored rule as the pure rules see it: its scope is the column that names its target. */
function toPayRule(row: RuleRow): PayRule {
  const [scope, targetId]: [PayRuleScope, number] =
    row.workshopId !== null ? ['workshop', row.workshopId] : ['facilitator', row.facilitatorId!];
  return {
    id: row.id,
    scope,
    targetId,
    kind: row.kind,
    amountClp: row.amountClp,
    percentBp: row.percentBp,
    attendeeBasis: row.attendeeBasis,
    bonusThreshold: row.bonusThreshold,
    bonusClp: row.bonusClp,
    effectiveFrom: row.effectiveFrom,
  };
}

/** Every rule that could pay these sessions: their workshops' and their facilitators'. */
export async function listRulesFor(
  db: Db | Tx,
  targets: { workshopIds: number[]; facilitatorIds: number[] },
): Promise<PayRule[]> {
  if (targets.workshopIds.length === 0 && targets.facilitatorIds.length === 0) return [];
  const rows = await db
    .selectFrom('payRules as r')
    .select(RULE_COLUMNS)
    .where((eb) =>
      eb.or([
        ...(targets.workshopIds.length ? [eb('r.workshopId', 'in', targets.workshopIds)] : []),
        ...(targets.facilitatorIds.length ? [eb('r.facilitatorId', 'in', targets.facilitatorIds)] : []),
      ]),
    )
    .execute();
  return rows.map(toPayRule);
}

/** A facilitator's rules for the staff page: their defaults and those of the workshops they lead. */
export async function listFacilitatorPayRules(db: Db, facilitatorId: number) {
  const rows = await db
    .selectFrom('payRules as r')
    .leftJoin('workshops as w', 'w.id', 'r.workshopId')
    .select(RULE_COLUMNS)
    .select(['w.name as workshopName', 'w.startsAt as workshopStartsAt'])
    .where((eb) =>
      eb.or([eb('r.facilitatorId', '=', facilitatorId), eb('w.facilitatorId', '=', facilitatorId)]),
    )
    .orderBy('r.workshopId')
    .orderBy('r.effectiveFrom', 'desc')
    .execute();
  return rows.map((row) => ({
    ...toPayRule(row),
    workshopName: row.workshopName,
    workshopStartsAt: row.workshopStartsAt,
  }));
}
export type FacilitatorPayRule = Awaited<ReturnType<typeof listFacilitatorPayRules>>[number];

/** The workshops a facilitator leads, for the "only this workshop" choice of a rule (newest first). */
export async function listRuleWorkshopOptions(db: Db, facilitatorId: number) {
  return db
    .selectFrom('workshops')
    .select(['id', 'name', 'startsAt'])
    .where('facilitatorId', '=', facilitatorId)
    .orderBy('startsAt', 'desc')
    .limit(200)
    .execute();
}

/** One rule, only when it belongs to this facilitator (a default of theirs or of a workshop they lead). */
export async function findFacilitatorPayRule(trx: Tx, facilitatorId: number, ruleId: number) {
  const row = await trx
    .selectFrom('payRules as r')
    .leftJoin('workshops as w', 'w.id', 'r.workshopId')
    .select(RULE_COLUMNS)
    .where('r.id', '=', ruleId)
    .where((eb) =>
      eb.or([eb('r.facilitatorId', '=', facilitatorId), eb('w.facilitatorId', '=', facilitatorId)]),
    )
    .executeTakeFirst();
  return row ? toPayRule(row) : undefined;
}
