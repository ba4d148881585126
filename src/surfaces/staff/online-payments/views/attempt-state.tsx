import type { AttemptIssue, AttemptState } from '../../../../db/schema';
import { Badge, type BadgeTone } from '../../../../ui/components';

/**
 * Approved green, still pending blue, rejected red, given up or given back grey; anything a person
 * must look at (a refused mismatch, a refund still due) amber whatever its state.
 */
const TONES: Record<AttemptState, BadgeTone> = {
  created: 'info',
  redirected: 'info',
  authorized: 'ok',
  rejected: 'err',
  aborted: 'neutral',
  expired: 'neutral',
  refunded: 'neutral',
};

export function AttemptStateBadge({
  state,
  issue,
  label,
  'data-test': dataTest,
}: {
  state: AttemptState;
  issue: AttemptIssue | null;
  label: string;
  'data-test'?: string;
}) {
  const tone = issue === 'mismatch' || issue === 'refund_pending' ? 'warn' : TONES[state];
  return (
    <Badge tone={tone} data-test={dataTest}>
      {label}
    </Badge>
  );
}
