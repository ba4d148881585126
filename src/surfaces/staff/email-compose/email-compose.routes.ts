import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CUSTOMER_TYPES } from '../../../db/schema';
import { inTransaction } from '../../../db/transaction';
import { listInterestOptions } from '../../../domain/customers';
import {
  type Audience,
  audienceNames,
  PLACEHOLDERS,
  previewComposedMessage,
  resolveAudience,
  sendComposedMessage,
} from '../../../domain/messages';
import { plural } from '../../../domain/vocabulary';
import { listWorkshopOptions } from '../../../domain/workshops';
import { serviceContext } from '../../../http/context';
import { form } from '../../../http/routes';
import { EMAIL_PREVIEW_PAGE_CSP } from '../../../http/security';
import { ValidationError } from '../../../lib/errors';
import {
  composeForm,
  composeQuery,
  MESSAGE_TEMPLATES,
  previewForm,
  typedAudience,
} from './email-compose.forms';
import { ComposePage, type ComposeProps } from './views/compose.page';

const SANDBOX_CSP =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-ancestors 'self'";

/** The message as typed, shown back in the form (after a preview or an error). */
const typedMessage = (values: Record<string, string>) => ({
  asunto: values.asunto ?? '',
  mensaje: values.mensaje ?? '',
});

/** E-mail to customers (/gestion/email/): compose, preview, send through the outbox. */
export async function emailComposeStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = () => database.db;
  const ctxOf = (request: FastifyRequest) => ({
    ...serviceContext(request),
    sessionSecret: config.sessionSecret,
  });

  const render = async (
    reply: FastifyReply,
    audience: Audience,
    values: { asunto: string; mensaje: string },
    extra: Partial<Pick<ComposeProps, 'errors' | 'preview'>> = {},
  ) => {
    const [recipients, names, interests, workshops] = await Promise.all([
      resolveAudience(db(), audience),
      audienceNames(db(), audience),
      listInterestOptions(db()),
      listWorkshopOptions(db()),
    ]);
    const marketing = audience.workshopId === null;
    if (extra.preview) reply.header('content-security-policy', EMAIL_PREVIEW_PAGE_CSP);
    return reply.page(ComposePage, {
      audience,
      names,
      recipientCount: recipients.length,
      optedOut: marketing ? recipients.filter((r) => r.isMarketingOptOut).length : 0,
      sample: recipients.slice(0, 5).map((r) => r.fullName),
      marketing,
      values,
      errors: extra.errors ?? {},
      preview: extra.preview ?? null,
      placeholders: Object.entries(PLACEHOLDERS),
      templates: Object.entries(MESSAGE_TEMPLATES).map(([key, t]) => ({ key, label: t.label })),
      options: { interests, workshops, types: CUSTOMER_TYPES },
    });
  };

  app.get('/email/', { schema: { querystring: composeQuery } }, async (request, reply) => {
    const { audience, template } = request.query;
    return render(reply, audience, { asunto: template?.subject ?? '', mensaje: template?.body ?? '' });
  });

  // A message the audience cannot receive (a placeholder it cannot fill, a recipient gone) is a
  // ValidationError on the message: the form again, the text kept.
  app.post(
    '/email/',
    form({ body: composeForm }, (_request, reply, { values, errors }) =>
      render(reply, typedAudience(values), typedMessage(values), { errors }),
    ),
    async (request, reply) => {
      const { audience, send } = request.body;
      const recipients = await resolveAudience(db(), audience);
      const first = recipients[0];
      if (!first) throw new ValidationError({ _form: 'No hay destinatarios: elige a quién escribir.' });
      const message = { ...request.body.message, senderName: request.user?.name || null };
      if (!send) {
        const preview = await previewComposedMessage(
          database,
          { message, audience, recipient: first },
          ctxOf(request),
        );
        return render(reply, audience, typedMessage(request.formValues), {
          preview: { ...preview, recipientName: first.fullName },
        });
      }
      const result = await inTransaction(database, (trx) =>
        sendComposedMessage(trx, { message, audience, recipients }, ctxOf(request)),
      );
      const skipped =
        result.skippedOptedOut > 0
          ? ` ${result.skippedOptedOut} no ${result.skippedOptedOut === 1 ? 'lo recibirá porque pidió' : 'lo recibirán porque pidieron'} no recibir novedades.`
          : '';
      return reply.flashRedirect(
        '/gestion/correos/',
        'success',
        `Correo en cola para ${plural(result.queued, 'persona', 'personas')}.${skipped}`,
      );
    },
  );

  // The old preview endpoint: POST only. It answers the rendered e-mail itself, made inert by its
  // own CSP (sandbox: no scripts, opaque origin), for a sandboxed frame or a new tab.
  app.get('/email/preview/', async (_request, reply) =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send({ error: 'Solo se permite POST: usa el formulario de vista previa.' }),
  );

  app.post(
    '/email/preview/',
    // A message that cannot be previewed is answered as JSON with its first reason (422).
    form({ body: previewForm }, (_request, reply, { errors }) =>
      reply.send({ error: Object.values(errors)[0] }),
    ),
    async (request, reply) => {
      const { audience, message, sampleName } = request.body;
      const [recipient] = await resolveAudience(db(), audience);
      if (!recipient)
        throw new ValidationError({ _form: `No hay destinatarios para previsualizar (${sampleName}).` });
      const preview = await previewComposedMessage(
        database,
        { message: { ...message, senderName: request.user?.name || null }, audience, recipient },
        ctxOf(request),
      );
      return reply
        .header('content-security-policy', SANDBOX_CSP)
        .header('x-frame-options', 'SAMEORIGIN')
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(preview.html ?? '');
    },
  );
}
