import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { listInterestOptions } from '../../../domain/customers';
import {
  adjustPackCredits,
  assignCompanyBundle,
  createPackProduct,
  findBundleParties,
  findPackDetail,
  findPackProductRecord,
  listBundleChoices,
  listCoverableWorkshops,
  listPackProducts,
  type PackProductInput,
  updatePackProduct,
} from '../../../domain/packs';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError, ValidationError } from '../../../lib/errors';
import { returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import {
  adjustmentForm,
  bundleForm,
  type PackProductFormData,
  packBulkForm,
  packProductForm,
} from './packs.forms';
import { PACK_LIST } from './packs.list';
import {
  BundleFormPage,
  PackDetailPage,
  PackProductFormPage,
  PackProductsPage,
  PacksPage,
} from './views/packs.pages';

const LIST = PACK_LIST.path;

const toInput = (data: PackProductFormData): PackProductInput => ({
  name: data.nombre,
  description: data.descripcion,
  priceClp: data.precio,
  stock: data.stock,
  isAvailable: data.disponible,
  credits: data.creditos,
  validityDays: data.dias,
  isOnlineIncluded: data.online,
  categoryIds: data.categorias,
  workshopIds: data.talleres,
});

/** Class packs and company bundles in the back office: /gestion/bonos/. */
export async function packsStaffRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  const loadPack = async (id: number) => {
    const pack = await findPackDetail(database.db, id);
    if (!pack) throw new NotFoundError('Ese bono no existe.');
    return pack;
  };
  const renderProductForm = async (
    reply: FastifyReply,
    id: number | null,
    values: Record<string, string | string[]>,
    errors: Record<string, string>,
  ) => {
    const [categories, workshops] = await Promise.all([
      listInterestOptions(database.db),
      listCoverableWorkshops(database.db, app.deps.clock()),
    ]);
    return reply.page(PackProductFormPage, { id, values, errors, categories, workshops });
  };
  const renderBundleForm = async (
    reply: FastifyReply,
    values: Record<string, string>,
    errors: Record<string, string>,
  ) => reply.page(BundleFormPage, { values, errors, ...(await listBundleChoices(database.db)) });

  app.get('/bonos/', (request, reply) =>
    serveList(PACK_LIST, request, reply, (data) => reply.page(PacksPage, data)),
  );

  app.post(
    '/bonos/acciones/',
    { schema: { body: packBulkForm }, config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) } },
    async (request, reply) =>
      reply.redirect(selectedExportUrl(LIST, request.body.ids, request.body.formato), 303),
  );

  app.get('/bonos/productos/', async (_request, reply) =>
    reply.page(PackProductsPage, { products: await listPackProducts(database.db) }),
  );

  app.get('/bonos/productos/nuevo/', async (_request, reply) =>
    renderProductForm(
      reply,
      null,
      { creditos: '5', dias: '90', stock: '1000', online: '1', disponible: '1' },
      {},
    ),
  );

  app.post(
    '/bonos/productos/nuevo/',
    form({ body: packProductForm }, (_request, reply, { values, errors }) =>
      renderProductForm(reply, null, values, errors),
    ),
    async (request, reply) => {
      await inTransaction(database, (trx) =>
        createPackProduct(trx, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(
        '/gestion/bonos/productos/',
        'success',
        `Bono "${request.body.nombre}" creado.`,
      );
    },
  );

  app.get('/bonos/productos/:id/editar/', { schema: { params: idParams } }, async (request, reply) => {
    const p = await findPackProductRecord(database.db, request.params.id);
    if (!p) throw new NotFoundError('Ese bono no existe.');
    return renderProductForm(
      reply,
      p.id,
      {
        nombre: p.name,
        descripcion: p.description ?? '',
        precio: String(p.priceClp),
        creditos: String(p.credits),
        dias: String(p.validityDays),
        stock: String(p.stock),
        online: p.isOnlineIncluded ? '1' : '',
        disponible: p.isAvailable ? '1' : '',
        categorias: p.categoryIds.map(String),
        talleres: p.workshopIds.map(String),
      },
      {},
    );
  });

  app.post(
    '/bonos/productos/:id/editar/',
    form({ params: idParams, body: packProductForm }, (request, reply, { values, errors }) =>
      renderProductForm(reply, request.params.id, values, errors),
    ),
    async (request, reply) => {
      await inTransaction(database, (trx) =>
        updatePackProduct(trx, request.params.id, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(
        '/gestion/bonos/productos/',
        'success',
        `Bono "${request.body.nombre}" guardado.`,
      );
    },
  );

  app.get('/bonos/convenios/nuevo/', async (_request, reply) => renderBundleForm(reply, {}, {}));

  app.post(
    '/bonos/convenios/nuevo/',
    form({ body: bundleForm }, (_request, reply, { values, errors }) =>
      renderBundleForm(reply, values, errors),
    ),
    async (request, reply) => {
      const body = request.body;
      const id = await inTransaction(database, async (trx) => {
        const { company, contact } = await findBundleParties(trx, body.empresa, body.contacto);
        if (!company) throw new ValidationError({ empresa: 'Elige una empresa de la lista.' });
        return assignCompanyBundle(
          trx,
          {
            companyId: company.id,
            companyName: company.legalName,
            seats: body.cupos,
            validityDays: body.dias,
            priceClp: body.precio,
            contactCustomerId: contact?.id ?? null,
            contactCompanyId: contact?.companyId ?? null,
            note: body.nota,
          },
          serviceContext(request),
        );
      });
      return reply.flashRedirect(
        `${LIST}${id}/`,
        'success',
        `Asignaste ${plural(body.cupos, 'cupo', 'cupos')} a la empresa.`,
      );
    },
  );

  app.get('/bonos/:id/', { schema: { params: idParams } }, async (request, reply) =>
    reply.page(PackDetailPage, { pack: await loadPack(request.params.id), values: {}, errors: {} }),
  );

  app.post(
    '/bonos/:id/ajuste/',
    form({ params: idParams, body: adjustmentForm }, async (request, reply, { values, errors }) =>
      reply.page(PackDetailPage, { pack: await loadPack(request.params.id), values, errors }),
    ),
    async (request, reply) => {
      const { id } = request.params;
      const result = await inTransaction(database, (trx) =>
        adjustPackCredits(
          trx,
          { packId: id, credits: request.body.creditos, reason: request.body.motivo },
          serviceContext(request),
        ),
      );
      return reply.flashRedirect(
        `${LIST}${id}/`,
        'success',
        `Ajuste registrado: el bono queda con ${plural(result.balance, 'crédito', 'créditos')}.`,
      );
    },
  );
}
