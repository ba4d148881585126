import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/database';
import { inTransaction } from '../../../db/transaction';
import { findOutboxById, isAccessLinkEmail, listAttempts, resendEmail } from '../../../domain/email';
import { hideCardSecrets } from '../../../domain/gift-cards';
import { reissueAccessLink } from '../../../domain/users';
import { serviceContext } from '../../../http/context';
import { idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { EMAIL_LIST } from './emails.list';
import { EmailDetailPage } from './views/email-detail.page';
import { EmailLogPage } from './views/email-log.page';

/** An e-mail as the log shows it: a gift card's code and page, which spend the card, hidden. */
async function findLoggedEmail(db: Db, id: number) {
  const email = await findOutboxById(db, id);
  if (!email || email.template !== 'gift_card_issued') return email;
  return {
    ...email,
    bodyText: hideCardSecrets(email.bodyText),
    bodyHtml: email.bodyHtml === null ? null : hideCardSecrets(email.bodyHtml),
  };
}

/** Staff: the e-mail log at /gestion/correos/ (registered in staffArea). */
export async function emailStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  app.get('/correos/', (request, reply) =>
    serveList(EMAIL_LIST, request, reply, (data) => reply.page(EmailLogPage, data)),
  );

  app.get('/correos/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const email = await findLoggedEmail(db(), request.params.id);
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
  app.get('/correos/:id/vista/', { schema: { params: idParams } }, async (request, reply) => {
    const email = await findLoggedEmail(db(), request.params.id);
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

  app.post('/correos/:id/reenviar/', { schema: { params: idParams } }, async (request, reply) => {
    const { id } = request.params;
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
