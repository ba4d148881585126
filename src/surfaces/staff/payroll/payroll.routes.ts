import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import {
  closePayPeriod,
  findPayPeriod,
  findWithholdingRate,
  listPayPeriods,
  setWithholdingRate,
} from '../../../domain/facilitator-pay';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { form, type InvalidForm } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { formatClp } from '../../../lib/money';
import { formatPercentBp } from '../facilitators/views/pay-rule-text';
import { closePeriodForm, withholdingForm } from './payroll.forms';
import { PAY_LINE_LIST, PAYROLL_LIST } from './payroll.list';
import { PayLinesPage, PayrollHomePage, PayrollPage } from './views/payroll.pages';

const HOME = '/gestion/honorarios/';
const EMPTY: InvalidForm = { values: {}, errors: {} };

/** Facilitators' pay: /gestion/honorarios/ (periods, closing, the rate) and each period's payroll. */
export async function payrollStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  const home = async (reply: FastifyReply, forms: { close?: InvalidForm; rate?: InvalidForm } = {}) =>
    reply.page(PayrollHomePage, {
      periods: await listPayPeriods(database.db),
      rateBp: await findWithholdingRate(database.db),
      close: forms.close ?? EMPTY,
      rate: forms.rate ?? EMPTY,
    });

  const loadPeriod = async (id: number | null) => {
    // Without a period in the URL: the latest closed one.
    const period = await findPayPeriod(database.db, id);
    if (!period) throw new NotFoundError('No encontramos ese período.');
    return period;
  };

  app.get('/honorarios/', (_request, reply) => home(reply));

  app.post(
    '/honorarios/cerrar/',
    form({ body: closePeriodForm }, (_request, reply, invalid) => home(reply, { close: invalid })),
    async (request, reply) => {
      const result = await inTransaction(database, (trx) =>
        closePayPeriod(
          trx,
          { startsOn: request.body.desde, endsOn: request.body.hasta },
          serviceContext(request),
        ),
      );
      const missing =
        result.withoutRule > 0
          ? ` Ojo: ${plural(result.withoutRule, 'sesión no tenía', 'sesiones no tenían')} regla de pago y quedaron en $0.`
          : '';
      return reply.flashRedirect(
        `${PAYROLL_LIST.path}?periodo=${result.periodId}`,
        result.withoutRule > 0 ? 'warning' : 'success',
        `Período cerrado: ${plural(result.lines, 'sesión', 'sesiones')}, ${formatClp(result.grossClp)} bruto.${missing}`,
      );
    },
  );

  app.post(
    '/honorarios/retencion/',
    form({ body: withholdingForm }, (_request, reply, invalid) => home(reply, { rate: invalid })),
    async (request, reply) => {
      await inTransaction(database, (trx) =>
        setWithholdingRate(trx, request.body.retencion, serviceContext(request)),
      );
      return reply.flashRedirect(
        HOME,
        'success',
        `Tasa de retención guardada: ${formatPercentBp(request.body.retencion)} para los próximos períodos.`,
      );
    },
  );

  app.get(PAYROLL_LIST.path.replace('/gestion', ''), (request, reply) =>
    serveList(PAYROLL_LIST, request, reply, async (data) =>
      reply.page(PayrollPage, { ...data, period: await loadPeriod(data.query.filters.periodo) }),
    ),
  );

  app.get(PAY_LINE_LIST.path.replace('/gestion', ''), (request, reply) =>
    serveList(PAY_LINE_LIST, request, reply, async (data) =>
      reply.page(PayLinesPage, { ...data, period: await loadPeriod(data.query.filters.periodo) }),
    ),
  );
}
