import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findImageOwner, type ImageOwner, MAX_IMAGE_BYTES, replaceImage } from '../../../domain/media';
import { idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { ImageUploadPage } from './views/image-upload.page';

const TARGETS: Record<
  string,
  { table: ImageOwner; kind: 'producto' | 'taller' | 'facilitador'; publicPath: string }
> = {
  productos: { table: 'products', kind: 'producto', publicPath: '/productos/' },
  talleres: { table: 'workshops', kind: 'taller', publicPath: '/talleres/' },
  // A facilitator has no page of their own: their photo shows on the workshops they lead.
  facilitadores: { table: 'facilitators', kind: 'facilitador', publicPath: '/gestion/facilitadores/' },
};

/** The upload's fields (multipart, read by the plugin below): the image file, when one was sent. */
const uploadForm = z
  .object({
    imagen: z
      .custom<Buffer>((v) => Buffer.isBuffer(v))
      .optional()
      .catch(undefined),
  })
  // No form at all is an upload without a file: the service says what is missing.
  .catch({ imagen: undefined });

/** Staff image upload for products and workshops (under /gestion, behind the staff guard). */
export async function mediaStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Registered here, not app-wide: only these routes accept multipart bodies. keyValues puts the
  // hidden _csrf field in request.body before the global CSRF preHandler runs. One byte over the
  // limit is kept so the service can tell "too large" apart and answer with a message, not a 413.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_IMAGE_BYTES + 1, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  });

  for (const [segment, target] of Object.entries(TARGETS)) {
    const path = `/${segment}/:id/imagen/`;

    app.get(path, { schema: { params: idParams } }, async (request, reply) => {
      const { id } = request.params;
      const item = await findImageOwner(app.deps.database.db, target.table, id);
      if (!item) throw new NotFoundError();
      return reply.page(ImageUploadPage, {
        kind: target.kind,
        item,
        action: `/gestion/${segment}/${id}/imagen/`,
        publicHref: `${target.publicPath}${id}/`,
      });
    });

    app.post(path, { schema: { params: idParams, body: uploadForm } }, async (request, reply) => {
      const { id } = request.params;
      await replaceImage(app.deps.database, app.deps.config.dataDir, target.table, id, request.body.imagen, {
        now: app.deps.clock(),
      });
      return reply.flashRedirect(`/gestion/${segment}/${id}/imagen/`, 'success', 'Imagen actualizada.');
    });
  }
}
