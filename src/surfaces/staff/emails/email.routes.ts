import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import {
  countOutbox,
  findOutboxById,
  isAccessLinkEmail,
  LOG_FILTERS,
  lastErrors,
  listAttempts,
  listOutbox,
  resendEmail,
} from '../../../domain/email';
import { reissueAccessLink } from '../../../domain/users';
import { serviceContext } from '../../../http/context';
import { sendExport } from '../../../http/export';
import { routeId } from '../../../http/params';
import { formatDateTimeShort } from '../../../lib/dates';
import { NotFoundError } from '../../../lib/errors';
import { EXPORT_FORMATS, firstValues } from '../../../lib/list-query';
import { makePage, pageWindow, parsePage } from '../../../lib/pagination';
import { EmailDetailPage } from './views/email-detail.page';
import { EmailLogPage } from './views/email-log.page';

const listQuery = z.object({
  estado: z.enum(LOG_FILTERS).optional().catch(undefined),
  q: z.string().trim().max(254).optional().catch(undefined),
  page: z.string().optional().catch(undefined),
  formato: z.enum(EXPORT_FORMATS).optional().catch(undefined),
});

/** Exports are the whole filtered list; this only bounds a runaway download. */
const EXPORT_LIMIT = 100_000;

const PAGE_SIZE = 25;

const idParam = (raw: string) => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError('Ese correo no existe en el registro.');
  return id;
};

/** Staff: the e-mail log at /gestion/correos/ (registered in staffArea). */
export async function emailStaffRoutes(app: FastifyInstance) {
  const db = () => app.deps.database.db;

  app.get('/correos/', async (request, reply) => {
    const query = listQuery.parse(firstValues(request.query));
    const filters = { status: query.estado ?? null, q: query.q || null };
    if (query.formato) {
      const all = await listOutbox(db(), filters, EXPORT_LIMIT, 0);
      const errors = await lastErrors(
        db(),
        all.filter((r) => r.status !== 'SENT').map((r) => r.id),
      );
      return sendExport(
        reply,
        query.formato,
        {
          name: 'correos',
          sheet: 'Correos',
          header: [
            'Creado',
            'Destinatario',
            'Asunto',
            'Plantilla',
            'Tipo',
            'Estado',
            'Intentos',
            'Enviado',
            'Último error',
          ],
          rows: all.map((r) => [
            formatDateTimeShort(r.createdAt),
            r.toAddress,
            r.subject,
            r.template,
            r.kind === 'marketing' ? 'novedades' : 'transaccional',
            r.status,
            r.attempts,
            r.sentAt ? formatDateTimeShort(r.sentAt) : null,
            errors.get(r.id) ?? null,
          ]),
        },
        app.deps.clock(),
      );
    }
    const total = await countOutbox(db(), filters);
    const { page, offset } = pageWindow(parsePage(query.page), PAGE_SIZE, total);
    const rows = await listOutbox(db(), filters, PAGE_SIZE, offset);
    const errors = await lastErrors(
      db(),
      rows.filter((r) => r.status !== 'SENT').map((r) => r.id),
    );
    const items = rows.map((r) => ({ ...r, lastError: errors.get(r.id) ?? null }));
    return reply.page(EmailLogPage, {
      page: makePage(items, page, PAGE_SIZE, total),
      filters: { estado: query.estado ?? '', q: query.q ?? '' },
    });
  });

  app.get<{ Params: { id: string } }>('/correos/:id/', async (request, reply) => {
    const email = await findOutboxById(db(), routeId(request.params.id));
    if (!email) throw new NotFoundError('Ese correo no existe en el registro.');
    const attempts = await listAttempts(db(), email.id);
    const attachments: unknown = email.attachments ? JSON.parse(email.attachments) : [];
    const attachmentNames = Array.isArray(attachments)
      ? attachments.map((a: { filename?: unknown }) => String(a.filename ?? 'adjunto'))
      : [];
    return reply.page(EmailDetailPage, { email, attempts, attachmentNames });
  });

  // The HTML body, for the sandboxed preview frame only. Its own CSP makes the document inert
  // (sandbox: no scripts, no forms, opaque origin) while allowing the inline styles e-mails need.
  app.get<{ Params: { id: string } }>('/correos/:id/vista/', async (request, reply) => {
    const email = await findOutboxById(db(), routeId(request.params.id));
    if (!email?.bodyHtml) throw new NotFoundError('Ese correo no tiene versión HTML.');
    return reply
      .header(
        'content-security-policy',
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-ancestors 'self'",
      )
      .header('x-frame-options', 'SAMEORIGIN')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(email.bodyHtml);
  });

  app.post<{ Params: { id: string } }>('/correos/:id/reenviar/', async (request, reply) => {
    const id = routeId(request.params.id);
    const ctx = serviceContext(request);
    const original = await findOutboxById(db(), id);
    if (!original) throw new NotFoundError('Ese correo no existe en el registro.');
    if (isAccessLinkEmail(original)) {
      // A copy would carry no link (and the old one was single-use): issue a new one instead.
      const outcome = await inTransaction(app.deps.database, (trx) =>
        reissueAccessLink(trx, { template: original.template, email: original.toAddress }, ctx),
      );
      const messages = {
        sent: ['success', 'Enviamos un enlace nuevo a esa dirección; el anterior dejó de funcionar.'],
        no_account: ['error', 'Esa dirección ya no tiene una cuenta activa: no se envió nada.'],
        already_verified: ['info', 'Ese correo ya está confirmado: no hace falta un enlace nuevo.'],
      } as const;
      const [kind, message] = messages[outcome];
      return reply.flashRedirect(`/gestion/correos/${id}/`, kind, message);
    }
    const copyId = await inTransaction(app.deps.database, (trx) => resendEmail(trx, id, ctx));
    return reply.flashRedirect(
      `/gestion/correos/${copyId}/`,
      'success',
      'Listo: pusimos en cola una copia del correo. Se enviará en unos segundos.',
    );
  });
}
