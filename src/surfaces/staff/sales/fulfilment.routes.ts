import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FULFILMENT_STATUSES, type FulfilmentStatus } from '../../../db/schema';
import { inTransaction } from '../../../db/transaction';
import { advanceFulfilment } from '../../../domain/sales';
import { serviceContext } from '../../../http/context';
import { idParams } from '../../../http/routes';
import { choice, optionalText } from '../../../lib/fields';

/** "Marcar como …" on an order's page: the step the page showed and the one the button takes it to. */
const stepForm = z.object({
  desde: choice(FULFILMENT_STATUSES, 'Recarga la página: no sabemos en qué paso estaba el pedido.'),
  hacia: choice(FULFILMENT_STATUSES, 'Recarga la página: ese paso no existe.'),
  empresa: optionalText(100),
  seguimiento: optionalText(100),
});

const DONE: Record<FulfilmentStatus, (id: number) => string> = {
  POR_PREPARAR: (id) => `Pedido N° ${id} por preparar.`,
  PREPARADO: (id) => `Pedido N° ${id} preparado. Le avisamos al cliente por correo.`,
  LISTO_PARA_RETIRO: (id) =>
    `Pedido N° ${id} listo para retiro. Le enviamos al cliente la dirección y el horario del taller.`,
  DESPACHADO: (id) => `Pedido N° ${id} despachado. Le avisamos al cliente por correo.`,
  ENTREGADO: (id) => `Pedido N° ${id} entregado. Le agradecimos la compra por correo.`,
};

/** Staff move a paid order one step towards its customer: /gestion/ventas/<id>/entrega/. */
export async function saleFulfilmentRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const pickup = { address: config.centre.address, hours: config.centre.pickupHours };
  const salePath = (r: FastifyRequest) => `/gestion/ventas/${(r.params as { id: number }).id}/`;

  app.post(
    '/ventas/:id/entrega/',
    { schema: { params: idParams, body: stepForm }, config: { errorRedirect: salePath } },
    async (request, reply) => {
      const { id } = request.params;
      const { desde, hacia, empresa, seguimiento } = request.body;
      await inTransaction(database, (trx) =>
        advanceFulfilment(
          trx,
          { saleId: id, from: desde, to: hacia, courier: empresa, trackingCode: seguimiento },
          serviceContext(request),
          pickup,
        ),
      );
      return reply.flashRedirect(salePath(request), 'success', DONE[hacia](id));
    },
  );
}
