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
  'r.seriesId',
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
  seriesId: number | null;
};

/** A stored rule as the pure rules see it: its scope is the column that names its target. */
function toPayRule(row: RuleRow): PayRule {
  const [scope, targetId]: [PayRuleScope, number] =
    row.workshopId !== null
      ? ['workshop', row.workshopId]
      : row.seriesId !== null
        ? ['series', row.seriesId]
        : ['facilitator', row.facilitatorId!];
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

/** Every rule that could pay these sessions: their workshops', their series' and their facilitators'. */
export async function listRulesFor(
  db: Db | Tx,
  targets: { workshopIds: number[]; seriesIds: number[]; facilitatorIds: number[] },
): Promise<PayRule[]> {
  if (
    targets.workshopIds.length === 0 &&
    targets.seriesIds.length === 0 &&
    targets.facilitatorIds.length === 0
  )
    return [];
  const rows = await db
    .selectFrom('payRules as r')
    .select(RULE_COLUMNS)
    .where((eb) =>
      eb.or([
        ...(targets.workshopIds.length ? [eb('r.workshopId', 'in', targets.workshopIds)] : []),
        ...(targets.seriesIds.length ? [eb('r.seriesId', 'in', targets.seriesIds)] : []),
        ...(targets.facilitatorIds.length ? [eb('r.facilitatorId', 'in', targets.facilitatorIds)] : []),
      ]),
    )
    .execute();
  return rows.map(toPayRule);
}

/**
 * The series a facilitator leads: those with at least one session (workshop) of theirs. A series
 * names its facilitator only as text, so leading its sessions is what ties it to a facilitator.
 */
const seriesLedBy = (db: Db | Tx, facilitatorId: number) =>
  db
    .selectFrom('seriesSessions as ss')
    .innerJoin('workshops as sw', 'sw.id', 'ss.workshopId')
    .select('ss.seriesId')
    .where('sw.facilitatorId', '=', facilitatorId);

/** Rules of this facilitator: their defaults, those of workshops they lead and of series they lead. */
function facilitatorRules(db: Db | Tx, facilitatorId: number) {
  return db
    .selectFrom('payRules as r')
    .leftJoin('workshops as w', 'w.id', 'r.workshopId')
    .leftJoin('series as s', 's.id', 'r.seriesId')
    .where((eb) =>
      eb.or([
        eb('r.facilitatorId', '=', facilitatorId),
        eb('w.facilitatorId', '=', facilitatorId),
        eb('r.seriesId', 'in', seriesLedBy(db, facilitatorId)),
      ]),
    );
}

/** A facilitator's rules for the staff page: defaults, then series, then workshops, newest date first. */
export async function listFacilitatorPayRules(db: Db, facilitatorId: number) {
  const rows = await facilitatorRules(db, facilitatorId)
    .select(RULE_COLUMNS)
    .select(['w.name as workshopName', 'w.startsAt as workshopStartsAt', 's.name as seriesName'])
    .orderBy('r.workshopId')
    .orderBy('r.seriesId')
    .orderBy('r.effectiveFrom', 'desc')
    .execute();
  return rows.map((row) => ({
    ...toPayRule(row),
    workshopName: row.workshopName,
    workshopStartsAt: row.workshopStartsAt,
    seriesName: row.seriesName,
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

/** The series a facilitator leads, for the "every session of this series" choice of a rule. */
export async function listRuleSeriesOptions(db: Db, facilitatorId: number) {
  return db
    .selectFrom('series')
    .select(['id', 'name'])
    .where('id', 'in', seriesLedBy(db, facilitatorId))
    .orderBy('name')
    .execute();
}

/** Whether this facilitator leads a session of this series (a rule for it may go on their page). */
export async function leadsSeries(trx: Tx, facilitatorId: number, seriesId: number): Promise<boolean> {
  const row = await seriesLedBy(trx, facilitatorId).where('ss.seriesId', '=', seriesId).executeTakeFirst();
  return row !== undefined;
}

/** One rule, only when it belongs to this facilitator (a default of theirs, or of a workshop or series they lead). */
export async function findFacilitatorPayRule(trx: Tx, facilitatorId: number, ruleId: number) {
  const row = await facilitatorRules(trx, facilitatorId)
    .select(RULE_COLUMNS)
    .where('r.id', '=', ruleId)
    .executeTakeFirst();
  return row ? toPayRule(row) : undefined;
}
