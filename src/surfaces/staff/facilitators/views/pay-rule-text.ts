import type { AttendeeBasis, PayRuleKind } from '../../../../db/schema';
import { ATTENDEE_BASIS_LABELS, PAY_RULE_KIND_LABELS } from '../../../../domain/vocabulary';
import { formatClp } from '../../../../lib/money';

/** 4050 → "40,5 %". */
export const formatPercentBp = (bp: number) =>
  `${(bp / 100).toLocaleString('es-CL', { maximumFractionDigits: 2 })} %`;

/** A rule in one line, as the facilitator's page and the pay lines say it. */
export function payRuleText(rule: {
  kind: PayRuleKind;
  amountClp: number;
  percentBp: number | null;
  attendeeBasis: AttendeeBasis;
  bonusThreshold: number | null;
  bonusClp: number | null;
}): string {
  const counted = ATTENDEE_BASIS_LABELS[rule.attendeeBasis].toLowerCase();
  const base =
    rule.kind === 'fixed'
      ? `${PAY_RULE_KIND_LABELS.fixed}: ${formatClp(rule.amountClp)}`
      : rule.kind === 'per_attendee'
        ? `${formatClp(rule.amountClp)} por persona (${counted})`
        : `${formatPercentBp(rule.percentBp ?? 0)} de lo recaudado`;
  const bonus =
    rule.bonusThreshold !== null && rule.bonusClp !== null
      ? ` + bono de ${formatClp(rule.bonusClp)} con más de ${rule.bonusThreshold} ${counted}`
      : '';
  return `${base}${bonus}`;
}
