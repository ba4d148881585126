import type { OutboxStatus } from '../../../../db/schema';
import type { LogFilter } from '../../../../domain/email';
import { OUTBOX_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import type { Page } from '../../../../lib/pagination';
import { CsrfField, EmptyState, Field, Pagination, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

export type EmailLogRow = {
  id: number;
  toAddress: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  kind: 'transactional' | 'marketing';
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string;
  lastError: string | null;
};

export const FILTER_OPTIONS: { value: LogFilter; label: string }[] = [
  { value: 'pendiente', label: 'Pendientes' },
  { value: 'reintentando', label: 'Reintentando' },
  { value: 'enviado', label: 'Enviados' },
  { value: 'fallido', label: 'Fallidos' },
];

/** What staff read for a row's state: the worker's states in plain Spanish. */
export function statusLabel(row: Pick<EmailLogRow, 'status' | 'attempts'>): string {
  // A pending message that already failed once is waiting for its next attempt.
  return row.status === 'PENDING' && row.attempts > 0 ? 'Reintentando' : OUTBOX_STATUS_LABELS[row.status];
}

export function StatusBadge({ row }: { row: Pick<EmailLogRow, 'status' | 'attempts'> }) {
  return <span class={`badge badge-email-${row.status}`}>{statusLabel(row)}</span>;
}

type Props = {
  ctx: PageContext;
  page: Page<EmailLogRow>;
  filters: { estado: string; q: string };
};

export function EmailLogPage({ ctx, page, filters }: Props) {
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
  return (
    <StaffLayout ctx={ctx} title="Registro de correos">
      <h1>Registro de correos</h1>
      <p class="meta">
        Cada correo que TMM envía o intenta enviar, el más reciente primero. Los fallidos se reintentan solos
        varias veces; con «Reenviar» se pone en cola una copia nueva.
      </p>
      <form method="get" action="/gestion/correos/" class="filters">
        <SelectField
          name="estado"
          label="Estado"
          options={FILTER_OPTIONS}
          value={filters.estado}
          emptyLabel="Todos"
        />
        <Field
          name="q"
          label="Destinatario"
          type="search"
          value={filters.q}
          placeholder="correo@ejemplo.cl"
        />
        <button type="submit" class="button">
          Filtrar
        </button>
      </form>
      <p class="export-links">
        Exportar: <a href={`/gestion/correos/?${new URLSearchParams({ ...query, formato: 'csv' })}`}>CSV</a> ·{' '}
        <a href={`/gestion/correos/?${new URLSearchParams({ ...query, formato: 'xlsx' })}`}>XLSX</a>
      </p>
      {page.total === 0 ? (
        <EmptyState>No hay correos que coincidan con el filtro.</EmptyState>
      ) : (
        <>
          <p class="meta">
            Mostrando {page.from}–{page.to} de {page.total}
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Creado</th>
                  <th scope="col">Destinatario</th>
                  <th scope="col">Asunto</th>
                  <th scope="col">Estado</th>
                  <th scope="col" class="num">
                    Intentos
                  </th>
                  <th scope="col">Último error</th>
                  <th scope="col">Acciones</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((row) => (
                  <tr data-test="email-row">
                    <td>{formatDateTimeShort(row.createdAt)}</td>
                    <td>{row.toAddress}</td>
                    <td>
                      <a href={`/gestion/correos/${row.id}/`}>{row.subject}</a>
                      {row.kind === 'marketing' && <span class="meta"> · novedades</span>}
                    </td>
                    <td>
                      <StatusBadge row={row} />
                      {row.status === 'SENT' && row.sentAt && (
                        <div class="meta">{formatDateTimeShort(row.sentAt)}</div>
                      )}
                      {row.status === 'PENDING' && row.attempts > 0 && (
                        <div class="meta">Próximo intento: {formatDateTimeShort(row.nextAttemptAt)}</div>
                      )}
                    </td>
                    <td class="num">{row.attempts}</td>
                    <td class="email-error">{row.lastError ?? ''}</td>
                    <td>
                      <form method="post" action={`/gestion/correos/${row.id}/reenviar/`} class="inline-form">
                        <CsrfField token={ctx.csrfToken} />
                        <button type="submit" class="button button-small button-secondary">
                          Reenviar
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page.page} pages={page.pages} query={query} basePath="/gestion/correos/" />
        </>
      )}
    </StaffLayout>
  );
}
