import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { customerForUser } from '../../../domain/customers';
import {
  AlreadyEnrolledError,
  cancelEnrollment,
  enrollCustomer,
  WorkshopFullError,
} from '../../../domain/enrollments';
import { serviceContext } from '../../../http/context';
import { parseForm } from '../../../http/forms';
import { requireUser } from '../../../http/guards';
import { routeId } from '../../../http/params';
import { NotFoundError } from '../../../lib/errors';
import { formatClp } from '../../../lib/money';
import { enrollForm } from './enrollments.forms';
import { renderWorkshopDetail } from './workshops.routes';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

export async function enrollmentsRoutes(app: FastifyInstance) {
  // Enroll from the workshop page (the old URL: the form posts to the page itself).
  app.post<{ Params: { id: string } }>('/talleres/:id/', async (request, reply) => {
    const workshopId = routeId(request.params.id);
    const back = `/talleres/${workshopId}/`;
    if (!request.user) {
      return reply.flashRedirect(
        `/login/?next=${encodeURIComponent(back)}`,
        'warning',
        'Debes iniciar sesión para inscribirte en un taller.',
      );
    }
    const form = parseForm(enrollForm, request.body);
    if (!form.ok) return renderWorkshopDetail(request, reply, workshopId, { ...form, status: 422 });
    const user = request.user;
    const ctx = serviceContext(request);
    try {
      const result = await inTransaction(app.deps.database, async (trx) => {
        const customer = await customerForUser(trx, user.id, ctx);
        return enrollCustomer(trx, { workshopId, customerId: customer.id, phone: form.data.telefono }, ctx);
      });
      return reply.flashRedirect(
        `/pago/${result.enrollmentId}/`,
        'success',
        `¡Inscripción exitosa! Cupo reservado para ${result.workshopName}. Ahora puedes proceder al pago.`,
      );
    } catch (error) {
      if (error instanceof WorkshopFullError)
        return reply.flashRedirect(
          back,
          'error',
          '¡Lo sentimos! No quedan cupos para este taller. Únete a la lista de espera y te avisaremos si se libera uno.',
        );
      if (error instanceof AlreadyEnrolledError)
        return reply.flashRedirect(back, 'warning', 'Ya estás inscrito(a) en este taller.', {
          href: `/pago/${error.enrollmentId}/`,
          label: 'Ver mi inscripción',
        });
      // Closed workshop, busy database, unverified e-mail: the error handler flashes and goes back.
      throw error;
    }
  });

  app.post(
    '/cuenta/inscripciones/:id/anular/',
    { onRequest: requireUser, config: { errorRedirect: () => '/cuenta/perfil/' } },
    async (request: IdRequest, reply) => {
      const enrollmentId = routeId(request.params.id);
      const customerId = request.user?.customerId;
      if (!customerId) throw new NotFoundError('No encontramos esa inscripción.');
      const result = await inTransaction(app.deps.database, (trx) =>
        cancelEnrollment(
          trx,
          { enrollmentId, customerId, waitlistHoldHours: app.deps.config.waitlistHoldHours },
          serviceContext(request),
        ),
      );
      const refund =
        result.refundDueClp > 0
          ? ` Te devolveremos ${formatClp(result.refundDueClp)}; te contactaremos para coordinarlo.`
          : '';
      return reply.flashRedirect(
        '/cuenta/perfil/',
        'success',
        `Anulaste tu inscripción en ${result.workshopName}. Liberamos tu cupo.${refund}`,
      );
    },
  );
}
