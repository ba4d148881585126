import type { OutboxStatus } from '../../../../db/schema';
import { OUTBOX_STATUS_LABELS } from '../../../../domain/vocabulary';

type Delivery = { status: OutboxStatus; attempts: number };

/** What staff read for a row's state: the worker's states in plain Spanish. */
export function statusLabel(row: Delivery): string {
  // A pending message that already failed once is waiting for its next attempt.
  return row.status === 'PENDING' && row.attempts > 0 ? 'Reintentando' : OUTBOX_STATUS_LABELS[row.status];
}

export function StatusBadge({ row }: { row: Delivery }) {
  return <span class={`badge badge-email-${row.status}`}>{statusLabel(row)}</span>;
}
