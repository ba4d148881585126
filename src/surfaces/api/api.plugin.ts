import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { authenticateApiRequest, claimIdempotency, storeIdempotency } from './api.auth';
import { apiErrorHandler, notFound } from './api.problems';
import { catalogueApiRoutes } from './catalogue.api';
import { staffApiRoutes } from './staff.api';
import { writeApiRoutes } from './writes.api';

/** Requests a minute: per key, and per address for requests without a key (public reads only). */
export const API_RATE_LIMIT = { perKey: 600, perAddress: 60 } as const;

/**
 * /api/v1: JSON over the domain modules, described by an OpenAPI 3.1 document built from the same
 * zod schemas the routes parse with. Encapsulated: its error and not-found handlers answer problem
 * details, and @fastify/swagger, registered inside, sees only these routes.
 */
export async function apiRoutes(app: FastifyInstance) {
  app.decorateRequest('apiKey', null);
  app.decorateRequest('idempotencyId', null);
  // Every route here reads only its bearer key (see bearerOnly in http/security.ts).
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), bearerOnly: true };
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'API del centro de talleres',
        version: '1.0.0',
        description:
          'Talleres, inscripciones, clientes, kits, pedidos y pagos. Los errores siguen RFC 9457 (application/problem+json). Las listas se paginan con «limit» (máximo 100) y el cursor «next». Todo POST necesita un encabezado Idempotency-Key.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description:
              'Una clave creada por un administrador en Gestión → Claves de API. Sus permisos: public:read, staff:read, write.',
          },
        },
      },
      tags: [
        { name: 'Talleres' },
        { name: 'Kits' },
        { name: 'Inscripciones' },
        { name: 'Clientes' },
        { name: 'Ventas y pagos' },
        { name: 'Bonos' },
        { name: 'Tarjetas de regalo' },
      ],
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      const scope = input.route.config?.apiScope;
      if (!scope) return transformed;
      // Public reads work with or without a key (an empty requirement means "none needed").
      const security: Record<string, string[]>[] =
        scope === 'public:read' ? [{}, { apiKey: [] }] : [{ apiKey: [scope] }];
      return { ...transformed, schema: { ...transformed.schema, security } };
    },
    transformObject: jsonSchemaTransformObject,
  });

  app.setErrorHandler(apiErrorHandler);
  app.setNotFoundHandler(notFound);
  app.addHook('onRequest', authenticateApiRequest);
  const limit = app.rateLimit({
    timeWindow: 60_000,
    max: (request: FastifyRequest) => (request.apiKey ? API_RATE_LIMIT.perKey : API_RATE_LIMIT.perAddress),
    keyGenerator: (request: FastifyRequest) =>
      request.apiKey ? `api-key:${request.apiKey.id}` : `api-ip:${request.ip}`,
  });
  // One allowance across the API's resources (a route-level limit would count each route apart);
  // the reference page and its files are not counted.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.apiScope) await limit.call(app, request, reply);
  });
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'POST') return claimIdempotency(request, reply);
  });
  app.addHook('onSend', storeIdempotency);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  await app.register(catalogueApiRoutes);
  await app.register(staffApiRoutes);
  await app.register(writeApiRoutes);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // The reference page is Swagger UI's own files, served from here: its page loads its scripts
  // and styles from files (no inline script), so the site's CSP applies unchanged.
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    // BaseLayout: without the standalone top bar, whose box loads any other document's URL.
    uiConfig: { validatorUrl: null, deepLinking: true, defaultModelsExpandDepth: 0, layout: 'BaseLayout' },
    theme: { title: 'API · Referencia' },
  });
}
