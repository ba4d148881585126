import type { FastifyInstance } from 'fastify';
import { databaseAnswers } from '../../../db/database';

/** GET /healthz: 200 when the database answers, 503 when it does not (load balancers, compose). */
export async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', async (request, reply) => {
    try {
      await databaseAnswers(app.deps.database.db);
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: 'ok' });
    } catch (error) {
      request.log.error({ err: error }, 'health check failed');
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .send({ status: 'error', database: 'unavailable' });
    }
  });
}
