import type { FastifyInstance, FastifyRequest } from 'fastify';
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
import { parseForm } from '../../../http/forms';
import { safeLocalPath } from '../../../http/guards';
import { routeId } from '../../../http/params';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { idList } from '../../../lib/fields';
import { filter } from '../../../lib/list-query';
import { formToken, registerStaffPayment } from '../workshops/staff-payment';
import { StaffPaymentPage } from '../workshops/views/staff-payment.page';
import { DEBTOR_LIST } from './debtors.list';
import { DebtorsPage } from './views/debtors.page';
import { ReminderPreviewPage } from './views/reminder-preview.page';

const LIST = DEBTOR_LIST.path;

const sendForm = z.object({
  ids: idList(),
  clave: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'El formulario expiró: vuelve a seleccionar.'),
});

/** A local path back into the debtors list (keeps its filter and page after an action). */
function backTo(request: FastifyRequest): string {
  const raw = (request.body as Record<string, unknown> | undefined)?.volver;
  const path = safeLocalPath(raw);
  return path?.startsWith(LIST) ? path : LIST;
}

/** Debtors (/gestion/deudores/): who owes, reminders with preview, payments from the list. */
export async function debtorsStaffRoutes(app: FastifyInstance) {
  const { database } = app.deps;
  const db = () => database.db;
  const backToList = { config: { errorRedirect: backTo } };

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
  app.post('/deudores/', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ids = idList().parse(body.inscripcion_seleccionada ?? body.ids);
    if (ids.length === 0) return reply.flashRedirect(LIST, 'error', 'No seleccionaste ninguna inscripción.');
    if (body.action === 'enviar_cancelacion' || body.accion === 'enviar_cancelacion')
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

  app.get<{ Querystring: Record<string, unknown> }>('/deudores/recordatorio/', async (request, reply) => {
    const ids = filter.ids(500)(request.query.ids);
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
  });

  // The HTML of the previewed reminder, for the sandboxed frame only (same rules as the e-mail log).
  app.get<{ Querystring: { id?: string } }>('/deudores/recordatorio/vista/', async (request, reply) => {
    const id = filter.id()(request.query.id);
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
  });

  app.post('/deudores/recordatorio/', backToList, async (request, reply) => {
    const form = parseForm(sendForm, request.body);
    if (!form.ok) return reply.flashRedirect(LIST, 'error', Object.values(form.errors)[0]!);
    if (form.data.ids.length === 0)
      return reply.flashRedirect(LIST, 'error', 'No seleccionaste ninguna inscripción.');
    const result = await inTransaction(database, (trx) =>
      sendPaymentReminders(
        trx,
        { enrollmentIds: form.data.ids, batchKey: form.data.clave },
        serviceContext(request),
      ),
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
  });

  app.get<{ Params: { id: string } }>('/deudores/:id/pago/', async (request, reply) => {
    const debtor = await findDebtor(db(), routeId(request.params.id, 'No encontramos esa inscripción.'));
    if (!debtor) throw new NotFoundError('No encontramos esa inscripción.');
    return reply.page(StaffPaymentPage, {
      enrollment: debtor,
      mode: 'payment' as const,
      action: `${LIST}${debtor.id}/pago/`,
      back: { href: LIST, label: 'Deudores' },
      token: formToken(),
    });
  });

  app.post<{ Params: { id: string } }>('/deudores/:id/pago/', backToList, async (request, reply) => {
    const id = routeId(request.params.id, 'No encontramos esa inscripción.');
    const outcome = await registerStaffPayment(database, request, id);
    if (outcome.kind === 'invalid') {
      const debtor = await findDebtor(db(), id);
      if (!debtor) throw new NotFoundError('No encontramos esa inscripción.');
      return reply.page(
        StaffPaymentPage,
        {
          enrollment: debtor,
          mode: 'payment' as const,
          action: `${LIST}${id}/pago/`,
          back: { href: LIST, label: 'Deudores' },
          token: outcome.values.clave || formToken(),
          values: outcome.values,
          errors: outcome.errors,
        },
        422,
      );
    }
    return reply.flashRedirect(backTo(request), outcome.kind, outcome.text);
  });
}
