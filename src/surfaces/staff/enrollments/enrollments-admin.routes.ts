import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  customerIdsOfEnrollments,
  enrollmentIdsInScope,
  listWorkshopOptions,
} from '../../../domain/enrollments';
import { payEnrollmentBalances } from '../../../domain/payments';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { locationScope } from '../../../http/location-scope';
import { serveList } from '../../../http/staff-list';
import { enrollmentBulkForm } from '../lists/admin-lists.forms';
import { returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { ENROLLMENT_LIST } from './enrollments.list';
import { EnrollmentsPage } from './views/enrollments.page';

const LIST = ENROLLMENT_LIST.path;

/** Every enrollment, across workshops: /gestion/inscripciones/. */
export async function enrollmentsAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  // Staff limited to some locations see, export and act on the enrollments of those only.
  app.get('/inscripciones/', async (request, reply) => {
    const scope = await locationScope(request);
    const list = {
      ...ENROLLMENT_LIST,
      criteria: (q: Parameters<typeof ENROLLMENT_LIST.criteria>[0], now: Date) => ({
        ...ENROLLMENT_LIST.criteria(q, now),
        scope,
      }),
    };
    return serveList(list, request, reply, async (data) =>
      reply.page(EnrollmentsPage, {
        ...data,
        workshops: await listWorkshopOptions(database.db, scope),
        submission: randomUUID(),
      }),
    );
  });

  app.post(
    '/inscripciones/acciones/',
    {
      schema: { body: enrollmentBulkForm },
      config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) },
    },
    async (request, reply) => {
      const back = returnPath(request, LIST);
      const { accion, metodo, envio } = request.body;
      const ids = await enrollmentIdsInScope(database.db, request.body.ids, await locationScope(request));
      if (ids.length === 0) return reply.flashRedirect(back, 'error', 'No encontramos esas inscripciones.');
      if (accion === 'exportar')
        return reply.redirect(selectedExportUrl(LIST, ids, request.body.formato), 303);
      if (accion === 'correo') {
        const customers = await customerIdsOfEnrollments(database.db, ids);
        const params = new URLSearchParams(customers.map((id) => ['cliente_id', String(id)]));
        return reply.redirect(`/gestion/email/?${params.toString()}`, 303);
      }
      if (!metodo) return reply.flashRedirect(back, 'error', 'Elige el medio de pago.');
      if (!envio)
        return reply.flashRedirect(
          back,
          'error',
          'El formulario expiró: recarga la página e inténtalo de nuevo.',
        );
      const result = await payEnrollmentBalances(
        database,
        { enrollmentIds: ids, method: metodo, submission: envio },
        serviceContext(request),
      );
      const parts: string[] = [];
      if (result.recorded > 0)
        parts.push(`Pago registrado en ${plural(result.recorded, 'inscripción', 'inscripciones')}.`);
      if (result.duplicates > 0)
        parts.push(
          `${plural(result.duplicates, 'pago ya estaba registrado', 'pagos ya estaban registrados')} por este mismo envío; no se repitió.`,
        );
      if (result.skipped.length > 0)
        parts.push(
          `Sin cambios: ${result.skipped.map((s) => `N° ${s.enrollmentId} (${s.reason})`).join('; ')}`,
        );
      const kind =
        result.recorded > 0 || result.duplicates > 0
          ? result.skipped.length > 0
            ? 'warning'
            : 'success'
          : 'error';
      return reply.flashRedirect(back, kind, parts.join(' '));
    },
  );
}
