import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { findCustomerContact, optOutOfMarketing } from '../../../domain/customers';
import { verifyUnsubscribeToken } from '../../../domain/email';
import { serviceContext } from '../../../http/context';
import { tokenParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { UnsubscribePage } from './views/unsubscribe.page';

/** "camila.rojas@example.cl" → "ca•••@example.cl": the link may be forwarded, the address stays private. */
const maskEmail = (email: string) => {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}•••@${domain}`;
};

type TokenParams = { Params: { token: string } };

/** Public: the unsubscribe link of marketing e-mails (`/correo/baja/<token>/`). */
export async function emailPublicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const customerFor = (request: FastifyRequest<TokenParams>) => {
    const customerId = verifyUnsubscribeToken(request.params.token, app.deps.config.sessionSecret);
    if (customerId === null) throw new NotFoundError('Este enlace para darse de baja no es válido.');
    return customerId;
  };

  // RFC 8058 allows the one-click POST as multipart/form-data; only this plugin needs to read it.
  if (!app.hasContentTypeParser('multipart/form-data')) {
    app.addContentTypeParser(
      'multipart/form-data',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => done(null, { raw: body }),
    );
  }

  app.get('/correo/baja/:token/', { schema: { params: tokenParams } }, async (request, reply) => {
    const customerId = customerFor(request);
    const customer = await findCustomerContact(app.deps.database.db, customerId);
    if (!customer) throw new NotFoundError('Este enlace para darse de baja no es válido.');
    return reply.page(UnsubscribePage, {
      action: `/correo/baja/${encodeURIComponent(request.params.token)}/`,
      maskedEmail: maskEmail(customer.email),
      optedOut: customer.isMarketingOptOut,
    });
  });

  const isOneClick = (body: unknown) => {
    if (!body || typeof body !== 'object') return false;
    const b = body as Record<string, unknown>;
    return (
      b['List-Unsubscribe'] === 'One-Click' || (typeof b.raw === 'string' && b.raw.includes('One-Click'))
    );
  };

  const optOut = async (request: FastifyRequest<TokenParams>) => {
    const customerId = customerFor(request);
    const ctx = serviceContext(request);
    await inTransaction(app.deps.database, (trx) => optOutOfMarketing(trx, customerId, ctx));
  };

  app.post(
    '/correo/baja/:token/',
    {
      schema: { params: tokenParams },
      config: {
        // A mail provider's one-click POST (RFC 8058) carries no cookie and no CSRF token: the
        // signed token in the URL is its only credential, and it names the one customer it can
        // unsubscribe. The confirmation page's own form still goes through CSRF.
        ownCredential: async (request: FastifyRequest, reply: FastifyReply) => {
          if (!isOneClick(request.body)) return false;
          await optOut(request as FastifyRequest<TokenParams>);
          await reply
            .code(200)
            .type('text/plain; charset=utf-8')
            .send('Listo: te diste de baja de las novedades de TMM.');
          return true;
        },
      },
    },
    async (request, reply) => {
      await optOut(request);
      return reply.flashRedirect(
        `/correo/baja/${request.params.token}/`,
        'success',
        'Listo: ya no recibirás correos de novedades.',
      );
    },
  );
}
