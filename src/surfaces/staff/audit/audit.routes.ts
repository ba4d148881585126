import type { FastifyInstance } from 'fastify';
import { auditFilterOptions } from '../../../domain/audit';
import { serveList } from '../../../http/staff-list';
import { AUDIT_LIST } from './audit.list';
import { AuditListPage } from './views/audit-list.page';

/** The global audit log (/gestion/auditoria/): who changed what and when. */
export async function auditStaffRoutes(app: FastifyInstance) {
  const { database } = app.deps;

  app.get('/auditoria/', (request, reply) =>
    serveList(AUDIT_LIST, request, reply, async (data) =>
      reply.page(AuditListPage, { ...data, options: await auditFilterOptions(database.db) }),
    ),
  );
}
