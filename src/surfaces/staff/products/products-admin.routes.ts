import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inTransaction } from '../../../db/transaction';
import { listInterestOptions } from '../../../domain/customers';
import {
  countSaleLinesOf,
  createProductByStaff,
  deleteProductByStaff,
  findProductRecord,
  type ProductInput,
  setProductsAvailability,
  updateProductByStaff,
} from '../../../domain/products';
import { plural } from '../../../domain/vocabulary';
import { serviceContext } from '../../../http/context';
import type { FormErrors } from '../../../http/forms';
import { form, idParams } from '../../../http/routes';
import { serveList } from '../../../http/staff-list';
import { NotFoundError } from '../../../lib/errors';
import { loadAuditTrail } from '../audit/audit-names';
import { type ProductFormData, productBulkForm, productForm } from '../lists/admin-lists.forms';
import { returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { PRODUCT_LIST } from './products.list';
import { ProductDeletePage } from './views/product-delete.page';
import { ProductFormPage } from './views/product-form.page';
import { ProductsAdminPage } from './views/products.page';

const LIST = PRODUCT_LIST.path;

const toInput = (d: ProductFormData): ProductInput => ({
  name: d.nombre,
  description: d.descripcion,
  categoryId: d.categoria,
  priceClp: d.precio,
  stock: d.stock,
  lowStockThreshold: d.umbral,
  isAvailable: d.disponible,
});

/** Products (kits) in the back office: list, form, delete, bulk availability, export. */
export async function productsAdminRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { database } = app.deps;

  const load = async (id: number) => {
    const product = await findProductRecord(database.db, id);
    if (!product) throw new NotFoundError('No encontramos ese producto.');
    return product;
  };

  app.get('/productos/', (request, reply) =>
    serveList(PRODUCT_LIST, request, reply, async (data) =>
      reply.page(ProductsAdminPage, { ...data, categories: await listInterestOptions(database.db) }),
    ),
  );

  app.post(
    '/productos/acciones/',
    {
      schema: { body: productBulkForm },
      config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) },
    },
    async (request, reply) => {
      const { accion, ids } = request.body;
      if (accion === 'exportar')
        return reply.redirect(selectedExportUrl(LIST, ids, request.body.formato), 303);
      const available = accion === 'activar';
      const changed = await inTransaction(database, (trx) =>
        setProductsAvailability(trx, ids, available, serviceContext(request)),
      );
      const done = available
        ? plural(changed, 'producto activado', 'productos activados')
        : plural(changed, 'producto desactivado', 'productos desactivados');
      return reply.flashRedirect(returnPath(request, LIST), 'success', `${done}.`);
    },
  );

  const renderForm = async (
    reply: FastifyReply,
    product: { id: number; name: string; imagePath: string | null } | null,
    values: Record<string, string>,
    errors: FormErrors,
  ) => {
    const [categories, audit] = await Promise.all([
      listInterestOptions(database.db),
      product ? loadAuditTrail(database.db, 'product', product.id, 20) : Promise.resolve(null),
    ]);
    return reply.page(ProductFormPage, { product, values, errors, categories, audit });
  };

  app.get('/productos/nuevo/', async (_request, reply) =>
    renderForm(reply, null, { precio: '', stock: '0', umbral: '5', disponible: '1' }, {}),
  );

  app.post(
    '/productos/nuevo/',
    form({ body: productForm }, (_request, reply, { values, errors }) =>
      renderForm(reply, null, values, errors),
    ),
    async (request, reply) => {
      const id = await inTransaction(database, (trx) =>
        createProductByStaff(trx, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(
        `${LIST}${id}/editar/`,
        'success',
        `Producto "${request.body.nombre}" creado.`,
        { href: `${LIST}${id}/imagen/`, label: 'Subir una imagen' },
      );
    },
  );

  app.get('/productos/:id/editar/', { schema: { params: idParams } }, async (request, reply) => {
    const product = await load(request.params.id);
    return renderForm(
      reply,
      product,
      {
        nombre: product.name,
        descripcion: product.description ?? '',
        categoria: product.categoryId ? String(product.categoryId) : '',
        precio: String(product.priceClp),
        stock: String(product.stock),
        umbral: String(product.lowStockThreshold),
        disponible: product.isAvailable ? '1' : '',
      },
      {},
    );
  });

  app.post(
    '/productos/:id/editar/',
    form({ params: idParams, body: productForm }, async (request, reply, { values, errors }) =>
      renderForm(reply, await load(request.params.id), values, errors),
    ),
    async (request, reply) => {
      const product = await load(request.params.id);
      await inTransaction(database, (trx) =>
        updateProductByStaff(trx, product.id, toInput(request.body), serviceContext(request)),
      );
      return reply.flashRedirect(LIST, 'success', `Producto "${request.body.nombre}" actualizado.`);
    },
  );

  app.get('/productos/:id/eliminar/', { schema: { params: idParams } }, async (request, reply) => {
    const product = await load(request.params.id);
    const saleLines = await countSaleLinesOf(database.db, product.id);
    return reply.page(ProductDeletePage, { product, sold: saleLines > 0 });
  });

  app.post('/productos/:id/eliminar/', { schema: { params: idParams } }, async (request, reply) => {
    const outcome = await inTransaction(database, (trx) =>
      deleteProductByStaff(trx, request.params.id, serviceContext(request)),
    );
    return outcome === 'deleted'
      ? reply.flashRedirect(LIST, 'success', 'Producto eliminado.')
      : reply.flashRedirect(
          LIST,
          'warning',
          'Este producto aparece en ventas, así que no se eliminó: quedó desactivado (ya no se muestra en la tienda) y su historial se conserva.',
        );
  });
}
