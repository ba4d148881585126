import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { mergeCustomers } from '../../../domain/customer-merge';
import {
  bulkForm,
  type CustomerFormData,
  createCustomerByStaff,
  customerForm,
  listCompanyOptions,
  listComunas,
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
import { safeLocalPath } from '../../../http/guards';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { santiagoDate } from '../../../lib/dates';
import { filter, filterField } from '../../../lib/list-query';
import { formatRut } from '../../../lib/rut';
import {
  loadCustomer,
  renderCustomer360,
  renderCustomerForm,
  renderMergePage,
  typedCustomerForm,
} from './customer-pages';
import { CUSTOMER_LIST } from './customers.list';
import { interactionForm } from './interactions.forms';
import { CustomersPage } from './views/customers.page';

const LIST = CUSTOMER_LIST.path;

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

/**
 * A local path back into the customers area (bulk actions return to the filtered list), read from
 * the form as typed, so it is the same whether the form parsed or not. No values when the request
 * failed before its body was read.
 */
function backTo(request: FastifyRequest, fallback = LIST): string {
  const path = safeLocalPath(request.formValues?.volver);
  return path && (path.startsWith(LIST) || path === '/gestion/') ? path : fallback;
}

const mergeQuery = z.object({
  q: filterField(filter.text(100)),
  otro: filterField(filter.id()),
});

/** Customers, the customer 360, interactions, merge: /gestion/clientes/. */
export async function customersStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const backToList = { errorRedirect: (r: FastifyRequest) => backTo(r) };
  const today = () => santiagoDate(app.deps.clock());

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

  app.post(
    '/clientes/acciones/',
    { schema: { body: bulkForm }, config: backToList },
    async (request, reply) => {
      const back = backTo(request);
      const { accion, ids } = request.body;
      if (accion === 'exportar') {
        const params = new URLSearchParams(ids.map((id) => ['ids', String(id)]));
        params.set('formato', request.body.formato ?? 'csv');
        return reply.redirect(`${LIST}?${params.toString()}`, 303);
      }
      if (accion === 'etapa') {
        const stage = request.body.etapa;
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
      const { asunto, mensaje } = request.body;
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
    },
  );

  app.get('/clientes/nuevo/', async (request, reply) =>
    renderCustomerForm(request, reply, null, { tipo: 'B2C' }, {}),
  );

  app.post(
    '/clientes/nuevo/',
    form({ body: customerForm(today) }, (request, reply, { values, errors }) =>
      renderCustomerForm(request, reply, null, typedCustomerForm(values), errors),
    ),
    async (request, reply) => {
      const id = await inTransaction(database, (trx) =>
        createCustomerByStaff(trx, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(`${LIST}${id}/`, 'success', `Cliente "${request.body.nombre}" creado.`);
    },
  );

  app.get('/clientes/:id/', { schema: { params: idParams } }, async (request, reply) =>
    renderCustomer360(request, reply, await loadCustomer(request, request.params.id)),
  );

  app.get('/clientes/:id/editar/', { schema: { params: idParams } }, async (request, reply) => {
    const customer = await loadCustomer(request, request.params.id);
    const interestIds = await listInterestIdsOf(database.db, customer.id);
    return renderCustomerForm(
      request,
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

  app.post(
    '/clientes/:id/editar/',
    form({ params: idParams, body: customerForm(today) }, async (request, reply, { values, errors }) =>
      renderCustomerForm(
        request,
        reply,
        await loadCustomer(request, request.params.id),
        typedCustomerForm(values),
        errors,
      ),
    ),
    async (request, reply) => {
      const customer = await loadCustomer(request, request.params.id);
      await inTransaction(database, (trx) =>
        updateCustomerByStaff(trx, customer.id, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(`${LIST}${customer.id}/`, 'success', 'Datos del cliente actualizados.');
    },
  );

  app.post(
    '/clientes/:id/interacciones/',
    form({ params: idParams, body: interactionForm }, async (request, reply, invalid) =>
      renderCustomer360(request, reply, await loadCustomer(request, request.params.id), invalid),
    ),
    async (request, reply) => {
      const customer = await loadCustomer(request, request.params.id);
      const { tipo, resumen, seguimiento } = request.body;
      await inTransaction(database, (trx) =>
        logInteraction(
          trx,
          { customerId: customer.id, kind: tipo, summary: resumen, followUpOn: seguimiento },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `${LIST}${customer.id}/#historial-contactos`,
        'success',
        'Contacto registrado.',
      );
    },
  );

  app.post(
    '/clientes/interacciones/:id/hecho/',
    { schema: { params: idParams }, config: backToList },
    async (request, reply) => {
      const customerId = await inTransaction(database, (trx) =>
        markFollowUpDone(trx, request.params.id, serviceContext(request)),
      );
      return reply.flashRedirect(
        backTo(request, `${LIST}${customerId}/`),
        'success',
        'Seguimiento marcado como hecho.',
      );
    },
  );

  app.get(
    '/clientes/:id/fusionar/',
    { schema: { params: idParams, querystring: mergeQuery } },
    async (request, reply) =>
      renderMergePage(request, reply, await loadCustomer(request, request.params.id), {
        q: request.query.q,
        otherId: request.query.otro,
      }),
  );

  app.post(
    '/clientes/:id/fusionar/',
    {
      schema: { params: idParams, body: mergeForm },
      config: {
        // Back to the comparison with the other customer still chosen.
        errorRedirect: (r: FastifyRequest) => {
          const otherId = filter.id()(r.formValues?.otro);
          return `${LIST}${(r.params as { id: number }).id}/fusionar/${otherId ? `?otro=${otherId}` : ''}`;
        },
      },
    },
    async (request, reply) => {
      const { otro: otherId, conservar } = request.body;
      const [keepId, removeId] =
        conservar === 'este' ? [request.params.id, otherId] : [otherId, request.params.id];
      const moved = await inTransaction(database, (trx) =>
        mergeCustomers(trx, { keepId, removeId }, serviceContext(request)),
      );
      return reply.flashRedirect(
        `${LIST}${keepId}/`,
        'success',
        `Clientes fusionados: se movieron ${moved.enrollments} inscripciones, ${moved.orders} pedidos y ${moved.interactions} contactos. La ficha duplicada se eliminó.`,
      );
    },
  );
}
