import { countOutbox, LOG_FILTERS, lastErrors, listOutbox } from '../../../domain/email';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { CsrfField } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { StatusBadge } from './views/email-status';

const LIST = '/gestion/correos/';

const EMAIL_QUERY = {
  // E-mails come in one order only, the domain's (newest first): the page offers no sort links.
  sortable: ['fecha'] as const,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: { estado: filter.oneOf(LOG_FILTERS) },
};

/** The e-mail log: /gestion/correos/. Each row not yet sent carries its last error. */
export const EMAIL_LIST = defineList({
  path: LIST,
  exportName: 'correos',
  sheet: 'Correos',
  query: EMAIL_QUERY,
  criteria: (query) => ({ status: query.filters.estado, q: query.q || null }),
  totals: countOnly(countOutbox),
  rows: async (db, criteria, _order, window) => {
    const rows = await listOutbox(db, criteria, window.limit, window.offset);
    const errors = await lastErrors(
      db,
      rows.filter((r) => r.status !== 'SENT').map((r) => r.id),
    );
    return rows.map((r) => ({ ...r, lastError: errors.get(r.id) ?? null }));
  },
  rowId: (r) => r.id,
  columns: [
    {
      label: 'Creado',
      cellClass: 'nowrap',
      cell: (r) => formatDateTimeShort(r.createdAt),
      exportValue: (r) => formatDateTimeShort(r.createdAt),
    },
    {
      label: 'Destinatario',
      cell: (r) => (
        <span class="clip" title={r.toAddress}>
          {r.toAddress}
        </span>
      ),
      exportValue: (r) => r.toAddress,
    },
    {
      label: 'Asunto',
      cell: (r) => (
        <>
          <a href={`${LIST}${r.id}/`}>{r.subject}</a>
          {r.kind === 'marketing' && <span class="meta"> · novedades</span>}
        </>
      ),
      exportValue: (r) => r.subject,
    },
    { label: 'Plantilla', exportValue: (r) => r.template },
    { label: 'Tipo', exportValue: (r) => (r.kind === 'marketing' ? 'novedades' : 'transaccional') },
    {
      label: 'Estado',
      cell: (r) => (
        <>
          <StatusBadge row={r} />
          {r.status === 'SENT' && r.sentAt && <div class="meta">{formatDateTimeShort(r.sentAt)}</div>}
          {r.status === 'PENDING' && r.attempts > 0 && (
            <div class="meta">Próximo intento: {formatDateTimeShort(r.nextAttemptAt)}</div>
          )}
        </>
      ),
      exportValue: (r) => r.status,
    },
    { label: 'Intentos', num: true, showFrom: 1080, cell: (r) => r.attempts, exportValue: (r) => r.attempts },
    { label: 'Enviado', exportValue: (r) => (r.sentAt ? formatDateTimeShort(r.sentAt) : null) },
    {
      label: 'Último error',
      showFrom: 1080,
      cellClass: 'email-error',
      cell: (r) => r.lastError ?? '',
      exportValue: (r) => r.lastError,
    },
    {
      label: 'Acciones',
      cell: (r, { ctx }: { ctx: PageContext }) => (
        <form method="post" action={`${LIST}${r.id}/reenviar/`} class="inline-form">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button button-small button-secondary">
            Reenviar
          </button>
        </form>
      ),
    },
  ],
});
