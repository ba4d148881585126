import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CUSTOMER_TYPES,
  ENROLLMENT_STATUSES,
  FULFILMENT_METHODS,
  FULFILMENT_STATUSES,
  LIFECYCLE_STAGES,
  PACK_ENTRY_KINDS,
  PACK_STATUSES,
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  SALE_STATUSES,
} from '../../db/schema';
import { findApiCompany, findApiCustomer, listApiCompanies, listApiCustomers } from '../../domain/customers';
import { findApiEnrollment, listApiEnrollments } from '../../domain/enrollments';
import { findApiPack, listApiPacks } from '../../domain/packs';
import { findApiPayment, listApiPayments } from '../../domain/payments';
import { findApiSale, listApiSales } from '../../domain/sales';
import { NotFoundError } from '../../lib/errors';
import {
  detailProblems,
  idParams,
  listOf,
  pageInput,
  pageOf,
  pageQuery,
  queryId,
  readProblems,
  updatedSince,
} from './api.schemas';

/** Staff reads (scope staff:read): enrollments, customers, companies, orders, payments and packs. */

const pack = z
  .object({
    id: z.number().int(),
    name: z.string(),
    customerId: z
      .number()
      .int()
      .nullable()
      .describe('La clienta dueña del bono (null en un convenio de empresa)'),
    companyId: z.number().int().nullable().describe('La empresa dueña de un convenio de cupos'),
    saleId: z.number().int().nullable().describe('El pedido con que se compró (null si lo asignó el centro)'),
    credits: z.number().int().describe('Créditos con que se emitió'),
    priceClp: z.number().int(),
    status: z.enum(PACK_STATUSES),
    purchasedAt: z.string(),
    expiresAt: z.string(),
    closedAt: z.string().nullable(),
    balance: z.number().int().describe('Créditos disponibles: la suma de su libro de créditos'),
  })
  .meta({ id: 'Pack' });

const packDetail = pack
  .extend({
    entries: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(PACK_ENTRY_KINDS),
        credits: z.number().int(),
        enrollmentId: z.number().int().nullable(),
        reason: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'PackDetail' });

export const enrollmentSchema = z
  .object({
    id: z.number().int(),
    customerId: z.number().int(),
    workshopId: z.number().int(),
    status: z.enum(ENROLLMENT_STATUSES),
    amountDueClp: z.number().int(),
    amountPaidClp: z.number().int(),
    refundDueClp: z.number().int().describe('Lo pagado de una inscripción anulada que falta devolver'),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    expiresAt: z.string().nullable().describe('Hasta cuándo se guarda el cupo sin pagar'),
    attendedAt: z.string().nullable(),
    seats: z.number().int().describe('Cupos que ocupa: el del cliente y los de sus acompañantes (1 a 4)'),
    companions: z
      .array(
        z.object({
          id: z.number().int(),
          position: z.number().int().describe('Número del cupo en la inscripción (2 a 4)'),
          name: z.string().nullable(),
        }),
      )
      .describe('Acompañantes que conservan su cupo'),
  })
  .meta({ id: 'Enrollment' });

export const customerSchema = z
  .object({
    id: z.number().int(),
    fullName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    rut: z.string().nullable(),
    comuna: z.string().nullable(),
    customerType: z.enum(CUSTOMER_TYPES),
    companyId: z.number().int().nullable(),
    lifecycleStage: z.enum(LIFECYCLE_STAGES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Customer' });

const company = z
  .object({
    id: z.number().int(),
    legalName: z.string(),
    rut: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Company' });

const saleFields = {
  id: z.number().int(),
  customerId: z.number().int(),
  status: z.enum(SALE_STATUSES),
  totalClp: z.number().int(),
  shippingClp: z.number().int(),
  fulfilmentMethod: z.enum(FULFILMENT_METHODS),
  fulfilmentStatus: z.enum(FULFILMENT_STATUSES),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
};

const sale = z.object(saleFields).meta({ id: 'Sale' });

export const saleDetailSchema = z
  .object({
    ...saleFields,
    lines: z.array(
      z.object({
        productId: z.number().int(),
        productName: z.string(),
        quantity: z.number().int(),
        unitPriceClp: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'SaleDetail' });

const payment = z
  .object({
    id: z.number().int(),
    kind: z.enum(PAYMENT_KINDS).describe('PAYMENT entra dinero; REFUND sale'),
    amountClp: z.number().int(),
    method: z.enum(PAYMENT_METHODS),
    reference: z.string(),
    enrollmentId: z.number().int().nullable(),
    saleId: z.number().int().nullable(),
    paidAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Payment' });

const staffRead = { apiScope: 'staff:read' as const };

export async function staffApiRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  app.get(
    '/enrollments',
    {
      config: staffRead,
      schema: {
        tags: ['Inscripciones'],
        summary: 'Inscripciones',
        querystring: pageQuery.extend({
          workshop_id: queryId('Solo las de este taller'),
          customer_id: queryId('Solo las de este cliente'),
          status: z.enum(ENROLLMENT_STATUSES).optional(),
          updated_since: updatedSince.describe(
            'Solo las que cambiaron desde este instante: creada, anulada, con llegada o inasistencia registrada, o con un pago o devolución registrado',
          ),
        }),
        response: { 200: listOf(enrollmentSchema), ...readProblems },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listApiEnrollments(
        db(),
        {
          workshopId: q.workshop_id ?? null,
          customerId: q.customer_id ?? null,
          status: q.status ?? null,
          updatedSince: q.updated_since ?? null,
        },
        pageInput(q),
      );
      return pageOf(rows, pageInput(q).limit);
    },
  );

  app.get(
    '/enrollments/:id',
    {
      config: staffRead,
      schema: {
        tags: ['Inscripciones'],
        summary: 'Una inscripción',
        params: idParams,
        response: { 200: enrollmentSchema, ...detailProblems },
      },
    },
    async (request) => {
      const row = await findApiEnrollment(db(), request.params.id);
      if (!row) throw new NotFoundError('No encontramos esa inscripción.');
      return row;
    },
  );

  app.get(
    '/customers',
    {
      config: staffRead,
      schema: {
        tags: ['Clientes'],
        summary: 'Clientes',
        querystring: pageQuery.extend({
          company_id: queryId('Solo los de esta empresa'),
          updated_since: updatedSince,
        }),
        response: { 200: listOf(customerSchema), ...readProblems },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listApiCustomers(
        db(),
        { updatedSince: q.updated_since ?? null, companyId: q.company_id ?? null },
        pageInput(q),
      );
      return pageOf(rows, pageInput(q).limit);
    },
  );

  app.get(
    '/customers/:id',
    {
      config: staffRead,
      schema: {
        tags: ['Clientes'],
        summary: 'Un cliente',
        params: idParams,
        response: { 200: customerSchema, ...detailProblems },
      },
    },
    async (request) => {
      const row = await findApiCustomer(db(), request.params.id);
      if (!row) throw new NotFoundError('No encontramos ese cliente.');
      return row;
    },
  );

  app.get(
    '/companies',
    {
      config: staffRead,
      schema: {
        tags: ['Clientes'],
        summary: 'Empresas',
        querystring: pageQuery.extend({ updated_since: updatedSince }),
        response: { 200: listOf(company), ...readProblems },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listApiCompanies(db(), { updatedSince: q.updated_since ?? null }, pageInput(q));
      return pageOf(rows, pageInput(q).limit);
    },
  );

  app.get(
    '/companies/:id',
    {
      config: staffRead,
      schema: {
        tags: ['Clientes'],
        summary: 'Una empresa',
        params: idParams,
        response: { 200: company, ...detailProblems },
      },
    },
    async (request) => {
      const row = await findApiCompany(db(), request.params.id);
      if (!row) throw new NotFoundError('No encontramos esa empresa.');
      return row;
    },
  );

  app.get(
    '/sales',
    {
      config: staffRead,
      schema: {
        tags: ['Ventas y pagos'],
        summary: 'Pedidos de kits',
        querystring: pageQuery.extend({
          customer_id: queryId('Solo los de este cliente'),
          status: z.enum(SALE_STATUSES).optional(),
          updated_since: updatedSince.describe(
            'Solo los que cambiaron desde este instante: creado, pagado, anulado, un paso del despacho, o un pago o devolución registrado',
          ),
        }),
        response: { 200: listOf(sale), ...readProblems },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listApiSales(
        db(),
        {
          customerId: q.customer_id ?? null,
          status: q.status ?? null,
          updatedSince: q.updated_since ?? null,
        },
        pageInput(q),
      );
      return pageOf(rows, pageInput(q).limit);
    },
  );

  app.get(
    '/sales/:id',
    {
      config: staffRead,
      schema: {
        tags: ['Ventas y pagos'],
        summary: 'Un pedido, con su detalle',
        params: idParams,
        response: { 200: saleDetailSchema, ...detailProblems },
      },
    },
    async (request) => {
      const row = await findApiSale(db(), request.params.id);
      if (!row) throw new NotFoundError('Este pedido no existe.');
      return row;
    },
  );

  app.get(
    '/payments',
    {
      config: staffRead,
      schema: {
        tags: ['Ventas y pagos'],
        summary: 'Pagos y devoluciones (el libro de pagos)',
        querystring: pageQuery.extend({
          enrollment_id: queryId('Solo los de esta inscripción'),
          sale_id: queryId('Solo los de este pedido'),
          updated_since: updatedSince.describe(
            'Solo los registrados desde este instante (un pago no se edita)',
          ),
        }),
        response: { 200: listOf(payment), ...readProblems },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listApiPayments(
        db(),
        {
          updatedSince: q.updated_since ?? null,
          enrollmentId: q.enrollment_id ?? null,
          saleId: q.sale_id ?? null,
        },
        pageInput(q),
      );
      return pageOf(rows, pageInput(q).limit);
    },
  );

  app.get(
    '/payments/:id',
    {
      config: staffRead,
      schema: {
        tags: ['Ventas y pagos'],
        summary: 'Un pago o devolución',
        params: idParams,
        response: { 200: payment, ...detailProblems },
      },
    },
    async (request) => {
      const row = await findApiPayment(db(), request.params.id);
      if (!row) throw new NotFoundError('No encontramos ese pago.');
      return row;
    },
  );

  app.get(
    '/packs',
    {
      config: staffRead,
      schema: {
        tags: ['Bonos'],
        summary: 'Bonos y convenios de cupos, con su saldo',
        querystring: pageQuery.extend({
          customer_id: queryId('Solo los de esta clienta'),
          company_id: queryId('Solo los convenios de esta empresa'),
          status: z.enum(PACK_STATUSES).optional().describe('Solo los de este estado'),
          updated_since: updatedSince.describe('Solo los cuyo saldo o estado cambió desde este instante'),
        }),
        response: { 200: listOf(pack), ...readProblems },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listApiPacks(
        db(),
        {
          customerId: q.customer_id ?? null,
          companyId: q.company_id ?? null,
          status: q.status ?? null,
          updatedSince: q.updated_since ?? null,
        },
        pageInput(q),
      );
      return pageOf(rows, pageInput(q).limit);
    },
  );

  app.get(
    '/packs/:id',
    {
      config: staffRead,
      schema: {
        tags: ['Bonos'],
        summary: 'Un bono, con su libro de créditos',
        params: idParams,
        response: { 200: packDetail, ...detailProblems },
      },
    },
    async (request) => {
      const row = await findApiPack(db(), request.params.id);
      if (!row) throw new NotFoundError('No encontramos ese bono.');
      return row;
    },
  );
}
