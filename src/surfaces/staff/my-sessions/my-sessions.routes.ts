import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import {
  listFacilitatorSessions,
  markFacilitatorAttendance,
  readFacilitatorSession,
} from '../../../domain/facilitators';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { idParams } from '../../../http/routes';
import { ForbiddenError } from '../../../lib/errors';
import { attendanceForm } from '../workshops/workshops-admin.forms';
import { MySessionPage, MySessionsPage } from './views/my-sessions.pages';

export const MY_SESSIONS = '/gestion/mis-sesiones/';

/** The facilitator of this session's account (the area's guard already refused everyone else). */
function facilitatorOf(request: FastifyRequest): number {
  const id = request.user?.facilitatorId;
  if (!id) throw new ForbiddenError();
  return id;
}

/** A facilitator's sessions, rosters and attendance (registered through facilitatorArea in app.ts). */
export async function mySessionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  app.get('/', async (request, reply) =>
    reply.page(
      MySessionsPage,
      await listFacilitatorSessions(database.db, facilitatorOf(request), app.deps.clock()),
    ),
  );

  app.get('/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const { session, roster } = await readFacilitatorSession(
      database.db,
      facilitatorOf(request),
      request.params.id,
    );
    return reply.page(MySessionPage, { session, roster });
  });

  app.post(
    '/:id/asistencia/',
    {
      schema: { params: idParams, body: attendanceForm },
      config: { errorRedirect: (r: FastifyRequest) => `${MY_SESSIONS}${(r.params as { id: number }).id}/` },
    },
    async (request, reply) => {
      const { id } = request.params;
      const changed = await inTransaction(database, (trx) =>
        markFacilitatorAttendance(
          trx,
          {
            facilitatorId: facilitatorOf(request),
            workshopId: id,
            enrollmentIds: request.body.ids,
            present: request.body.presente,
          },
          serviceContext(request),
        ),
      );
      const verb = request.body.presente ? 'asistencia marcada' : 'asistencia quitada';
      return reply.flashRedirect(
        `${MY_SESSIONS}${id}/`,
        'success',
        changed === 0
          ? 'No hubo cambios en la asistencia.'
          : `Listo: ${verb} a ${plural(changed, 'persona', 'personas')}.`,
      );
    },
  );
}
