import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { listAuditForEntity } from '../../../domain/audit';
import { findCustomerContact, listInterestOptions } from '../../../domain/customers';
import {
  cancelEnrollment,
  cancelWholeWorkshop,
  deleteWorkshopByStaff,
  enrollCustomer,
  findDebtor,
  isEnrollmentOfWorkshop,
  markAttendance,
  updateWorkshopByStaff,
} from '../../../domain/enrollments';
import { ENROLLMENT_STATUS_LABELS, plural } from '../../../domain/vocabulary';
import {
  type AdminWorkshop,
  createWorkshopByStaff,
  findAdminWorkshop,
  listAttendees,
  searchCustomersForEnrollment,
  type WorkshopInput,
  waitlistCounts,
} from '../../../domain/workshops';
import { serviceContext } from '../../../http/context';
import { sendExport } from '../../../http/export';
import { type FormErrors, formValues, parseForm } from '../../../http/forms';
import { routeId } from '../../../http/params';
import { serveList } from '../../../http/staff-list';
import { addHours, formatDateShort, santiagoDate, santiagoTime, santiagoToUtc } from '../../../lib/dates';
import { NotFoundError, ValidationError } from '../../../lib/errors';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { formToken, registerStaffPayment, registerStaffRefund } from './staff-payment';
import { StaffPaymentPage } from './views/staff-payment.page';
import { WorkshopAdminPage } from './views/workshop-admin.page';
import { WorkshopConfirmPage } from './views/workshop-confirm.page';
import { WorkshopFormPage } from './views/workshop-form.page';
import { WorkshopsPage } from './views/workshops.page';
import { WORKSHOP_LIST } from './workshops.list';
import {
  attendanceForm,
  confirmForm,
  enrollForm,
  type WorkshopFormData,
  workshopForm,
} from './workshops-admin.forms';

const LIST = WORKSHOP_LIST.path;
const NOT_FOUND = 'Ese taller no existe.';

type IdParams = { Params: { id: string } };
type EnrollmentParams = { Params: { id: string; enrollmentId: string } };

const toInput = (d: WorkshopFormData): WorkshopInput => ({
  name: d.nombre,
  description: d.descripcion,
  categoryId: d.categoria,
  startsAt: santiagoToUtc(d.fecha, d.hora),
  durationMinutes: d.duracion,
  modality: d.modalidad,
  location: d.lugar,
  onlineUrl: d.enlace,
  priceClp: d.precio,
  totalSeats: d.cupos,
  isActive: d.activo,
  cancellationCutoffHours: d.plazo_anulacion,
  unpaidExpiryHours: d.vencimiento_impago,
});

const formFromWorkshop = (w: AdminWorkshop): Record<string, string> => ({
  nombre: w.name,
  descripcion: w.description,
  categoria: w.categoryId ? String(w.categoryId) : '',
  fecha: santiagoDate(new Date(w.startsAt)),
  hora: santiagoTime(new Date(w.startsAt)),
  duracion: String(w.durationMinutes),
  modalidad: w.modality,
  lugar: w.location ?? '',
  enlace: w.onlineUrl ?? '',
  precio: String(w.priceClp),
  cupos: String(w.totalSeats),
  activo: w.isActive ? 'on' : '',
  plazo_anulacion: String(w.cancellationCutoffHours),
  vencimiento_impago: w.unpaidExpiryHours === null ? '' : String(w.unpaidExpiryHours),
});

/** Workshops in the back office: list, create, edit, delete, the admin detail and its actions. */
export async function workshopsAdminStaffRoutes(app: FastifyInstance) {
  const { database, config } = app.deps;
  const db = () => database.db;
  const detailPath = (id: number) => `${LIST}${id}/`;
  const backToDetail = {
    config: {
      errorRedirect: (r: FastifyRequest) => detailPath(routeId((r.params as { id: string }).id, NOT_FOUND)),
    },
  };

  /** A quick payment or refund form with an unreadable amount: the full form, marked, with a 422. */
  const invalidStaffPayment = async (
    request: FastifyRequest,
    reply: FastifyReply,
    workshopId: number,
    enrollmentId: number,
    mode: 'payment' | 'refund',
    outcome: { errors: FormErrors; values: Record<string, string> },
  ) => {
    const enrollment = await findDebtor(db(), enrollmentId);
    if (!enrollment) throw new NotFoundError('No encontramos esa inscripción.');
    return reply.page(
      StaffPaymentPage,
      {
        enrollment,
        mode,
        action: request.url,
        back: { href: detailPath(workshopId), label: enrollment.workshopName },
        token: outcome.values.clave || formToken(),
        values: outcome.values,
        errors: outcome.errors,
      },
      422,
    );
  };

  const load = async (raw: string) => {
    const workshop = await findAdminWorkshop(db(), routeId(raw, NOT_FOUND));
    if (!workshop) throw new NotFoundError(NOT_FOUND);
    return workshop;
  };

  app.get('/talleres/', (request, reply) =>
    serveList(WORKSHOP_LIST, request, reply, async (data) =>
      reply.page(WorkshopsPage, {
        ...data,
        categories: await listInterestOptions(db()),
        now: app.deps.clock().toISOString(),
      }),
    ),
  );

  const renderForm = async (
    reply: FastifyReply,
    workshop: { id: number; name: string } | null,
    values: Record<string, string>,
    errors: FormErrors,
    status = 200,
  ) =>
    reply.page(
      WorkshopFormPage,
      { workshop, values, errors, categories: await listInterestOptions(db()) },
      status,
    );

  app.get('/talleres/nuevo/', async (_request, reply) => {
    const start = addHours(app.deps.clock(), 24 * 14);
    return renderForm(
      reply,
      null,
      {
        fecha: santiagoDate(start),
        hora: '10:30',
        duracion: '120',
        modalidad: 'PRESENCIAL',
        cupos: '12',
        activo: 'on',
        plazo_anulacion: '48',
      },
      {},
    );
  });

  app.post('/talleres/nuevo/', async (request, reply) => {
    const form = parseForm(workshopForm, request.body);
    if (!form.ok) return renderForm(reply, null, formValues(request.body), form.errors, 422);
    try {
      const id = await inTransaction(database, (trx) =>
        createWorkshopByStaff(trx, toInput(form.data), serviceContext(request)),
      );
      return reply.flashRedirect(detailPath(id), 'success', `Taller "${form.data.nombre}" creado.`, {
        href: `${LIST}${id}/imagen/`,
        label: 'Subir una imagen',
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(reply, null, formValues(request.body), error.fields, 422);
    }
  });

  app.get<IdParams>('/talleres/:id/editar/', async (request, reply) => {
    const workshop = await load(request.params.id);
    return renderForm(reply, workshop, formFromWorkshop(workshop), {});
  });

  app.post<IdParams>('/talleres/:id/editar/', async (request, reply) => {
    const workshop = await load(request.params.id);
    const form = parseForm(workshopForm, request.body);
    if (!form.ok) return renderForm(reply, workshop, formValues(request.body), form.errors, 422);
    try {
      const result = await inTransaction(database, (trx) =>
        updateWorkshopByStaff(
          trx,
          workshop.id,
          { ...toInput(form.data), waitlistHoldHours: config.waitlistHoldHours },
          serviceContext(request),
        ),
      );
      const parts = ['Taller actualizado.'];
      if (result.dateChanged)
        parts.push(
          result.notified === 0
            ? 'Cambió la fecha; no había inscritos a quienes avisar.'
            : `Cambió la fecha: avisamos por correo a ${plural(result.notified, 'inscrito', 'inscritos')}.`,
        );
      if (result.offered > 0)
        parts.push(`Ofrecimos ${plural(result.offered, 'cupo', 'cupos')} a la lista de espera.`);
      return reply.flashRedirect(detailPath(workshop.id), 'success', parts.join(' '));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(reply, workshop, formValues(request.body), error.fields, 422);
    }
  });

  app.get<IdParams & { Querystring: { buscar?: string; anulados?: string } }>(
    '/talleres/:id/',
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const search = filter.text(100)(request.query.buscar);
      const includeCancelled = filter.flag()(request.query.anulados);
      const [attendees, waitlist, candidates, audit] = await Promise.all([
        listAttendees(db(), workshop.id, { includeCancelled }),
        waitlistCounts(db(), workshop.id),
        search ? searchCustomersForEnrollment(db(), search) : Promise.resolve([]),
        listAuditForEntity(db(), 'workshop', workshop.id, 20),
      ]);
      return reply.page(WorkshopAdminPage, {
        workshop,
        attendees,
        waitlist,
        search,
        candidates,
        includeCancelled,
        audit,
        paymentTokens: Object.fromEntries(attendees.map((a) => [a.id, formToken()])),
        now: app.deps.clock().toISOString(),
      });
    },
  );

  app.get<IdParams & { Querystring: { formato?: string } }>(
    '/talleres/:id/inscritos/',
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const format = request.query.formato === 'xlsx' ? 'xlsx' : 'csv';
      const attendees = await listAttendees(db(), workshop.id, { includeCancelled: false });
      return sendExport(
        reply,
        format,
        {
          name: `inscritos-taller-${workshop.id}`,
          sheet: 'Inscritos',
          header: [
            'Nombre',
            'Correo',
            'Teléfono',
            'Estado',
            'Monto (CLP)',
            'Pagado (CLP)',
            'Debe (CLP)',
            'Inscripción',
            'Asistió',
          ],
          rows: attendees.map((a) => [
            a.fullName,
            a.email,
            a.phone,
            ENROLLMENT_STATUS_LABELS[a.status],
            a.amountDueClp,
            a.amountPaidClp,
            a.owedClp,
            formatDateShort(a.createdAt),
            a.attendedAt ? 'Sí' : 'No',
          ]),
        },
        app.deps.clock(),
      );
    },
  );

  app.post<IdParams>('/talleres/:id/asistencia/', backToDetail, async (request, reply) => {
    const workshop = await load(request.params.id);
    const form = parseForm(attendanceForm, request.body);
    if (!form.ok || form.data.ids.length === 0)
      return reply.flashRedirect(
        detailPath(workshop.id),
        'error',
        'Selecciona al menos una persona de la lista.',
      );
    const { ids, presente } = form.data;
    const changed = await inTransaction(database, (trx) =>
      markAttendance(
        trx,
        { workshopId: workshop.id, enrollmentIds: ids, present: presente },
        serviceContext(request),
      ),
    );
    const verb = presente ? 'asistencia marcada' : 'asistencia quitada';
    return reply.flashRedirect(
      detailPath(workshop.id),
      'success',
      changed === 0
        ? 'No hubo cambios en la asistencia.'
        : `Listo: ${verb} a ${plural(changed, 'persona', 'personas')}.`,
    );
  });

  app.post<IdParams>('/talleres/:id/inscribir/', backToDetail, async (request, reply) => {
    const workshop = await load(request.params.id);
    const form = parseForm(enrollForm, request.body);
    if (!form.ok)
      return reply.flashRedirect(
        detailPath(workshop.id),
        'error',
        form.errors.cliente ?? 'Elige a quién inscribir.',
      );
    const customer = await findCustomerContact(db(), form.data.cliente);
    if (!customer) return reply.flashRedirect(detailPath(workshop.id), 'error', 'Ese cliente ya no existe.');
    try {
      await inTransaction(database, (trx) =>
        enrollCustomer(trx, { workshopId: workshop.id, customerId: customer.id }, serviceContext(request)),
      );
    } catch (error) {
      // The service speaks to the customer ("Ya estás inscrito(a)"); staff read it about someone else.
      if (error instanceof Error && 'code' in error && error.code === 'already_enrolled')
        return reply.flashRedirect(
          detailPath(workshop.id),
          'error',
          `${customer.fullName} ya está inscrito(a) en este taller.`,
        );
      throw error;
    }
    return reply.flashRedirect(
      detailPath(workshop.id),
      'success',
      `Inscribimos a ${customer.fullName}. Le enviamos la confirmación por correo.`,
    );
  });

  app.post<EnrollmentParams>(
    '/talleres/:id/inscripciones/:enrollmentId/pago/',
    backToDetail,
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const enrollmentId = routeId(request.params.enrollmentId, 'No encontramos esa inscripción.');
      await assertEnrollmentOf(workshop.id, enrollmentId);
      const outcome = await registerStaffPayment(database, request, enrollmentId);
      if (outcome.kind === 'invalid')
        return invalidStaffPayment(request, reply, workshop.id, enrollmentId, 'payment', outcome);
      return reply.flashRedirect(detailPath(workshop.id), outcome.kind, outcome.text);
    },
  );

  app.post<EnrollmentParams>(
    '/talleres/:id/inscripciones/:enrollmentId/devolucion/',
    backToDetail,
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const enrollmentId = routeId(request.params.enrollmentId, 'No encontramos esa inscripción.');
      await assertEnrollmentOf(workshop.id, enrollmentId);
      const outcome = await registerStaffRefund(database, request, enrollmentId);
      if (outcome.kind === 'invalid')
        return invalidStaffPayment(request, reply, workshop.id, enrollmentId, 'refund', outcome);
      return reply.flashRedirect(`${detailPath(workshop.id)}?anulados=1`, outcome.kind, outcome.text);
    },
  );

  app.post<EnrollmentParams>(
    '/talleres/:id/inscripciones/:enrollmentId/anular/',
    backToDetail,
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const enrollmentId = routeId(request.params.enrollmentId, 'No encontramos esa inscripción.');
      await assertEnrollmentOf(workshop.id, enrollmentId);
      const result = await inTransaction(database, (trx) =>
        cancelEnrollment(
          trx,
          { enrollmentId, customerId: null, waitlistHoldHours: config.waitlistHoldHours },
          serviceContext(request),
        ),
      );
      const refund = result.refundDueClp > 0 ? ` Queda ${formatClp(result.refundDueClp)} por devolver.` : '';
      return reply.flashRedirect(
        detailPath(workshop.id),
        'success',
        `Inscripción anulada y cupo liberado.${refund}`,
      );
    },
  );

  const assertEnrollmentOf = async (workshopId: number, enrollmentId: number) => {
    if (!(await isEnrollmentOfWorkshop(db(), enrollmentId, workshopId)))
      throw new NotFoundError('No encontramos esa inscripción en este taller.');
  };

  app.get<IdParams>('/talleres/:id/eliminar/', async (request, reply) => {
    const workshop = await load(request.params.id);
    const attendees = await listAttendees(db(), workshop.id, { includeCancelled: true });
    return reply.page(WorkshopConfirmPage, {
      workshop,
      action: 'eliminar' as const,
      enrollments: attendees.length,
      values: {},
      errors: {},
    });
  });

  app.post<IdParams>('/talleres/:id/eliminar/', async (request, reply) => {
    const workshop = await load(request.params.id);
    const form = parseForm(confirmForm, request.body);
    if (!form.ok) {
      const attendees = await listAttendees(db(), workshop.id, { includeCancelled: true });
      return reply.page(
        WorkshopConfirmPage,
        {
          workshop,
          action: 'eliminar' as const,
          enrollments: attendees.length,
          values: formValues(request.body),
          errors: form.errors,
        },
        422,
      );
    }
    const result = await inTransaction(database, (trx) =>
      deleteWorkshopByStaff(trx, workshop.id, serviceContext(request)),
    );
    return result.outcome === 'deleted'
      ? reply.flashRedirect(LIST, 'success', `Taller "${result.name}" eliminado.`)
      : reply.flashRedirect(
          detailPath(workshop.id),
          'info',
          `El taller "${result.name}" tiene inscripciones, así que no lo eliminamos: quedó inactivo (ya no aparece en el catálogo) y conserva su historial.`,
        );
  });

  app.get<IdParams>('/talleres/:id/cancelar/', async (request, reply) => {
    const workshop = await load(request.params.id);
    const attendees = await listAttendees(db(), workshop.id, { includeCancelled: false });
    return reply.page(WorkshopConfirmPage, {
      workshop,
      action: 'cancelar' as const,
      enrollments: attendees.length,
      values: {},
      errors: {},
    });
  });

  app.post<IdParams>('/talleres/:id/cancelar/', backToDetail, async (request, reply) => {
    const workshop = await load(request.params.id);
    const form = parseForm(confirmForm, request.body);
    if (!form.ok) {
      const attendees = await listAttendees(db(), workshop.id, { includeCancelled: false });
      return reply.page(
        WorkshopConfirmPage,
        {
          workshop,
          action: 'cancelar' as const,
          enrollments: attendees.length,
          values: formValues(request.body),
          errors: form.errors,
        },
        422,
      );
    }
    const result = await inTransaction(database, (trx) =>
      cancelWholeWorkshop(trx, workshop.id, { note: form.data.nota }, serviceContext(request)),
    );
    const refunds = result.refundDueClp > 0 ? ` Quedan ${formatClp(result.refundDueClp)} por devolver.` : '';
    return reply.flashRedirect(
      detailPath(workshop.id),
      'success',
      `Taller cancelado: anulamos ${plural(result.cancelledEnrollments, 'inscripción', 'inscripciones')} y enviamos ${plural(result.notified, 'aviso', 'avisos')}.${refunds}`,
    );
  });
}
