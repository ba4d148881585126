import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/database';
import { inTransaction } from '../../../db/transaction';
import {
  checkIn,
  type DoorScope,
  findDoorEnrollment,
  findDoorSession,
  listDoorAttendees,
  listDoorSessions,
} from '../../../domain/enrollments';
import { recordEnrollmentPayment } from '../../../domain/payments';
import { serviceContext } from '../../../http/context';
import { locationScope } from '../../../http/location-scope';
import { idParams } from '../../../http/routes';
import { addHours, formatDateTimeShort, santiagoDate, santiagoTime, santiagoToUtc } from '../../../lib/dates';
import { NotFoundError } from '../../../lib/errors';
import { formatClp } from '../../../lib/money';
import { formToken } from '../workshops/staff-payment';
import { checkInForm, doorEnrollmentParams, doorPaymentForm, doorQuery } from './checkin.forms';
import { DoorPage } from './views/door.page';
import { DoorSessionsPage } from './views/door-sessions.page';

const doorPath = (workshopId: number) => `/gestion/asistencia/${workshopId}/`;
/**
 * A facilitator works the door of their own sessions only; staff and admins of every session, or of
 * their locations' when limited to some.
 */
const doorScope = async (request: FastifyRequest): Promise<DoorScope> => ({
  facilitatorId: request.user?.role === 'facilitator' ? request.user.facilitatorId : null,
  locationIds: await locationScope(request),
});

/** The session a door route names, within the user's scope; 404 outside it. */
async function doorSession(db: Db, request: FastifyRequest, id: number) {
  const session = await findDoorSession(db, id, await doorScope(request));
  if (!session) throw new NotFoundError('Esa sesión no existe.');
  return session;
}

const backToDoor = {
  errorRedirect: (request: FastifyRequest) => doorPath(Number((request.params as { id: string }).id) || 0),
};

/**
 * jsQR served from our own origin (no CDN, CSP unchanged: script-src 'self'), read once at startup
 * from the installed package like Chart.js. Public, as every static file: it holds nothing private.
 */
export async function checkinPublicRoutes(app: FastifyInstance) {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve('jsqr'));
  app.get('/static/vendor/jsqr.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(source),
  );
}

/**
 * Check-in at the door (/gestion/asistencia/), made for a phone: today's sessions, then one
 * session's scanner and list. Registered in app.ts behind requireCheckIn (http/guards.ts).
 */
export async function checkinStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  app.get('/asistencia/', async (request, reply) => {
    const now = app.deps.clock();
    const day = santiagoDate(now);
    const from = santiagoToUtc(day);
    const sessions = await listDoorSessions(
      db(),
      { from, to: santiagoToUtc(santiagoDate(addHours(from, 30))) },
      await doorScope(request),
    );
    return reply.page(DoorSessionsPage, { day, sessions });
  });

  app.get(
    '/asistencia/:id/',
    { schema: { params: idParams, querystring: doorQuery } },
    async (request, reply) => {
      const session = await doorSession(db(), request, request.params.id);
      const { q, inscripcion } = request.query;
      const [attendees, picked] = await Promise.all([
        listDoorAttendees(db(), session.id, q),
        inscripcion ? findDoorEnrollment(db(), inscripcion) : undefined,
      ]);
      const result = picked && picked.workshopId === session.id ? picked : null;
      return reply.page(DoorPage, {
        session,
        attendees,
        q,
        result,
        paymentToken: result && result.owedClp > 0 ? formToken() : null,
      });
    },
  );

  app.post(
    '/asistencia/:id/registrar',
    { schema: { params: idParams, body: checkInForm }, config: backToDoor },
    async (request, reply) => {
      const { id } = request.params;
      const { codigo, inscripcion } = request.body;
      await doorSession(db(), request, id);
      const { outcome, enrollment } = await inTransaction(app.deps.database, (trx) =>
        checkIn(trx, { workshopId: id, scanned: codigo, enrollmentId: inscripcion }, serviceContext(request)),
      );
      const owes =
        enrollment.owedClp > 0 ? ` Tiene un saldo pendiente de ${formatClp(enrollment.owedClp)}.` : '';
      const location = `${doorPath(id)}?inscripcion=${enrollment.id}#resultado`;
      if (outcome === 'checked_in')
        return reply.flashRedirect(
          location,
          enrollment.owedClp > 0 ? 'warning' : 'success',
          `Llegada registrada: ${enrollment.customerName}.${owes}`,
        );
      const at = enrollment.attendedAt ? santiagoTime(new Date(enrollment.attendedAt)) : '';
      const by = enrollment.checkedInByName ? ` por ${enrollment.checkedInByName}` : '';
      return reply.flashRedirect(
        location,
        'info',
        `${enrollment.customerName} ya estaba registrada: llegó a las ${at} hrs${by} (${formatDateTimeShort(enrollment.attendedAt ?? '')}).${owes}`,
      );
    },
  );

  app.post(
    '/asistencia/:id/inscripciones/:enrollmentId/pago',
    { schema: { params: doorEnrollmentParams, body: doorPaymentForm }, config: backToDoor },
    async (request, reply) => {
      const { id, enrollmentId } = request.params;
      await doorSession(db(), request, id);
      const enrollment = await findDoorEnrollment(db(), enrollmentId);
      if (!enrollment || enrollment.workshopId !== id)
        throw new NotFoundError('No encontramos esa inscripción.');
      const result = await inTransaction(app.deps.database, (trx) =>
        recordEnrollmentPayment(
          trx,
          {
            enrollmentId,
            method: 'efectivo',
            idempotencyKey: `door:${request.body.clave}`,
            recordedByUserId: request.user?.id ?? null,
          },
          serviceContext(request),
        ),
      );
      const location = `${doorPath(id)}?inscripcion=${enrollmentId}#resultado`;
      if (result.outcome === 'duplicate')
        return reply.flashRedirect(
          location,
          'info',
          'Ese pago ya estaba registrado (el formulario se envió dos veces).',
        );
      return reply.flashRedirect(
        location,
        'success',
        `Pago en efectivo registrado: ${enrollment.customerName} no tiene saldo pendiente.`,
      );
    },
  );
}
