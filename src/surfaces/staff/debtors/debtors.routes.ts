import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import { renderTemplate } from '../../../domain/email';
import {
  findDebtor,
  findOwingEnrollments,
  reminderData,
  sendPaymentReminders,
} from '../../../domain/enrollments';
import { plural } from '../../../domain/vocabulary';
import { listWorkshopOptions } from '../../../domain/workshops';
import { serviceContext } from '../../../http/context';
import { safeLocalPath } from '../../../http/guards';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { filter, filterField } from '../../../lib/list-query';
import { formToken, registerStaffPayment, renderInvalidStaffPayment } from '../workshops/staff-payment';
import { StaffPaymentPage } from '../workshops/views/staff-payment.page';
import { paymentForm } from '../workshops/workshops-admin.forms';
import { legacyBulkForm, reminderForm } from './debtors.forms';
import { DEBTOR_LIST } from './debtors.list';
import { DebtorsPage } from './views/debtors.page';
import { ReminderPreviewPage } from './views/reminder-preview.page';

const LIST = DEBTOR_LIST.path;

/**
 * A local path back into the debtors list (keeps its filter and page after an action), read from
 * the form as typed. No values when the request failed before its body was read.
 */
function backTo(request: FastifyRequest): string {
  const path = safeLocalPath(request.formValues?.volver);
  return path?.startsWith(LIST) ? path : LIST;
}

/** Debtors (/gestion/deudores/): who owes, reminders with preview, payments from the list. */
export async function debtorsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;
  const db = () => database.db;
  const backToList = { errorRedirect: backTo };

  app.get('/deudores/', (request, reply) =>
    serveList(DEBTOR_LIST, request, reply, async (data) =>
      reply.page(DebtorsPage, {
        ...data,
        workshops: await listWorkshopOptions(db()),
        paymentTokens: Object.fromEntries(data.page.items.map((r) => [r.id, formToken()])),
      }),
    ),
  );

  // The old screen posted its bulk actions to the list itself; the reminder now has a preview step.
  app.post('/deudores/', { schema: { body: legacyBulkForm } }, async (request, reply) => {
    const { ids, cancel } = request.body;
    if (ids.length === 0) return reply.flashRedirect(LIST, 'error', 'No seleccionaste ninguna inscripción.');
    if (cancel)
      return reply.flashRedirect(
        LIST,
        'error',
        'Para anular un cupo hazlo desde la ficha del taller: así se libera el cupo y se avisa a la persona.',
      );
    return reply.redirect(
      `${LIST}recordatorio/?${new URLSearchParams(ids.map((id) => ['ids', String(id)]))}`,
      303,
    );
  });

  app.get(
    '/deudores/recordatorio/',
    { schema: { querystring: z.object({ ids: filterField(filter.ids(500)) }) } },
    async (request, reply) => {
      const { ids } = request.query;
      const owing = await findOwingEnrollments(db(), ids);
      const first = owing[0];
      return reply.page(ReminderPreviewPage, {
        selected: ids.length,
        recipients: owing.map((e) => ({
          id: e.id,
          fullName: e.fullName,
          email: e.email,
          workshopName: e.workshopName,
        })),
        preview: first
          ? renderTemplate('payment_reminder', reminderData(first), app.deps.config.publicUrl)
          : null,
        previewId: first?.id ?? null,
        token: formToken(),
      });
    },
  );

  // The HTML of the previewed reminder, for the sandboxed frame only (same rules as the e-mail log).
  app.get(
    '/deudores/recordatorio/vista/',
    { schema: { querystring: z.object({ id: filterField(filter.id()) }) } },
    async (request, reply) => {
      const { id } = request.query;
      const [owing] = id ? await findOwingEnrollments(db(), [id]) : [];
      if (!owing) throw new NotFoundError('Esa inscripción ya no tiene deuda.');
      const rendered = renderTemplate('payment_reminder', reminderData(owing), app.deps.config.publicUrl);
      return reply
        .header(
          'content-security-policy',
          "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-ancestors 'self'",
        )
        .header('x-frame-options', 'SAMEORIGIN')
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(rendered.html);
    },
  );

  app.post(
    '/deudores/recordatorio/',
    { schema: { body: reminderForm }, config: backToList },
    async (request, reply) => {
      const { ids, clave } = request.body;
      const result = await inTransaction(database, (trx) =>
        sendPaymentReminders(trx, { enrollmentIds: ids, batchKey: clave }, serviceContext(request)),
      );
      const skipped =
        result.skipped > 0
          ? ` ${plural(result.skipped, 'inscripción ya no tenía', 'inscripciones ya no tenían')} deuda y no se les escribió.`
          : '';
      return reply.flashRedirect(
        LIST,
        result.queued > 0 ? 'success' : 'info',
        result.queued > 0
          ? `Recordatorio de pago en cola para ${plural(result.queued, 'persona', 'personas')}.${skipped}`
          : `No se envió ningún recordatorio (ya estaban en cola o sin deuda).${skipped}`,
        { href: '/gestion/correos/', label: 'Ver registro de correos' },
      );
    },
  );

  app.get('/deudores/:id/pago/', { schema: { params: idParams } }, async (request, reply) => {
    const debtor = await findDebtor(db(), request.params.id);
    if (!debtor) throw new NotFoundError('No encontramos esa inscripción.');
    return reply.page(StaffPaymentPage, {
      enrollment: debtor,
      mode: 'payment' as const,
      action: `${LIST}${debtor.id}/pago/`,
      back: { href: LIST, label: 'Deudores' },
      token: formToken(),
    });
  });

  app.post(
    '/deudores/:id/pago/',
    form(
      { params: idParams, body: paymentForm },
      (request, reply, invalid) =>
        renderInvalidStaffPayment(
          request,
          reply,
          {
            enrollmentId: request.params.id,
            mode: 'payment',
            action: `${LIST}${request.params.id}/pago/`,
            back: { href: LIST, label: 'Deudores' },
          },
          invalid,
        ),
      backToList,
    ),
    async (request, reply) => {
      const outcome = await registerStaffPayment(database, request, request.params.id, request.body);
      return reply.flashRedirect(backTo(request), outcome.kind, outcome.text);
    },
  );
}
