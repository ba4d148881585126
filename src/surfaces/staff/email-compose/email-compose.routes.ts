import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import { parseForm } from '../../../http/forms';
import { DomainError } from '../../../lib/errors';
import {
  MESSAGE_TEMPLATES,
  type MessageTemplateKey,
  messageForm,
  parseAudience,
} from './email-compose.forms';
import { ComposePage, type ComposeProps } from './views/compose.page';

const SANDBOX_CSP =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data: https:; frame-ancestors 'self'";

const first = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';

/** E-mail to customers (/gestion/email/): compose, preview, send through the outbox. */
export async function emailComposeStaffRoutes(app: FastifyInstance) {
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
    status = 200,
  ) => {
    const [recipients, names, interests, workshops] = await Promise.all([
      resolveAudience(db(), audience),
      audienceNames(db(), audience),
      listInterestOptions(db()),
      listWorkshopOptions(db()),
    ]);
    const marketing = audience.workshopId === null;
    return reply.page(
      ComposePage,
      {
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
      },
      status,
    );
  };

  app.get<{ Querystring: Record<string, unknown> }>('/email/', async (request, reply) => {
    const audience = parseAudience(request.query);
    const key = first(request.query.plantilla) as MessageTemplateKey;
    const template = Object.hasOwn(MESSAGE_TEMPLATES, key) ? MESSAGE_TEMPLATES[key] : null;
    return render(reply, audience, { asunto: template?.subject ?? '', mensaje: template?.body ?? '' });
  });

  app.post('/email/', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const audience = parseAudience(body);
    const values = { asunto: first(body.asunto), mensaje: first(body.mensaje) };
    const form = parseForm(messageForm, body);
    if (!form.ok) return render(reply, audience, values, { errors: form.errors }, 422);
    const recipients = await resolveAudience(db(), audience);
    if (recipients.length === 0)
      return render(
        reply,
        audience,
        values,
        { errors: { _form: 'No hay destinatarios: elige a quién escribir.' } },
        422,
      );
    const message = {
      subject: form.data.asunto,
      body: form.data.mensaje,
      senderName: request.user?.name || null,
    };
    try {
      if (first(body.paso) !== 'enviar') {
        const preview = await previewComposedMessage(
          database,
          { message, audience, recipient: recipients[0]! },
          ctxOf(request),
        );
        return render(reply, audience, values, {
          preview: { ...preview, recipientName: recipients[0]!.fullName },
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
    } catch (error) {
      // A placeholder this audience cannot fill: shown next to the message, the text kept.
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      return render(reply, audience, values, { errors: { mensaje: error.message } }, 422);
    }
  });

  // The old preview endpoint: POST only. It answers the rendered e-mail itself, made inert by its
  // own CSP (sandbox: no scripts, opaque origin), for a sandboxed frame or a new tab.
  app.get('/email/preview/', async (_request, reply) =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send({ error: 'Solo se permite POST: usa el formulario de vista previa.' }),
  );

  app.post('/email/preview/', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const audience = parseAudience(body);
    const form = parseForm(messageForm, body);
    if (!form.ok) return reply.code(422).send({ error: Object.values(form.errors)[0] });
    const [recipient] = await resolveAudience(db(), audience);
    const sampleName = first(body.sample_name).trim().slice(0, 100) || 'Cliente Ejemplo';
    if (!recipient)
      return reply.code(422).send({ error: `No hay destinatarios para previsualizar (${sampleName}).` });
    try {
      const preview = await previewComposedMessage(
        database,
        {
          message: {
            subject: form.data.asunto,
            body: form.data.mensaje,
            senderName: request.user?.name || null,
          },
          audience,
          recipient,
        },
        ctxOf(request),
      );
      return reply
        .header('content-security-policy', SANDBOX_CSP)
        .header('x-frame-options', 'SAMEORIGIN')
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(preview.html ?? '');
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      return reply.code(422).send({ error: error.message });
    }
  });
}
