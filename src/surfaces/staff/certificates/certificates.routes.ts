import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import {
  issueCertificate,
  issueSessionCertificates,
  listSessionCertificates,
  revokeCertificate,
} from '../../../domain/certificates';
import { plural } from '../../../domain/vocabulary';
import { findWorkshopSummary } from '../../../domain/workshops';
import { serviceContext } from '../../../http/context';
import { id, idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { requiredText } from '../../../lib/fields';
import { SessionCertificatesPage } from './views/session-certificates.page';

const pagePath = (workshopId: number) => `/gestion/talleres/${workshopId}/certificados/`;
const backToPage = {
  errorRedirect: (request: FastifyRequest) => pagePath(Number((request.params as { id: string }).id) || 0),
};
const enrollmentParams = z.object({ id, enrollmentId: id });
const certificateParams = z.object({ id, certificateId: id });
const revokeForm = z.object({ motivo: requiredText(300, 'Escribe por qué se revoca el certificado.') });

/** Certificates of attendance of one session (/gestion/talleres/<id>/certificados/). */
export async function certificatesStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const workshopOr404 = async (workshopId: number) => {
    const workshop = await findWorkshopSummary(db(), workshopId);
    if (!workshop) throw new NotFoundError('Ese taller no existe.');
    return workshop;
  };

  app.get('/talleres/:id/certificados/', { schema: { params: idParams } }, async (request, reply) => {
    const workshop = await workshopOr404(request.params.id);
    const rows = await listSessionCertificates(db(), workshop.id);
    const pending = rows.filter((r) => r.attendedAt && !r.certificateId).length;
    return reply.page(SessionCertificatesPage, { workshop, rows, pending });
  });

  app.post(
    '/talleres/:id/certificados/emitir',
    { schema: { params: idParams }, config: backToPage },
    async (request, reply) => {
      const workshop = await workshopOr404(request.params.id);
      const result = await inTransaction(app.deps.database, (trx) =>
        issueSessionCertificates(trx, { workshopId: workshop.id }, serviceContext(request)),
      );
      const issued =
        result.issued > 0
          ? `${plural(result.issued, 'certificado emitido y enviado', 'certificados emitidos y enviados')} por correo.`
          : 'No se emitió ningún certificado.';
      const skipped =
        result.belowSeriesMinimum > 0
          ? ` ${plural(result.belowSeriesMinimum, 'persona quedó', 'personas quedaron')} sin certificado: su asistencia a las sesiones ya realizadas de la serie no llega al mínimo de ${result.minPercent} %.`
          : '';
      if (result.issued === 0 && result.belowSeriesMinimum === 0)
        return reply.flashRedirect(pagePath(workshop.id), 'info', 'No había certificados por emitir.');
      return reply.flashRedirect(
        pagePath(workshop.id),
        result.belowSeriesMinimum > 0 ? 'warning' : 'success',
        `${issued}${skipped}`,
      );
    },
  );

  app.post(
    '/talleres/:id/certificados/inscripciones/:enrollmentId/emitir',
    { schema: { params: enrollmentParams }, config: backToPage },
    async (request, reply) => {
      const { id: workshopId, enrollmentId } = request.params;
      const rows = await listSessionCertificates(db(), workshopId);
      if (!rows.some((r) => r.enrollmentId === enrollmentId))
        throw new NotFoundError('No encontramos esa inscripción en este taller.');
      const { issued } = await inTransaction(app.deps.database, (trx) =>
        issueCertificate(trx, { enrollmentId }, serviceContext(request)),
      );
      return reply.flashRedirect(
        pagePath(workshopId),
        issued ? 'success' : 'info',
        issued ? 'Certificado emitido y enviado por correo.' : 'Esa persona ya tenía su certificado.',
      );
    },
  );

  app.post(
    '/talleres/:id/certificados/:certificateId/revocar',
    { schema: { params: certificateParams, body: revokeForm }, config: backToPage },
    async (request, reply) => {
      const { id: workshopId, certificateId } = request.params;
      await inTransaction(app.deps.database, (trx) =>
        revokeCertificate(
          trx,
          { certificateId, workshopId, reason: request.body.motivo },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(pagePath(workshopId), 'success', 'Certificado revocado.');
    },
  );
}
