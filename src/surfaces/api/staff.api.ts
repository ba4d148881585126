import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CUSTOMER_TYPES,
  ENROLLMENT_STATUSES,
  FULFILMENT_METHODS,
  FULFILMENT_STATUSES,
  GIFT_CARD_ENTRY_KINDS,
  GIFT_CARD_STATUSES,
  LIFECYCLE_STAGES,
  PACK_ENTRY_KINDS,
  PACK_STATUSES,
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  SALE_STATUSES,
} from '../../db/schema';
import { findApiCompany, findApiCustomer, listApiCompanies, listApiCustomers } from '../../domain/customers';
import { findApiEnrollment, listApiEnrollments } from '../../domain/enrollments';
import { findApiGiftCard, listApiGiftCards } from '../../domain/gift-cards';
import { findApiPack, listApiPacks } from '../../domain/packs';
import { findApiPayment, listApiPayments } from '../../domain/payments';
import { findApiSale, listApiSales } from '../../domain/sales';
import { detailRoute, listRoute } from './api.routes';
import { queryId, updatedSince } from './api.schemas';

/** Staff reads (scope staff:read): enrollments, customers, companies, orders, payments, packs and gift cards. */

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

const giftCard = z
  .object({
    id: z.number().int(),
    code: z
      .string()
      .describe('El código enmascarado, salvo sus últimos cuatro caracteres: el código gasta la tarjeta'),
    status: z
      .enum(GIFT_CARD_STATUSES)
      .describe('PENDIENTE hasta que se paga su pedido; ACTIVA una vez emitida'),
    amountClp: z.number().int().describe('El monto con que se vendió'),
    saleId: z.number().int().describe('El pedido que la vendió'),
    buyerCustomerId: z.number().int(),
    recipientName: z.string(),
    recipientEmail: z.string(),
    createdAt: z.string(),
    issuedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    balanceClp: z.number().int().describe('Saldo: la suma de su libro (vencida, ya no se puede gastar)'),
  })
  .meta({ id: 'GiftCard' });

const giftCardDetail = giftCard
  .extend({
    entries: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(GIFT_CARD_ENTRY_KINDS),
        amountClp: z.number().int().describe('Positivo lo que entra a la tarjeta, negativo lo que sale'),
        paymentId: z.number().int().nullable().describe('El pago o devolución que registra el movimiento'),
        saleId: z
          .number()
          .int()
          .nullable()
          .describe('El pedido para el que se retuvo el dinero (o al que se le devolvió al anularse)'),
        reason: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'GiftCardDetail' });

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
  giftCardClp: z
    .number()
    .int()
    .describe(
      'Parte del total que pagaron tarjetas de regalo (o que retienen, mientras el pedido no se paga); el resto se cobra por otro medio',
    ),
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

const staff = { scope: 'staff:read' as const };

export async function staffApiRoutes(app: FastifyInstance) {
  listRoute(app, '/enrollments', {
    ...staff,
    tags: ['Inscripciones'],
    summary: 'Inscripciones',
    item: enrollmentSchema,
    filters: {
      workshop_id: queryId('Solo las de este taller'),
      customer_id: queryId('Solo las de este cliente'),
      status: z.enum(ENROLLMENT_STATUSES).optional(),
      updated_since: updatedSince.describe(
        'Solo las que cambiaron desde este instante: creada, anulada, con llegada o inasistencia registrada, o con un pago o devolución registrado',
      ),
    },
    criteria: (q) => ({
      workshopId: q.workshop_id ?? null,
      customerId: q.customer_id ?? null,
      status: q.status ?? null,
      updatedSince: q.updated_since ?? null,
    }),
    list: listApiEnrollments,
  });
  detailRoute(app, '/enrollments/:id', {
    ...staff,
    tags: ['Inscripciones'],
    summary: 'Una inscripción',
    item: enrollmentSchema,
    find: findApiEnrollment,
    notFound: 'No encontramos esa inscripción.',
  });

  listRoute(app, '/customers', {
    ...staff,
    tags: ['Clientes'],
    summary: 'Clientes',
    item: customerSchema,
    filters: { company_id: queryId('Solo los de esta empresa'), updated_since: updatedSince },
    criteria: (q) => ({ updatedSince: q.updated_since ?? null, companyId: q.company_id ?? null }),
    list: listApiCustomers,
  });
  detailRoute(app, '/customers/:id', {
    ...staff,
    tags: ['Clientes'],
    summary: 'Un cliente',
    item: customerSchema,
    find: findApiCustomer,
    notFound: 'No encontramos ese cliente.',
  });

  listRoute(app, '/companies', {
    ...staff,
    tags: ['Clientes'],
    summary: 'Empresas',
    item: company,
    filters: { updated_since: updatedSince },
    criteria: (q) => ({ updatedSince: q.updated_since ?? null }),
    list: listApiCompanies,
  });
  detailRoute(app, '/companies/:id', {
    ...staff,
    tags: ['Clientes'],
    summary: 'Una empresa',
    item: company,
    find: findApiCompany,
    notFound: 'No encontramos esa empresa.',
  });

  listRoute(app, '/sales', {
    ...staff,
    tags: ['Ventas y pagos'],
    summary: 'Pedidos de kits',
    item: sale,
    filters: {
      customer_id: queryId('Solo los de este cliente'),
      status: z.enum(SALE_STATUSES).optional(),
      updated_since: updatedSince.describe(
        'Solo los que cambiaron desde este instante: creado, pagado, anulado, un paso del despacho, o un pago o devolución registrado',
      ),
    },
    criteria: (q) => ({
      customerId: q.customer_id ?? null,
      status: q.status ?? null,
      updatedSince: q.updated_since ?? null,
    }),
    list: listApiSales,
  });
  detailRoute(app, '/sales/:id', {
    ...staff,
    tags: ['Ventas y pagos'],
    summary: 'Un pedido, con su detalle',
    item: saleDetailSchema,
    find: findApiSale,
    notFound: 'Este pedido no existe.',
  });

  listRoute(app, '/payments', {
    ...staff,
    tags: ['Ventas y pagos'],
    summary: 'Pagos y devoluciones (el libro de pagos)',
    item: payment,
    filters: {
      enrollment_id: queryId('Solo los de esta inscripción'),
      sale_id: queryId('Solo los de este pedido'),
      updated_since: updatedSince.describe('Solo los registrados desde este instante (un pago no se edita)'),
    },
    criteria: (q) => ({
      updatedSince: q.updated_since ?? null,
      enrollmentId: q.enrollment_id ?? null,
      saleId: q.sale_id ?? null,
    }),
    list: listApiPayments,
  });
  detailRoute(app, '/payments/:id', {
    ...staff,
    tags: ['Ventas y pagos'],
    summary: 'Un pago o devolución',
    item: payment,
    find: findApiPayment,
    notFound: 'No encontramos ese pago.',
  });

  listRoute(app, '/packs', {
    ...staff,
    tags: ['Bonos'],
    summary: 'Bonos y convenios de cupos, con su saldo',
    item: pack,
    filters: {
      customer_id: queryId('Solo los de esta clienta'),
      company_id: queryId('Solo los convenios de esta empresa'),
      status: z.enum(PACK_STATUSES).optional().describe('Solo los de este estado'),
      updated_since: updatedSince.describe('Solo los cuyo saldo o estado cambió desde este instante'),
    },
    criteria: (q) => ({
      customerId: q.customer_id ?? null,
      companyId: q.company_id ?? null,
      status: q.status ?? null,
      updatedSince: q.updated_since ?? null,
    }),
    list: listApiPacks,
  });
  detailRoute(app, '/packs/:id', {
    ...staff,
    tags: ['Bonos'],
    summary: 'Un bono, con su libro de créditos',
    item: packDetail,
    find: findApiPack,
    notFound: 'No encontramos ese bono.',
  });

  listRoute(app, '/gift-cards', {
    ...staff,
    tags: ['Tarjetas de regalo'],
    summary: 'Tarjetas de regalo, con su saldo',
    item: giftCard,
    filters: {
      buyer_customer_id: queryId('Solo las que compró esta clienta'),
      status: z.enum(GIFT_CARD_STATUSES).optional().describe('Solo las de este estado'),
      updated_since: updatedSince.describe('Solo las compradas o cuyo saldo cambió desde este instante'),
    },
    criteria: (q) => ({
      buyerCustomerId: q.buyer_customer_id ?? null,
      status: q.status ?? null,
      updatedSince: q.updated_since ?? null,
    }),
    list: listApiGiftCards,
  });
  detailRoute(app, '/gift-cards/:id', {
    ...staff,
    tags: ['Tarjetas de regalo'],
    summary: 'Una tarjeta de regalo, con su libro de movimientos',
    item: giftCardDetail,
    find: findApiGiftCard,
    notFound: 'No encontramos esa tarjeta de regalo.',
  });
}
