import {
  AUDIT_SORTS,
  countAuditEntries,
  entityHref,
  entityLabel,
  listAuditEntries,
} from '../../../domain/audit';
import { AUDIT_ACTION_LABELS } from '../../../domain/vocabulary';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { auditLinesText } from './audit-fields';
import { auditNames } from './audit-names';
import { AuditChanges, actorName } from './views/audit-changes';

const AUDIT_QUERY = {
  sortable: AUDIT_SORTS,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: {
    entidad: (raw: unknown) => {
      const v = filter.text(50)(raw);
      return /^[a-z_]+$/.test(v) ? v : null;
    },
    actor: filter.id(),
    desde: filter.date(),
    hasta: filter.date(),
  },
};

/** The global audit log (/gestion/auditoria/): who changed what and when. */
export const AUDIT_LIST = defineList({
  path: '/gestion/auditoria/',
  exportName: 'auditoria',
  sheet: 'Auditoría',
  query: AUDIT_QUERY,
  criteria: (query) => ({
    q: query.q,
    entityType: query.filters.entidad,
    actorUserId: query.filters.actor,
    from: query.filters.desde,
    to: query.filters.hasta,
  }),
  totals: countOnly(countAuditEntries),
  rows: async (db, criteria, order, window) => {
    const rows = await listAuditEntries(db, criteria, order, window);
    const names = await auditNames(db, rows);
    return rows.map((r) => ({ ...r, names }));
  },
  rowId: (r) => r.id,
  pageSize: 30,
  columns: [
    {
      label: 'Fecha',
      sort: 'fecha',
      cellClass: 'nowrap',
      cell: (r) => formatDateTimeShort(r.createdAt),
      exportValue: (r) => formatDateTimeShort(r.createdAt),
    },
    { label: 'Quién', cell: actorName, exportValue: actorName },
    {
      label: 'Acción',
      sort: 'accion',
      cell: (r) => AUDIT_ACTION_LABELS[r.action],
      exportValue: (r) => AUDIT_ACTION_LABELS[r.action],
    },
    {
      label: 'Registro',
      sort: 'entidad',
      cell: (r) => {
        const href = entityHref(r.entityType, r.entityId);
        const label = `${entityLabel(r.entityType)} #${r.entityId}`;
        return href && r.action !== 'delete' ? <a href={href}>{label}</a> : label;
      },
      exportValue: (r) => entityLabel(r.entityType),
    },
    { label: 'Número', exportValue: (r) => r.entityId },
    {
      label: 'Cambios',
      cell: (r) => <AuditChanges entry={r} names={r.names} />,
      exportValue: (r) => auditLinesText(r, r.names),
    },
    // The entry as recorded, for whoever needs the exact values behind the readable ones.
    { label: 'Antes (datos)', exportValue: (r) => r.beforeJson },
    { label: 'Después (datos)', exportValue: (r) => r.afterJson },
  ],
});
