import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { listAuditForEntity } from '../../../domain/audit';
import { mergeCustomers } from '../../../domain/customer-merge';
import {
  bulkForm,
  type CustomerFilters,
  type CustomerFormData,
  createCustomerByStaff,
  customerForm,
  findCustomerRecord,
  interestNamesFor,
  listCompanyOptions,
  listComunas,
  listCustomerEmails,
  listCustomerEnrollments,
  listCustomerOrders,
  listCustomerPayments,
  listCustomers,
  listInteractionsFor,
  listInterestIdsOf,
  listInterestOptions,
  logInteraction,
  markFollowUpDone,
  mergeForm,
  type StaffCustomerInput,
  setLifecycleStage,
  updateCustomerByStaff,
} from '../../../domain/customers';
import { queueStaffMessages } from '../../../domain/messages';
import { LIFECYCLE_LABELS, plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { type FormErrors, formValues, parseForm } from '../../../http/forms';
import { safeLocalPath } from '../../../http/guards';
import { routeId } from '../../../http/params';
import { serveList } from '../../../http/staff-list';
import { santiagoDate } from '../../../lib/dates';
import { NotFoundError, ValidationError } from '../../../lib/errors';
import { filter } from '../../../lib/list-query';
import { formatRut } from '../../../lib/rut';
import { CUSTOMER_LIST } from './customers.list';
import { interactionForm } from './interactions.forms';
import { Customer360Page } from './views/customer-360.page';
import { CustomerFormPage } from './views/customer-form.page';
import { CustomerMergePage } from './views/customer-merge.page';
import { CustomersPage } from './views/customers.page';

const LIST = CUSTOMER_LIST.path;
const NOT_FOUND = 'No encontramos ese cliente.';

type IdParams = { Params: { id: string } };

const NO_FILTERS: CustomerFilters = {
  q: '',
  type: null,
  companyId: null,
  interestIds: [],
  comuna: '',
  stage: null,
  hasDebt: false,
  ids: [],
};

const toInput = (d: CustomerFormData): StaffCustomerInput => ({
  fullName: d.nombre,
  email: d.email,
  phone: d.telefono,
  birthDate: d.fecha_nacimiento,
  comuna: d.comuna,
  rut: d.rut,
  customerType: d.tipo,
  companyId: d.empresa,
  notes: d.observaciones,
  interestIds: d.intereses,
});

/** A local path back into the customers area (bulk actions return to the filtered list). */
function backTo(request: FastifyRequest, fallback = LIST): string {
  const raw = (request.body as Record<string, unknown> | undefined)?.volver;
  const path = safeLocalPath(raw);
  return path && (path.startsWith(LIST) || path === '/gestion/') ? path : fallback;
}

/** Customers, the customer 360, interactions, merge: /gestion/clientes/. */
export async function customersStaffRoutes(app: FastifyInstance) {
  const { database, config } = app.deps;
  const backToList = { config: { errorRedirect: (r: FastifyRequest) => backTo(r) } };

  app.get('/clientes/', (request, reply) =>
    serveList(CUSTOMER_LIST, request, reply, async (data) => {
      const [companies, interests, comunas] = await Promise.all([
        listCompanyOptions(database.db),
        listInterestOptions(database.db),
        listComunas(database.db),
      ]);
      return reply.page(CustomersPage, { ...data, options: { companies, interests, comunas } });
    }),
  );

  app.post('/clientes/acciones/', backToList, async (request, reply) => {
    const form = parseForm(bulkForm, request.body);
    const back = backTo(request);
    if (!form.ok)
      return reply.flashRedirect(back, 'error', Object.values(form.errors)[0] ?? 'Elige una acción.');
    const { accion, ids } = form.data;
    if (accion === 'exportar') {
      const params = new URLSearchParams(ids.map((id) => ['ids', String(id)]));
      params.set('formato', form.data.formato ?? 'csv');
      return reply.redirect(`${LIST}?${params.toString()}`, 303);
    }
    if (accion === 'etapa') {
      const stage = form.data.etapa;
      if (!stage) return reply.flashRedirect(back, 'error', 'Elige la etapa que quieres asignar.');
      const changed = await inTransaction(database, (trx) =>
        setLifecycleStage(trx, ids, stage, serviceContext(request)),
      );
      return reply.flashRedirect(
        back,
        'success',
        `Etapa "${LIFECYCLE_LABELS[stage]}" asignada a ${plural(changed, 'cliente', 'clientes')}.`,
      );
    }
    const { asunto, mensaje } = form.data;
    if (!asunto || !mensaje)
      return reply.flashRedirect(back, 'error', 'Escribe el asunto y el mensaje del correo.');
    const ctx = { ...serviceContext(request), sessionSecret: config.sessionSecret };
    const result = await inTransaction(database, (trx) =>
      queueStaffMessages(
        trx,
        {
          subject: asunto,
          body: mensaje,
          kind: 'marketing',
          recipients: ids.map((customerId) => ({ customerId })),
          senderName: request.user?.name || null,
        },
        ctx,
      ),
    );
    const skipped =
      result.skippedOptedOut > 0
        ? ` ${result.skippedOptedOut} no ${result.skippedOptedOut === 1 ? 'lo recibirá porque pidió' : 'lo recibirán porque pidieron'} no recibir novedades.`
        : '';
    return reply.flashRedirect(
      back,
      'success',
      `Correo en cola para ${plural(result.queued, 'cliente', 'clientes')}.${skipped}`,
      { href: '/gestion/correos/', label: 'Ver registro de correos' },
    );
  });

  const formOptions = async () => {
    const [companies, interests] = await Promise.all([
      listCompanyOptions(database.db),
      listInterestOptions(database.db),
    ]);
    return { companies, interests };
  };

  const renderForm = async (
    reply: FastifyReply,
    customer: { id: number; fullName: string } | null,
    values: Record<string, string | string[]>,
    errors: FormErrors,
    status = 200,
  ) => reply.page(CustomerFormPage, { customer, values, errors, options: await formOptions() }, status);

  /** The form's values as typed, keeping the checked interests as a list. */
  const typed = (body: unknown) => {
    const values: Record<string, string | string[]> = formValues(body);
    const raw = (body as Record<string, unknown> | undefined)?.intereses;
    values.intereses = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
    return values;
  };

  app.get('/clientes/nuevo/', async (_request, reply) => renderForm(reply, null, { tipo: 'B2C' }, {}));

  app.post('/clientes/nuevo/', async (request, reply) => {
    const form = parseForm(
      customerForm(() => santiagoDate(app.deps.clock())),
      request.body,
    );
    if (!form.ok) return renderForm(reply, null, typed(request.body), form.errors, 422);
    try {
      const id = await inTransaction(database, (trx) =>
        createCustomerByStaff(trx, toInput(form.data), serviceContext(request)),
      );
      return reply.flashRedirect(`${LIST}${id}/`, 'success', `Cliente "${form.data.nombre}" creado.`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(reply, null, typed(request.body), error.fields, 422);
    }
  });

  app.get<IdParams>('/clientes/:id/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const customer = await findCustomerRecord(database.db, id);
    if (!customer) throw new NotFoundError(NOT_FOUND);
    return render360(reply, customer, {}, {});
  });

  const render360 = async (
    reply: FastifyReply,
    customer: NonNullable<Awaited<ReturnType<typeof findCustomerRecord>>>,
    interactionValues: Record<string, string>,
    interactionErrors: FormErrors,
    status = 200,
  ) => {
    const id = customer.id;
    const [interests, enrollments, orders, payments, emails, interactions, audit] = await Promise.all([
      interestNamesFor(database.db, [id]),
      listCustomerEnrollments(database.db, id),
      listCustomerOrders(database.db, id),
      listCustomerPayments(database.db, id),
      listCustomerEmails(database.db, id),
      listInteractionsFor(database.db, id),
      listAuditForEntity(database.db, 'customer', id, 30),
    ]);
    return reply.page(
      Customer360Page,
      {
        customer,
        interests: interests.get(id) ?? [],
        enrollments,
        orders,
        payments,
        emails,
        interactions,
        audit,
        interactionValues,
        interactionErrors,
        today: santiagoDate(app.deps.clock()),
      },
      status,
    );
  };

  app.get<IdParams>('/clientes/:id/editar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const customer = await findCustomerRecord(database.db, id);
    if (!customer) throw new NotFoundError(NOT_FOUND);
    const interestIds = await listInterestIdsOf(database.db, id);
    return renderForm(
      reply,
      customer,
      {
        nombre: customer.fullName,
        email: customer.email,
        telefono: customer.phone ?? '',
        fecha_nacimiento: customer.birthDate ?? '',
        comuna: customer.comuna ?? '',
        rut: customer.rut ? formatRut(customer.rut) : '',
        tipo: customer.customerType,
        empresa: customer.companyId ? String(customer.companyId) : '',
        observaciones: customer.notes ?? '',
        intereses: interestIds.map(String),
      },
      {},
    );
  });

  app.post<IdParams>('/clientes/:id/editar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const customer = await findCustomerRecord(database.db, id);
    if (!customer) throw new NotFoundError(NOT_FOUND);
    const form = parseForm(
      customerForm(() => santiagoDate(app.deps.clock())),
      request.body,
    );
    if (!form.ok) return renderForm(reply, customer, typed(request.body), form.errors, 422);
    try {
      await inTransaction(database, (trx) =>
        updateCustomerByStaff(trx, id, toInput(form.data), serviceContext(request)),
      );
      return reply.flashRedirect(`${LIST}${id}/`, 'success', 'Datos del cliente actualizados.');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(reply, customer, typed(request.body), error.fields, 422);
    }
  });

  app.post<IdParams>('/clientes/:id/interacciones/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const customer = await findCustomerRecord(database.db, id);
    if (!customer) throw new NotFoundError(NOT_FOUND);
    const form = parseForm(interactionForm, request.body);
    if (!form.ok) return render360(reply, customer, form.values, form.errors, 422);
    await inTransaction(database, (trx) =>
      logInteraction(
        trx,
        {
          customerId: id,
          kind: form.data.tipo,
          summary: form.data.resumen,
          followUpOn: form.data.seguimiento,
        },
        serviceContext(request),
      ),
    );
    return reply.flashRedirect(`${LIST}${id}/#historial-contactos`, 'success', 'Contacto registrado.');
  });

  app.post<IdParams>('/clientes/interacciones/:id/hecho/', backToList, async (request, reply) => {
    const interactionId = routeId(request.params.id, 'No encontramos ese seguimiento.');
    const customerId = await inTransaction(database, (trx) =>
      markFollowUpDone(trx, interactionId, serviceContext(request)),
    );
    return reply.flashRedirect(
      backTo(request, `${LIST}${customerId}/`),
      'success',
      'Seguimiento marcado como hecho.',
    );
  });

  app.get<IdParams & { Querystring: { q?: string; otro?: string } }>(
    '/clientes/:id/fusionar/',
    async (request, reply) => {
      const id = routeId(request.params.id, NOT_FOUND);
      const customer = await findCustomerRecord(database.db, id);
      if (!customer) throw new NotFoundError(NOT_FOUND);
      const q = filter.text(100)(request.query.q);
      const otherId = filter.id()(request.query.otro);
      const other =
        otherId && otherId !== id ? ((await findCustomerRecord(database.db, otherId)) ?? null) : null;
      const candidates = q
        ? (
            await listCustomers(
              database.db,
              { ...NO_FILTERS, q },
              { sort: 'nombre', dir: 'asc' },
              { offset: 0, limit: 20 },
            )
          ).filter((c) => c.id !== id)
        : [];
      const [customerSummary, otherSummary] = await Promise.all([
        mergeSummary(customer.id),
        other ? mergeSummary(other.id) : Promise.resolve(null),
      ]);
      return reply.page(CustomerMergePage, { customer, other, q, candidates, customerSummary, otherSummary });
    },
  );

  const mergeSummary = async (customerId: number) => {
    const [enrollments, orders, interactions] = await Promise.all([
      listCustomerEnrollments(database.db, customerId),
      listCustomerOrders(database.db, customerId),
      listInteractionsFor(database.db, customerId),
    ]);
    return { enrollments: enrollments.length, orders: orders.length, interactions: interactions.length };
  };

  const backToMerge = {
    config: {
      errorRedirect: (r: FastifyRequest) => {
        const { id } = r.params as { id: string };
        const other = (r.body as Record<string, unknown> | undefined)?.otro;
        const otherId = filter.id()(other);
        return `${LIST}${routeId(id, NOT_FOUND)}/fusionar/${otherId ? `?otro=${otherId}` : ''}`;
      },
    },
  };

  app.post<IdParams>('/clientes/:id/fusionar/', backToMerge, async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const form = parseForm(mergeForm, request.body);
    if (!form.ok)
      return reply.flashRedirect(`${LIST}${id}/fusionar/`, 'error', Object.values(form.errors)[0]!);
    const otherId = form.data.otro;
    const [keepId, removeId] = form.data.conservar === 'este' ? [id, otherId] : [otherId, id];
    const moved = await inTransaction(database, (trx) =>
      mergeCustomers(trx, { keepId, removeId }, serviceContext(request)),
    );
    return reply.flashRedirect(
      `${LIST}${keepId}/`,
      'success',
      `Clientes fusionados: se movieron ${moved.enrollments} inscripciones, ${moved.orders} pedidos y ${moved.interactions} contactos. La ficha duplicada se eliminó.`,
    );
  });
}
