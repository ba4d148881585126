import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CUSTOMER_TYPES } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { serviceIdempotencyKey } from '../../domain/api-keys';
import { recordAudit } from '../../domain/audit';
import { createCustomerByStaff, findApiCustomer } from '../../domain/customers';
import { cancelEnrollment, enrollCustomer, findApiEnrollment } from '../../domain/enrollments';
import {
  recordEnrollmentPayment,
  recordSalePaymentByStaff,
  returnGiftCardMoneyOfEnrollment,
} from '../../domain/payments';
import { findApiSale } from '../../domain/sales';
import { NotFoundError } from '../../lib/errors';
import { normalizeRut } from '../../lib/rut';
import { normalizeEmail } from '../../lib/text';
import { apiServiceContext } from './api.auth';
import { idempotencyHeaders, idParams, writeProblems } from './api.schemas';
import { customerSchema, enrollmentSchema, saleDetailSchema } from './staff.api';

/**
 * Writes (scope write), each through the service staff use in the back office, in one
 * transaction, audited with the key. Every POST needs an Idempotency-Key (api.auth.ts).
 */

const write = { apiScope: 'write' as const };

/** The row a write just made or changed, read back in its transaction. */
function written<T>(row: T | undefined): T {
  if (row === undefined) throw new NotFoundError();
  return row;
}

const optionalString = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Escribe como máximo ${max} caracteres.`)
    .nullish()
    .transform((v) => (v ? v : null));

const newCustomer = z.object({
  fullName: z
    .string()
    .trim()
    .min(1, 'Escribe el nombre completo.')
    .max(150, 'Escribe como máximo 150 caracteres.'),
  email: z
    .string()
    .trim()
    .max(254, 'El correo es demasiado largo.')
    .pipe(z.email('Escribe un correo válido, por ejemplo nombre@correo.cl.'))
    .transform(normalizeEmail),
  phone: z
    .string()
    .transform((v) => v.replace(/[\s().-]/g, ''))
    .refine(
      (v) => v === '' || /^\+?\d{8,15}$/.test(v),
      'Escribe un teléfono válido, por ejemplo +56 9 1234 5678.',
    )
    .nullish()
    .transform((v) => (v ? v : null)),
  rut: z
    .string()
    .refine(
      (v) => v.trim() === '' || normalizeRut(v) !== null,
      'El RUT no es válido: revisa los números y el dígito verificador.',
    )
    .nullish()
    .transform((v) => (v?.trim() ? normalizeRut(v) : null)),
  comuna: optionalString(100),
  customerType: z.enum(CUSTOMER_TYPES).default('B2C'),
  companyId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
  notes: optionalString(5000),
});

const newEnrollment = z
  .object({
    workshopId: z.number({ error: 'Indica el taller (workshopId).' }).int().positive(),
    customerId: z.number({ error: 'Indica el cliente (customerId).' }).int().positive(),
    seats: z
      .number({ error: 'Los cupos (seats) van de 1 a 4.' })
      .int('Los cupos (seats) van de 1 a 4.')
      .min(1, 'Los cupos (seats) van de 1 a 4.')
      .max(4, 'Los cupos (seats) van de 1 a 4.')
      .default(1)
      .describe('Cupos: el del cliente y hasta tres acompañantes; el precio se multiplica por ellos'),
    companions: z
      .array(optionalString(120))
      .max(3, 'Hasta tres acompañantes.')
      .default([])
      .describe('Nombres de los acompañantes, en orden de cupo (opcionales)'),
  })
  .refine((b) => b.companions.length <= b.seats - 1, {
    message: 'Hay más nombres de acompañantes que cupos.',
    path: ['companions'],
  });

const STAFF_METHODS = ['efectivo', 'transferencia', 'tarjeta'] as const;

const newEnrollmentPayment = z.object({
  amountClp: z
    .number()
    .int('El monto va en pesos, sin decimales.')
    .positive('El monto debe ser mayor que cero.')
    .optional()
    .describe('Si no se indica, el saldo completo'),
  method: z.enum(STAFF_METHODS, { error: 'Elige el medio: efectivo, transferencia o tarjeta.' }),
  reference: optionalString(100),
});

const newSalePayment = z.object({
  method: z.enum(STAFF_METHODS, { error: 'Elige el medio: efectivo, transferencia o tarjeta.' }),
  reference: optionalString(100),
});

const enrollmentPaymentResult = z
  .object({
    outcome: z.enum(['recorded', 'duplicate']),
    enrollment: enrollmentSchema,
  })
  .meta({ id: 'EnrollmentPaymentResult' });

export async function writeApiRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const database = () => app.deps.database;

  app.post(
    '/customers',
    {
      config: write,
      schema: {
        tags: ['Clientes'],
        summary: 'Crear un cliente',
        headers: idempotencyHeaders,
        body: newCustomer,
        response: { 201: customerSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const ctx = apiServiceContext(request);
      const customer = await inTransaction(database(), async (trx) => {
        const id = await createCustomerByStaff(
          trx,
          { ...request.body, birthDate: null, interestIds: [] },
          ctx,
        );
        return written(await findApiCustomer(trx, id));
      });
      return reply.code(201).header('location', `/api/v1/customers/${customer.id}`).send(customer);
    },
  );

  app.post(
    '/enrollments',
    {
      config: write,
      schema: {
        tags: ['Inscripciones'],
        summary: 'Inscribir a un cliente en un taller',
        description: 'Las mismas reglas que en la tienda: cupos, lista de espera, taller abierto.',
        headers: idempotencyHeaders,
        body: newEnrollment,
        response: { 201: enrollmentSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const ctx = apiServiceContext(request);
      const enrollment = await inTransaction(database(), async (trx) => {
        const { companions, ...body } = request.body;
        const { enrollmentId } = await enrollCustomer(trx, { ...body, companionNames: companions }, ctx);
        const row = written(await findApiEnrollment(trx, enrollmentId));
        await recordAudit(
          trx,
          { entityType: 'enrollment', entityId: enrollmentId, action: 'create', after: row },
          ctx,
        );
        return row;
      });
      return reply.code(201).header('location', `/api/v1/enrollments/${enrollment.id}`).send(enrollment);
    },
  );

  app.post(
    '/enrollments/:id/cancel',
    {
      config: write,
      schema: {
        tags: ['Inscripciones'],
        summary: 'Anular una inscripción',
        description:
          'Como la anula el equipo: libera el cupo, lo ofrece a la lista de espera y deja pendiente la devolución de lo pagado.',
        headers: idempotencyHeaders,
        params: idParams,
        response: { 200: enrollmentSchema, ...writeProblems },
      },
    },
    async (request) => {
      const ctx = apiServiceContext(request);
      const enrollmentId = request.params.id;
      return inTransaction(database(), async (trx) => {
        const before = await findApiEnrollment(trx, enrollmentId);
        await cancelEnrollment(
          trx,
          { enrollmentId, customerId: null, waitlistHoldHours: app.deps.config.waitlistHoldHours },
          ctx,
        );
        // What a gift card paid goes back to it now, like every cancellation.
        await returnGiftCardMoneyOfEnrollment(trx, enrollmentId, ctx);
        const after = written(await findApiEnrollment(trx, enrollmentId));
        await recordAudit(
          trx,
          { entityType: 'enrollment', entityId: enrollmentId, action: 'update', before, after },
          ctx,
        );
        return after;
      });
    },
  );

  app.post(
    '/enrollments/:id/payments',
    {
      config: write,
      schema: {
        tags: ['Ventas y pagos'],
        summary: 'Registrar un pago de una inscripción',
        description:
          'Efectivo, transferencia o tarjeta recibidos por el centro; deja la inscripción PAGADO o ABONADO.',
        headers: idempotencyHeaders,
        params: idParams,
        body: newEnrollmentPayment,
        response: { 201: enrollmentPaymentResult, ...writeProblems },
      },
    },
    async (request, reply) => {
      const ctx = apiServiceContext(request);
      const enrollmentId = request.params.id;
      const { amountClp, method, reference } = request.body;
      const result = await inTransaction(database(), async (trx) => {
        const { outcome } = await recordEnrollmentPayment(
          trx,
          {
            enrollmentId,
            method,
            ...(amountClp === undefined ? {} : { amountClp }),
            ...(reference === null ? {} : { reference }),
            // The payments ledger's own key: the same API request never records two rows, even
            // after its Idempotency-Key expired.
            idempotencyKey: serviceIdempotencyKey(
              request.apiKey?.id ?? 0,
              String(request.headers['idempotency-key']),
            ),
            recordedByUserId: ctx.actor?.userId ?? null,
          },
          ctx,
        );
        const enrollment = written(await findApiEnrollment(trx, enrollmentId));
        if (outcome === 'recorded')
          await recordAudit(
            trx,
            {
              entityType: 'enrollment',
              entityId: enrollmentId,
              action: 'update',
              after: {
                paymentMethod: method,
                amountPaidClp: enrollment.amountPaidClp,
                status: enrollment.status,
              },
            },
            ctx,
          );
        return { outcome, enrollment };
      });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/sales/:id/payments',
    {
      config: write,
      schema: {
        tags: ['Ventas y pagos'],
        summary: 'Registrar el pago de un pedido',
        description: 'El total del pedido, recibido por el centro; el pedido pasa a PAGADO.',
        headers: idempotencyHeaders,
        params: idParams,
        body: newSalePayment,
        response: { 201: saleDetailSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const ctx = apiServiceContext(request);
      const saleId = request.params.id;
      const sale = await inTransaction(database(), async (trx) => {
        await recordSalePaymentByStaff(
          trx,
          { saleId, method: request.body.method, reference: request.body.reference ?? '' },
          ctx,
        );
        return written(await findApiSale(trx, saleId));
      });
      return reply.code(201).send(sale);
    },
  );
}
