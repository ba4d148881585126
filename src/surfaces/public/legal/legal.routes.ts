import type { FastifyInstance } from 'fastify';
import { DEFAULT_CANCELLATION_CUTOFF_HOURS } from '../../../domain/workshops';
import { PrivacyPage } from './views/privacy.page';
import { TermsPage } from './views/terms.page';

/** /terminos/ and /privacidad/: the centre's terms and privacy policy, linked from every footer. */
export async function legalRoutes(app: FastifyInstance) {
  const { config } = app.deps;
  app.get('/terminos/', async (_request, reply) =>
    reply.page(TermsPage, {
      rules: {
        waitlistHoldHours: config.waitlistHoldHours,
        orderExpiryHours: config.orderExpiryHours,
        defaultCancellationCutoffHours: DEFAULT_CANCELLATION_CUTOFF_HOURS,
      },
    }),
  );
  app.get('/privacidad/', async (_request, reply) => reply.page(PrivacyPage, {}));
}
