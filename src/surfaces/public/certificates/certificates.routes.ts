import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { certificateDay, certifiedHours, checkCertificate } from '../../../domain/certificates';
import { formatDateTimeLong } from '../../../lib/dates';
import { NotFoundError } from '../../../lib/errors';
import { CertificateCheckPage } from './views/certificate-check.page';

const UNKNOWN =
  'No existe ningún certificado con este código: no fue emitido por TMM Bienestar y Conexión. Revisa que la dirección esté completa.';

/** Anything but a uuid is as unknown as a uuid nobody issued: both are the same 404. */
const uuidParams = z.object({ uuid: z.string().max(100) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Public: whether a certificate of attendance is genuine (/certificados/<uuid>/). */
export async function certificatePublicRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/certificados/:uuid/', { schema: { params: uuidParams } }, async (request, reply) => {
    const uuid = request.params.uuid.toLowerCase();
    if (!UUID.test(uuid)) throw new NotFoundError(UNKNOWN);
    const check = await checkCertificate(app.deps.database.db, uuid);
    if (check.state === 'unknown') throw new NotFoundError(UNKNOWN);
    const c = check.certificate;
    reply.header('x-robots-tag', 'noindex');
    return reply.page(CertificateCheckPage, {
      state: check.state,
      customerName: c.customerName,
      workshopName: c.workshopName,
      when: formatDateTimeLong(c.sessionStartsAt),
      hours: certifiedHours(c.durationMinutes),
      facilitatorName: c.facilitatorName,
      issuedOn: certificateDay(c.issuedAt),
      revokedOn: c.revokedAt ? certificateDay(c.revokedAt) : null,
    });
  });
}
