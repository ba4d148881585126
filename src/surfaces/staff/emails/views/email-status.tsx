import type { OutboxStatus } from '../../../../db/schema';

type Delivery = { status: OutboxStatus; attempts: number };

/** What staff read for a row's state: the worker's states in plain Spanish. */
export function statusLabel(row: Delivery): string {
  if (row.status === 'SENT') return 'Enviado';
  if (row.status === 'FAILED') return 'Fallido';
  if (row.status === 'SENDING') return 'Enviando';
  return row.attempts > 0 ? 'Reintentando' : 'Pendiente';
}

export function StatusBadge({ row }: { row: Delivery }) {
  return <span class={`badge badge-email-${row.status}`}>{statusLabel(row)}</span>;
}
