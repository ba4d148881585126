import type { FastifyInstance } from 'fastify';
import {
  AUDIT_SORTS,
  auditFilterOptions,
  countAuditEntries,
  entityLabel,
  listAuditEntries,
} from '../../../domain/audit';
import { AUDIT_ACTION_LABELS } from '../../../domain/vocabulary';
import { sendExport } from '../../../http/export';
import { formatDateTimeShort } from '../../../lib/dates';
import { filter, parseListQuery } from '../../../lib/list-query';
import { makePage, pageWindow } from '../../../lib/pagination';
import { AuditListPage } from './views/audit-list.page';

const PAGE_SIZE = 30;
const EXPORT_LIMIT = 50_000;

export const AUDIT_LIST = {
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
export async function auditStaffRoutes(app: FastifyInstance) {
  const { database } = app.deps;

  app.get('/auditoria/', async (request, reply) => {
    const query = parseListQuery(request.query, AUDIT_LIST);
    const f = {
      q: query.q,
      entityType: query.filters.entidad,
      actorUserId: query.filters.actor,
      from: query.filters.desde,
      to: query.filters.hasta,
    };
    const order = { sort: query.sort, dir: query.dir };
    if (query.format) {
      const rows = await listAuditEntries(database.db, f, order, { offset: 0, limit: EXPORT_LIMIT });
      return sendExport(
        reply,
        query.format,
        {
          name: 'auditoria',
          sheet: 'Auditoría',
          header: ['Fecha', 'Quién', 'Acción', 'Registro', 'Número', 'Antes', 'Después'],
          rows: rows.map((r) => [
            formatDateTimeShort(r.createdAt),
            r.actorName || r.actorEmail || 'Sistema',
            AUDIT_ACTION_LABELS[r.action],
            entityLabel(r.entityType),
            r.entityId,
            r.beforeJson,
            r.afterJson,
          ]),
        },
        app.deps.clock(),
      );
    }
    const total = await countAuditEntries(database.db, f);
    const { page, offset } = pageWindow(query.page, PAGE_SIZE, total);
    const [rows, options] = await Promise.all([
      listAuditEntries(database.db, f, order, { offset, limit: PAGE_SIZE }),
      auditFilterOptions(database.db),
    ]);
    return reply.page(AuditListPage, { query, entries: makePage(rows, page, PAGE_SIZE, total), options });
  });
}
