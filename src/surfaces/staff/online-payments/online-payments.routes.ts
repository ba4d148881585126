import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PAYMENT_PROVIDERS } from '../../../db/schema';
import { inTransaction } from '../../../db/transaction';
import {
  type CheckNowOutcome,
  checkAttemptNow,
  findAttemptDetail,
  providerSettings,
  RECONCILIATION_DAYS,
  reconcileOnlinePayments,
  reconciliationSummary,
  refundLimit,
  refundOnlinePayment,
  setProviderEnabled,
} from '../../../domain/payments';
import { PAYMENT_PROVIDER_LABELS, plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { checkbox, choice, money, text } from '../../../lib/fields';
import { formatClp } from '../../../lib/money';
import { ATTEMPT_LIST } from './online-payments.list';
import { AttemptDetailPage } from './views/attempt-detail.page';
import { OnlinePaymentsPage } from './views/online-payments.page';
import { ProviderSettingsPage } from './views/provider-settings.page';

const LIST = '/gestion/pagos-en-linea/';
const DAY = 24 * 3600_000;
const formKey = () => randomBytes(16).toString('base64url');

/**
 * A refund staff ask for: an amount, or everything that may go back (`todo`, its own button), with
 * the form's key so the same form sent twice refunds once.
 */
const refundForm = z
  .object({
    monto: z.unknown().optional(),
    todo: checkbox(),
    clave: text().pipe(
      z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'El formulario expiró: recarga la página.'),
    ),
  })
  .transform((input, ctx) => {
    if (input.todo) return { amountClp: 'all' as const, clave: input.clave };
    const amount = money().safeParse(input.monto);
    if (!amount.success || amount.data <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['monto'],
        message: amount.success
          ? 'El monto debe ser mayor que cero.'
          : (amount.error.issues[0]?.message ?? 'Escribe el monto a devolver.'),
      });
      return z.NEVER;
    }
    return { amountClp: amount.data, clave: input.clave };
  });

const providerForm = z.object({
  proveedor: choice(PAYMENT_PROVIDERS, 'Elige un medio de pago.'),
  activo: text().transform((v) => v === '1'),
});

/** "Pagos en línea": the attempts, one attempt with its refund form, reconciliation, providers. */
export async function onlinePaymentsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({ database: app.deps.database, gateways: app.deps.payments });

  app.get('/pagos-en-linea/', async (request, reply) => {
    const since = new Date(app.deps.clock().getTime() - RECONCILIATION_DAYS * DAY);
    const reconciliation = await reconciliationSummary(app.deps.database.db, since);
    return serveList(ATTEMPT_LIST, request, reply, (data) =>
      reply.page(OnlinePaymentsPage, { ...data, days: RECONCILIATION_DAYS, reconciliation }),
    );
  });

  app.post('/pagos-en-linea/conciliar/', async (request, reply) => {
    const result = await reconcileOnlinePayments(deps(), serviceContext(request), { all: true });
    const message =
      result.checked === 0
        ? `No hay pagos en línea de los últimos ${plural(RECONCILIATION_DAYS, 'día')} por conciliar.`
        : `Conciliados ${plural(result.checked, 'pago', 'pagos')}: ${plural(result.mismatched, 'con diferencias', 'con diferencias')}${result.unreachable > 0 ? `, ${plural(result.unreachable, 'sin respuesta del proveedor', 'sin respuesta del proveedor')}` : ''}.`;
    return reply.flashRedirect(LIST, result.mismatched > 0 ? 'warning' : 'success', message);
  });

  app.get('/pagos-en-linea/medios/', async (_request, reply) =>
    reply.page(ProviderSettingsPage, {
      providers: await providerSettings(app.deps.database.db, app.deps.payments),
    }),
  );

  app.post(
    '/pagos-en-linea/medios/',
    { schema: { body: providerForm }, config: { errorRedirect: () => `${LIST}medios/` } },
    async (request, reply) => {
      const { proveedor, activo } = request.body;
      await inTransaction(app.deps.database, (trx) =>
        setProviderEnabled(
          trx,
          { provider: proveedor, enabled: activo },
          app.deps.payments,
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `${LIST}medios/`,
        'success',
        `${PAYMENT_PROVIDER_LABELS[proveedor]} ${activo ? 'ya aparece' : 'ya no aparece'} en las páginas de pago.`,
      );
    },
  );

  const detail = async (id: number, refund: { error?: string; value?: string; key?: string } = {}) => {
    const { attempt, order, ledger, receipt } = await findAttemptDetail(app.deps.database.db, id);
    const limit = await refundLimit(app.deps.database.db, attempt);
    return {
      attempt,
      order,
      ledger,
      receipt,
      limit,
      refundKey: refund.key ?? formKey(),
      refundError: refund.error,
      refundValue: refund.value,
    };
  };

  app.get('/pagos-en-linea/:id/', { schema: { params: idParams } }, async (request, reply) =>
    reply.page(AttemptDetailPage, await detail(request.params.id)),
  );

  const refundOptions = form({ params: idParams, body: refundForm }, async (request, reply, invalid) =>
    reply.page(
      AttemptDetailPage,
      await detail((request.params as { id: number }).id, {
        error: invalid.errors.monto ?? invalid.errors.clave,
        value: invalid.values.monto,
        key: invalid.values.clave,
      }),
    ),
  );
  app.post(
    '/pagos-en-linea/:id/devolver/',
    {
      ...refundOptions,
      // A refund the service refuses (too much, already done, the provider said no) is flashed on
      // the payment's page.
      config: {
        ...refundOptions.config,
        errorRedirect: (r: FastifyRequest) => `${LIST}${(r.params as { id: string }).id}/`,
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const result = await refundOnlinePayment(
        deps(),
        { attemptId: id, amountClp: request.body.amountClp, key: request.body.clave },
        serviceContext(request),
      );
      return reply.flashRedirect(
        `${LIST}${id}/`,
        'success',
        `Devolución hecha: en total se han devuelto ${formatClp(result.refundedClp)} de este pago. Le avisamos por correo al cliente.`,
      );
    },
  );

  app.post('/pagos-en-linea/:id/consultar/', { schema: { params: idParams } }, async (request, reply) => {
    const id = request.params.id;
    const outcome = await checkAttemptNow(deps(), id, serviceContext(request));
    const [kind, message] = (
      {
        checked: ['success', 'Consultamos al proveedor: el pago muestra su estado actual.'],
        busy: [
          'info',
          'Otro proceso está consultando este pago en este momento; vuelve a intentarlo en unos minutos.',
        ],
        unavailable: [
          'warning',
          'El proveedor no respondió: el pago sigue como estaba. Vuelve a intentarlo en unos minutos.',
        ],
      } as const satisfies Record<CheckNowOutcome, readonly ['success' | 'info' | 'warning', string]>
    )[outcome];
    return reply.flashRedirect(`${LIST}${id}/`, kind, message);
  });
}
