import type { AttendeeBasis, PayRuleKind } from '../../db/schema';

/**
 * The pure part of paying a session: which rule applies, what it pays, what the boleta withholds.
 * No I/O, so every rule is tested without a database too.
 */

/**
 * Scopes from the most specific to the least: the first scope with a rule in force for a session
 * decides, whatever the other scopes say. A workshop's own rule beats its series' rule, which beats
 * the facilitator's default.
 */
export const PAY_RULE_PRECEDENCE = ['workshop', 'series', 'facilitator'] as const;
export type PayRuleScope = (typeof PAY_RULE_PRECEDENCE)[number];

export type PayRule = {
  id: number;
  scope: PayRuleScope;
  /** The id of what the rule is for: a workshop's, a series' or a facilitator's, by its scope. */
  targetId: number;
  kind: PayRuleKind;
  amountClp: number;
  percentBp: number | null;
  attendeeBasis: AttendeeBasis;
  bonusThreshold: number | null;
  bonusClp: number | null;
  /** "YYYY-MM-DD" (Santiago). */
  effectiveFrom: string;
};

export type PaySession = {
  /** The Santiago calendar date of the session's start. */
  date: string;
  /** What the session belongs to in each scope; null: none (a workshop that is no series' session). */
  targets: Record<PayRuleScope, number | null>;
};

/**
 * The rule that pays a session: in the most specific scope that has one in force on the session's
 * date, the one with the latest effective date (a later rule replaces an earlier one from its date
 * on). Null when no rule applies.
 */
export function pickPayRule<R extends PayRule>(rules: readonly R[], session: PaySession): R | null {
  for (const scope of PAY_RULE_PRECEDENCE) {
    let best: R | null = null;
    for (const rule of rules) {
      if (rule.scope !== scope || rule.targetId !== session.targets[scope]) continue;
      if (rule.effectiveFrom > session.date) continue;
      if (!best || rule.effectiveFrom > best.effectiveFrom) best = rule;
    }
    if (best) return best;
  }
  return null;
}

export type PayInputs = {
  /** Active enrollments (pending, part paid or paid) when the period is closed. */
  booked: number;
  /** Of those, the ones marked present. */
  attended: number;
  /** Net revenue: what the session's enrollments paid minus what was refunded (see revenueSql). */
  revenueClp: number;
};

/**
 * What a rule pays for a session. Fixed: its amount. Per attendee: its amount times the attendees
 * it counts (booked or attended, the rule's setting). Revenue share: the percentage of the net
 * revenue, rounded to the peso (half up). The bonus is paid when the attendees the rule counts are
 * more than its threshold ("sobre N asistentes": N + 1 or more).
 */
export function computePay(
  rule: PayRule,
  inputs: PayInputs,
): { baseClp: number; bonusClp: number; grossClp: number } {
  const attendees = rule.attendeeBasis === 'booked' ? inputs.booked : inputs.attended;
  const baseClp =
    rule.kind === 'fixed'
      ? rule.amountClp
      : rule.kind === 'per_attendee'
        ? rule.amountClp * attendees
        : percentOf(Math.max(0, inputs.revenueClp), rule.percentBp ?? 0);
  const bonusClp =
    rule.bonusThreshold !== null && rule.bonusClp !== null && attendees > rule.bonusThreshold
      ? rule.bonusClp
      : 0;
  return { baseClp, bonusClp, grossClp: baseClp + bonusClp };
}

/** An amount times a rate in basis points, rounded to the peso, half up (integers only: no float drift). */
export function percentOf(amountClp: number, rateBp: number): number {
  return Math.floor((amountClp * rateBp + 5000) / 10000);
}

/**
 * The boleta de honorarios of one facilitator for one period: the retention is the rate applied to
 * the period's gross and rounded to the peso (half up), as the SII's boleta does; the net is what
 * is left. Computed on the total, not per session, because one boleta covers the period: per-line
 * rounding could differ by a peso per session.
 */
export function honorarios(grossClp: number, rateBp: number): { withholdingClp: number; netClp: number } {
  const withholdingClp = percentOf(grossClp, rateBp);
  return { withholdingClp, netClp: grossClp - withholdingClp };
}
