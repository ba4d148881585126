import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import {
  type AttendanceTerms,
  attendancePolicy,
  centreAttendancePolicy,
  saveCentreAttendancePolicy,
  saveWorkshopAttendancePolicy,
} from '../../../domain/attendance-policy';
import { attendancePoints } from '../../../domain/enrollments';
import { findWorkshopSummary } from '../../../domain/workshops';
import { serviceContext } from '../../../http/context';
import { form, type InvalidForm, idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { formatClp } from '../../../lib/money';
import { centrePolicyForm, workshopPolicyForm } from './attendance-policy.forms';
import { AttendancePolicyPage } from './views/attendance-policy.page';

const CENTRE = '/gestion/talleres/politica-asistencia/';
const ofWorkshop = (id: number) => `/gestion/talleres/${id}/politica-asistencia/`;

const valuesOf = (t: AttendanceTerms, own: boolean): Record<string, string> => ({
  ...(own ? { propia: 'on' } : {}),
  plazo: String(t.lateCancelHours),
  cobro: t.noShowCharge,
  cargo: t.noShowFeeClp > 0 ? formatClp(t.noShowFeeClp) : '',
});

/** The attendance policy: the centre's default and each workshop's own (staff only). */
export async function attendancePolicyStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  async function showCentre(reply: FastifyReply, invalid?: InvalidForm) {
    const policy = await centreAttendancePolicy(db());
    return reply.page(AttendancePolicyPage, {
      action: CENTRE,
      workshop: null,
      values: invalid?.values ?? valuesOf(policy, false),
      errors: invalid?.errors ?? {},
      preview: attendancePoints(policy),
    });
  }

  async function showWorkshop(reply: FastifyReply, workshopId: number, invalid?: InvalidForm) {
    const workshop = await findWorkshopSummary(db(), workshopId);
    if (!workshop) throw new NotFoundError('Ese taller no existe.');
    const policy = await attendancePolicy(db(), workshopId);
    return reply.page(AttendancePolicyPage, {
      action: ofWorkshop(workshopId),
      workshop: { id: workshop.id, name: workshop.name },
      values: invalid?.values ?? valuesOf(policy, policy.isCustom),
      errors: invalid?.errors ?? {},
      preview: attendancePoints(policy),
    });
  }

  app.get('/talleres/politica-asistencia/', (_request, reply) => showCentre(reply));
  app.post(
    '/talleres/politica-asistencia/',
    form({ body: centrePolicyForm }, (_request, reply, invalid) => showCentre(reply, invalid)),
    async (request, reply) => {
      await inTransaction(app.deps.database, (trx) =>
        saveCentreAttendancePolicy(trx, request.body, serviceContext(request)),
      );
      return reply.flashRedirect(CENTRE, 'success', 'Política de asistencia del centro guardada.');
    },
  );

  app.get('/talleres/:id/politica-asistencia/', { schema: { params: idParams } }, (request, reply) =>
    showWorkshop(reply, request.params.id),
  );
  app.post(
    '/talleres/:id/politica-asistencia/',
    form({ params: idParams, body: workshopPolicyForm }, (request, reply, invalid) =>
      showWorkshop(reply, request.params.id, invalid),
    ),
    async (request, reply) => {
      const { id } = request.params;
      const workshop = await findWorkshopSummary(db(), id);
      if (!workshop) throw new NotFoundError('Ese taller no existe.');
      await inTransaction(app.deps.database, (trx) =>
        saveWorkshopAttendancePolicy(trx, id, request.body, serviceContext(request)),
      );
      return reply.flashRedirect(
        ofWorkshop(id),
        'success',
        request.body
          ? 'Este taller tiene ahora su propia política de asistencia.'
          : 'Este taller usa ahora la política del centro.',
      );
    },
  );
}
