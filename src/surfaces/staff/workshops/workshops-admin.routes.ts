import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { findCustomerContact, listInterestOptions } from '../../../domain/customers';
import {
  cancelCompanion,
  cancelEnrollment,
  cancelWholeWorkshop,
  deleteWorkshopByStaff,
  enrollCustomer,
  isEnrollmentOfWorkshop,
  markAttendance,
  updateWorkshopByStaff,
} from '../../../domain/enrollments';
import { listFacilitatorOptions } from '../../../domain/facilitators';
import { listLocationOptions } from '../../../domain/locations';
import { returnGiftCardMoneyOfEnrollment } from '../../../domain/payments';
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
import type { FormErrors } from '../../../http/forms';
import { locationScope, requireWorkshopInScope } from '../../../http/location-scope';
import { form, type InvalidForm, id, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { addHours, formatDateShort, santiagoDate, santiagoTime, santiagoToUtc } from '../../../lib/dates';
import { NotFoundError } from '../../../lib/errors';
import { companionNames } from '../../../lib/fields';
import { filter, filterField } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { loadAuditTrail } from '../audit/audit-names';
import {
  formToken,
  registerStaffPayment,
  registerStaffRefund,
  renderInvalidStaffPayment,
} from './staff-payment';
import { WorkshopAdminPage } from './views/workshop-admin.page';
import { WorkshopConfirmPage } from './views/workshop-confirm.page';
import { WorkshopFormPage } from './views/workshop-form.page';
import { WorkshopsPage } from './views/workshops.page';
import { WORKSHOP_LIST } from './workshops.list';
import {
  attendanceForm,
  confirmForm,
  enrollForm,
  paymentForm,
  type WorkshopFormData,
  workshopForm,
} from './workshops-admin.forms';

const LIST = WORKSHOP_LIST.path;

/** An enrollment of a workshop, in the URL of the workshop's page actions. */
const enrollmentParams = z.object({ id, enrollmentId: id });
const companionParams = z.object({ id, enrollmentId: id, companionId: id });

const detailQuery = z.object({
  buscar: filterField(filter.text(100)),
  anulados: filterField(filter.flag()),
});

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
  whatIncluded: d.incluye,
  whatToBring: d.traer,
  facilitatorName: d.facilitador,
  facilitatorId: d.facilitador_id,
  locationId: d.sede ?? undefined,
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
  incluye: w.whatIncluded ?? '',
  traer: w.whatToBring ?? '',
  facilitador: w.facilitatorName ?? '',
  facilitador_id: w.facilitatorId === null ? '' : String(w.facilitatorId),
  sede: w.locationId === null ? '' : String(w.locationId),
});

/** Workshops in the back office: list, create, edit, delete, the admin detail and its actions. */
/** What is left to give back once what a gift card paid went back to it (in the same transaction). */
function staffRefundSentence(refundDueClp: number, toCardClp: number): string {
  const card = toCardClp > 0 ? ` Volvieron ${formatClp(toCardClp)} a la tarjeta de regalo.` : '';
  const owed = refundDueClp - toCardClp;
  return `${card}${owed > 0 ? ` Queda ${formatClp(owed)} por devolver.` : ''}`;
}

export async function workshopsAdminStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = () => database.db;
  const detailPath = (id: number) => `${LIST}${id}/`;
  // Where a refused action returns: the params are already parsed by then (a bad id is a 404).
  const backToDetail = {
    errorRedirect: (r: FastifyRequest) => detailPath((r.params as { id: number }).id),
  };

  const load = async (id: number) => {
    const workshop = await findAdminWorkshop(db(), id);
    if (!workshop) throw new NotFoundError('Ese taller no existe.');
    return workshop;
  };

  const assertEnrollmentOf = async (workshopId: number, enrollmentId: number) => {
    if (!(await isEnrollmentOfWorkshop(db(), enrollmentId, workshopId)))
      throw new NotFoundError('No encontramos esa inscripción en este taller.');
  };

  /** A quick payment or refund form with an unreadable amount: the full form, marked. */
  const invalidStaffPayment =
    (mode: 'payment' | 'refund') =>
    async (
      request: FastifyRequest<{ Params: z.output<typeof enrollmentParams> }>,
      reply: FastifyReply,
      invalid: InvalidForm,
    ) => {
      const workshop = await load(request.params.id);
      const { enrollmentId } = request.params;
      await assertEnrollmentOf(workshop.id, enrollmentId);
      return renderInvalidStaffPayment(
        request,
        reply,
        { enrollmentId, mode, action: request.url, back: { href: detailPath(workshop.id) } },
        invalid,
      );
    };

  // Every route of one workshop (its page, roster, enrollments, payments, edits) checks the staff
  // member's locations first.
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url?.startsWith('/gestion/talleres/:id/')) await requireWorkshopInScope(request);
  });

  app.get('/talleres/', async (request, reply) => {
    const scope = await locationScope(request);
    const list = {
      ...WORKSHOP_LIST,
      criteria: (q: Parameters<typeof WORKSHOP_LIST.criteria>[0]) => ({
        ...WORKSHOP_LIST.criteria(q, app.deps.clock()),
        scope,
      }),
    };
    return serveList(list, request, reply, async (data) =>
      reply.page(WorkshopsPage, {
        ...data,
        categories: await listInterestOptions(db()),
        now: app.deps.clock().toISOString(),
      }),
    );
  });

  const renderForm = async (
    reply: FastifyReply,
    workshop: { id: number; name: string } | null,
    values: Record<string, string>,
    errors: FormErrors,
  ) =>
    reply.page(WorkshopFormPage, {
      workshop,
      values,
      errors,
      categories: await listInterestOptions(db()),
      facilitators: await listFacilitatorOptions(db()),
      locations: await listLocationOptions(db()),
    });

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

  app.post(
    '/talleres/nuevo/',
    form({ body: workshopForm }, (_request, reply, { values, errors }) =>
      renderForm(reply, null, values, errors),
    ),
    async (request, reply) => {
      const id = await inTransaction(database, (trx) =>
        createWorkshopByStaff(trx, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(detailPath(id), 'success', `Taller "${request.body.nombre}" creado.`, {
        href: `${LIST}${id}/imagen/`,
        label: 'Subir una imagen',
      });
    },
  );

  app.get('/talleres/:id/editar/', { schema: { params: idParams } }, async (request, reply) => {
    const workshop = await load(request.params.id);
    return renderForm(reply, workshop, formFromWorkshop(workshop), {});
  });

  app.post(
    '/talleres/:id/editar/',
    form({ params: idParams, body: workshopForm }, async (request, reply, { values, errors }) =>
      renderForm(reply, await load(request.params.id), values, errors),
    ),
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const result = await inTransaction(database, (trx) =>
        updateWorkshopByStaff(
          trx,
          workshop.id,
          { ...toInput(request.body), waitlistHoldHours: config.waitlistHoldHours },
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
    },
  );

  app.get(
    '/talleres/:id/',
    { schema: { params: idParams, querystring: detailQuery } },
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const { buscar: search, anulados: includeCancelled } = request.query;
      const [attendees, waitlist, candidates, audit] = await Promise.all([
        listAttendees(db(), workshop.id, { includeCancelled }),
        waitlistCounts(db(), workshop.id),
        search ? searchCustomersForEnrollment(db(), search) : Promise.resolve([]),
        loadAuditTrail(db(), 'workshop', workshop.id, 20),
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

  app.get(
    '/talleres/:id/inscritos/',
    {
      schema: {
        params: idParams,
        querystring: z.object({ formato: z.enum(['csv', 'xlsx']).catch('csv') }),
      },
    },
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const attendees = await listAttendees(db(), workshop.id, { includeCancelled: false });
      return sendExport(
        reply,
        request.query.formato,
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
            'Cupos',
            'Acompañantes',
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
            a.seats,
            a.companions.map((c) => c.name ?? `Acompañante ${c.position - 1}`).join(', '),
          ]),
        },
        app.deps.clock(),
      );
    },
  );

  app.post(
    '/talleres/:id/asistencia/',
    { schema: { params: idParams, body: attendanceForm }, config: backToDetail },
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const { ids, presente } = request.body;
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
    },
  );

  app.post(
    '/talleres/:id/inscribir/',
    { schema: { params: idParams, body: enrollForm }, config: backToDetail },
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const customer = await findCustomerContact(db(), request.body.cliente);
      if (!customer)
        return reply.flashRedirect(detailPath(workshop.id), 'error', 'Ese cliente ya no existe.');
      try {
        await inTransaction(database, (trx) =>
          enrollCustomer(
            trx,
            {
              workshopId: workshop.id,
              customerId: customer.id,
              seats: request.body.cupos,
              companionNames: companionNames(request.body),
            },
            serviceContext(request),
          ),
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
        request.body.cupos === 1
          ? `Inscribimos a ${customer.fullName}. Le enviamos la confirmación por correo.`
          : `Inscribimos a ${customer.fullName} con ${request.body.cupos} cupos. Le enviamos la confirmación por correo.`,
      );
    },
  );

  app.post(
    '/talleres/:id/inscripciones/:enrollmentId/pago/',
    form({ params: enrollmentParams, body: paymentForm }, invalidStaffPayment('payment'), backToDetail),
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const { enrollmentId } = request.params;
      await assertEnrollmentOf(workshop.id, enrollmentId);
      const outcome = await registerStaffPayment(database, request, enrollmentId, request.body);
      return reply.flashRedirect(detailPath(workshop.id), outcome.kind, outcome.text);
    },
  );

  app.post(
    '/talleres/:id/inscripciones/:enrollmentId/devolucion/',
    form({ params: enrollmentParams, body: paymentForm }, invalidStaffPayment('refund'), backToDetail),
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const { enrollmentId } = request.params;
      await assertEnrollmentOf(workshop.id, enrollmentId);
      const outcome = await registerStaffRefund(database, request, enrollmentId, request.body);
      return reply.flashRedirect(`${detailPath(workshop.id)}?anulados=1`, outcome.kind, outcome.text);
    },
  );

  app.post(
    '/talleres/:id/inscripciones/:enrollmentId/anular/',
    { schema: { params: enrollmentParams }, config: backToDetail },
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const { enrollmentId } = request.params;
      await assertEnrollmentOf(workshop.id, enrollmentId);
      const ctx = serviceContext(request);
      const result = await inTransaction(database, async (trx) => {
        const cancelled = await cancelEnrollment(
          trx,
          { enrollmentId, customerId: null, waitlistHoldHours: config.waitlistHoldHours },
          ctx,
        );
        return { ...cancelled, toCardClp: await returnGiftCardMoneyOfEnrollment(trx, enrollmentId, ctx) };
      });
      const refund = staffRefundSentence(result.refundDueClp, result.toCardClp);
      return reply.flashRedirect(
        detailPath(workshop.id),
        'success',
        `Inscripción anulada y cupo liberado.${refund}`,
      );
    },
  );

  app.post(
    '/talleres/:id/inscripciones/:enrollmentId/acompanantes/:companionId/anular/',
    { schema: { params: companionParams }, config: backToDetail },
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const { enrollmentId, companionId } = request.params;
      await assertEnrollmentOf(workshop.id, enrollmentId);
      const ctx = serviceContext(request);
      const result = await inTransaction(database, async (trx) => {
        const cancelled = await cancelCompanion(
          trx,
          { enrollmentId, companionId, customerId: null, waitlistHoldHours: config.waitlistHoldHours },
          ctx,
        );
        return { ...cancelled, toCardClp: await returnGiftCardMoneyOfEnrollment(trx, enrollmentId, ctx) };
      });
      const refund = staffRefundSentence(result.refundDueClp, result.toCardClp);
      const credit = result.creditReturned ? ' Devolvimos 1 crédito a su bono.' : '';
      return reply.flashRedirect(
        detailPath(workshop.id),
        'success',
        `Acompañante quitado y cupo liberado; la inscripción queda con ${plural(result.seats, 'cupo', 'cupos')}.${refund}${credit}`,
      );
    },
  );

  /** The confirmation page of deleting or cancelling a workshop, with how many enrollments it touches. */
  const renderConfirm = async (
    reply: FastifyReply,
    workshop: AdminWorkshop,
    action: 'eliminar' | 'cancelar',
    invalid: InvalidForm = { values: {}, errors: {} },
  ) => {
    const attendees = await listAttendees(db(), workshop.id, { includeCancelled: action === 'eliminar' });
    return reply.page(WorkshopConfirmPage, {
      workshop,
      action,
      enrollments: attendees.length,
      values: invalid.values,
      errors: invalid.errors,
    });
  };

  app.get('/talleres/:id/eliminar/', { schema: { params: idParams } }, async (request, reply) =>
    renderConfirm(reply, await load(request.params.id), 'eliminar'),
  );

  app.post(
    '/talleres/:id/eliminar/',
    form({ params: idParams, body: confirmForm }, async (request, reply, invalid) =>
      renderConfirm(reply, await load(request.params.id), 'eliminar', invalid),
    ),
    async (request, reply) => {
      const workshop = await load(request.params.id);
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
    },
  );

  app.get('/talleres/:id/cancelar/', { schema: { params: idParams } }, async (request, reply) =>
    renderConfirm(reply, await load(request.params.id), 'cancelar'),
  );

  app.post(
    '/talleres/:id/cancelar/',
    form(
      { params: idParams, body: confirmForm },
      async (request, reply, invalid) =>
        renderConfirm(reply, await load(request.params.id), 'cancelar', invalid),
      backToDetail,
    ),
    async (request, reply) => {
      const workshop = await load(request.params.id);
      const result = await inTransaction(database, (trx) =>
        cancelWholeWorkshop(trx, workshop.id, { note: request.body.nota }, serviceContext(request)),
      );
      const refunds =
        result.refundDueClp > 0 ? ` Quedan ${formatClp(result.refundDueClp)} por devolver.` : '';
      return reply.flashRedirect(
        detailPath(workshop.id),
        'success',
        `Taller cancelado: anulamos ${plural(result.cancelledEnrollments, 'inscripción', 'inscripciones')} y enviamos ${plural(result.notified, 'aviso', 'avisos')}.${refunds}`,
      );
    },
  );
}
