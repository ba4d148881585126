import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction';
import {
  addPayRule,
  deletePayRule,
  listFacilitatorPayRules,
  listRuleSeriesOptions,
  listRuleWorkshopOptions,
} from '../../../domain/facilitator-pay';
import {
  createFacilitator,
  type Facilitator,
  type FacilitatorInput,
  findFacilitator,
  inviteFacilitator,
  updateFacilitator,
} from '../../../domain/facilitators';
import { serviceContext } from '../../../http/context';
import type { FormErrors } from '../../../http/forms';
import { form, type InvalidForm, id, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { formatRut } from '../../../lib/rut';
import { type FacilitatorFormData, facilitatorForm } from './facilitators.forms';
import { FACILITATOR_LIST } from './facilitators.list';
import { payRuleForm } from './pay-rules.forms';
import { FacilitatorPage, FacilitatorsPage } from './views/facilitators.pages';

const LIST = FACILITATOR_LIST.path;

const toInput = (d: FacilitatorFormData): FacilitatorInput => ({
  name: d.nombre,
  rut: d.rut,
  email: d.correo,
  phone: d.telefono,
  bio: d.bio,
});

const formFrom = (f: Facilitator): Record<string, string> => ({
  nombre: f.name,
  rut: formatRut(f.rut),
  correo: f.email ?? '',
  telefono: f.phone ?? '',
  bio: f.bio ?? '',
});

/** Facilitators in the back office: /gestion/facilitadores/ (list, new, the facilitator's page, invite). */
export async function facilitatorsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  const load = async (id: number) => {
    const facilitator = await findFacilitator(database.db, id);
    if (!facilitator) throw new NotFoundError('No encontramos ese facilitador.');
    return facilitator;
  };

  /** The facilitator's page; `rule` keeps a rule form that did not pass, with its messages. */
  const renderPage = async (
    reply: FastifyReply,
    facilitator: Facilitator | null,
    values: Record<string, string>,
    errors: FormErrors,
    rule: InvalidForm = { values: {}, errors: {} },
  ) => {
    if (!facilitator) return reply.page(FacilitatorPage, { facilitator, values, errors });
    const [rules, workshops, series] = await Promise.all([
      listFacilitatorPayRules(database.db, facilitator.id),
      listRuleWorkshopOptions(database.db, facilitator.id),
      listRuleSeriesOptions(database.db, facilitator.id),
    ]);
    return reply.page(FacilitatorPage, {
      facilitator,
      values,
      errors,
      payRules: {
        facilitatorId: facilitator.id,
        rules,
        workshops,
        series,
        values: rule.values,
        errors: rule.errors,
      },
    });
  };
  const backToFacilitator = {
    errorRedirect: (r: FastifyRequest) => `${LIST}${(r.params as { id: number }).id}/`,
  };

  app.get('/facilitadores/', (request, reply) =>
    serveList(FACILITATOR_LIST, request, reply, (data) => reply.page(FacilitatorsPage, data)),
  );

  app.get('/facilitadores/nuevo/', (_request, reply) => renderPage(reply, null, {}, {}));

  app.post(
    '/facilitadores/nuevo/',
    form({ body: facilitatorForm }, (_request, reply, { values, errors }) =>
      renderPage(reply, null, values, errors),
    ),
    async (request, reply) => {
      const id = await inTransaction(database, (trx) =>
        createFacilitator(trx, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(`${LIST}${id}/`, 'success', `Facilitador "${request.body.nombre}" creado.`, {
        href: `${LIST}${id}/imagen/`,
        label: 'Subir una foto',
      });
    },
  );

  app.get('/facilitadores/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const facilitator = await load(request.params.id);
    return renderPage(reply, facilitator, formFrom(facilitator), {});
  });

  app.post(
    '/facilitadores/:id/',
    form({ params: idParams, body: facilitatorForm }, async (request, reply, { values, errors }) =>
      renderPage(reply, await load(request.params.id), values, errors),
    ),
    async (request, reply) => {
      const facilitator = await load(request.params.id);
      await inTransaction(database, (trx) =>
        updateFacilitator(trx, facilitator.id, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(`${LIST}${facilitator.id}/`, 'success', 'Ficha del facilitador guardada.');
    },
  );

  app.post(
    '/facilitadores/:id/invitar/',
    {
      schema: { params: idParams },
      config: backToFacilitator,
    },
    async (request, reply) => {
      const facilitator = await load(request.params.id);
      const email = await inTransaction(database, (trx) =>
        inviteFacilitator(trx, facilitator.id, serviceContext(request)),
      );
      return reply.flashRedirect(
        `${LIST}${facilitator.id}/`,
        'success',
        `Invitación enviada a ${email}: el enlace para crear su contraseña vale una hora (si vence, usa «Olvidé mi contraseña» en la página de ingreso).`,
      );
    },
  );

  app.post(
    '/facilitadores/:id/reglas/',
    form({ params: idParams, body: payRuleForm }, async (request, reply, invalid) => {
      const facilitator = await load(request.params.id);
      return renderPage(reply, facilitator, formFrom(facilitator), {}, invalid);
    }),
    async (request, reply) => {
      const facilitator = await load(request.params.id);
      await inTransaction(database, (trx) =>
        addPayRule(trx, { facilitatorId: facilitator.id, ...request.body }, serviceContext(request)),
      );
      return reply.flashRedirect(
        `${LIST}${facilitator.id}/#reglas-de-pago`,
        'success',
        'Regla de pago agregada.',
      );
    },
  );

  app.post(
    '/facilitadores/:id/reglas/:ruleId/eliminar/',
    { schema: { params: z.object({ id, ruleId: id }) }, config: backToFacilitator },
    async (request, reply) => {
      const facilitator = await load(request.params.id);
      await inTransaction(database, (trx) =>
        deletePayRule(
          trx,
          { facilitatorId: facilitator.id, ruleId: request.params.ruleId },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `${LIST}${facilitator.id}/#reglas-de-pago`,
        'success',
        'Regla eliminada. Los períodos ya cerrados conservan lo que pagó.',
      );
    },
  );
}
