import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inTransaction } from '../../../db/transaction';
import { listAuditForEntity } from '../../../domain/audit';
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
import { type FormErrors, formValues, parseForm } from '../../../http/forms';
import { routeId } from '../../../http/params';
import { serveList } from '../../../http/staff-list';
import { NotFoundError, ValidationError } from '../../../lib/errors';
import { type ProductFormData, productBulkForm, productForm } from '../lists/admin-lists.forms';
import { returnPath, selectedExportUrl } from '../lists/admin-lists.http';
import { PRODUCT_LIST } from './products.list';
import { ProductDeletePage } from './views/product-delete.page';
import { ProductFormPage } from './views/product-form.page';
import { ProductsAdminPage } from './views/products.page';

const LIST = PRODUCT_LIST.path;
const NOT_FOUND = 'No encontramos ese producto.';

type IdParams = { Params: { id: string } };

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
export async function productsAdminRoutes(app: FastifyInstance) {
  const { database } = app.deps;
  const backToList = { config: { errorRedirect: (r: FastifyRequest) => returnPath(r, LIST) } };

  app.get('/productos/', (request, reply) =>
    serveList(PRODUCT_LIST, request, reply, async (data) =>
      reply.page(ProductsAdminPage, { ...data, categories: await listInterestOptions(database.db) }),
    ),
  );

  app.post('/productos/acciones/', backToList, async (request, reply) => {
    const back = returnPath(request, LIST);
    const form = parseForm(productBulkForm, request.body);
    if (!form.ok)
      return reply.flashRedirect(back, 'error', Object.values(form.errors)[0] ?? 'Elige una acción.');
    const { accion, ids } = form.data;
    if (accion === 'exportar') return reply.redirect(selectedExportUrl(LIST, ids, form.data.formato), 303);
    const available = accion === 'activar';
    const changed = await inTransaction(database, (trx) =>
      setProductsAvailability(trx, ids, available, serviceContext(request)),
    );
    const done = available
      ? plural(changed, 'producto activado', 'productos activados')
      : plural(changed, 'producto desactivado', 'productos desactivados');
    return reply.flashRedirect(back, 'success', `${done}.`);
  });

  const renderForm = async (
    reply: FastifyReply,
    product: { id: number; name: string; imagePath: string | null } | null,
    values: Record<string, string>,
    errors: FormErrors,
    status = 200,
  ) => {
    const [categories, audit] = await Promise.all([
      listInterestOptions(database.db),
      product ? listAuditForEntity(database.db, 'product', product.id, 20) : Promise.resolve([]),
    ]);
    return reply.page(ProductFormPage, { product, values, errors, categories, audit }, status);
  };

  app.get('/productos/nuevo/', async (_request, reply) =>
    renderForm(reply, null, { precio: '', stock: '0', umbral: '5', disponible: '1' }, {}),
  );

  app.post('/productos/nuevo/', async (request, reply) => {
    const form = parseForm(productForm, request.body);
    if (!form.ok) return renderForm(reply, null, formValues(request.body), form.errors, 422);
    try {
      const id = await inTransaction(database, (trx) =>
        createProductByStaff(trx, toInput(form.data), serviceContext(request)),
      );
      return reply.flashRedirect(
        `${LIST}${id}/editar/`,
        'success',
        `Producto "${form.data.nombre}" creado.`,
        {
          href: `${LIST}${id}/imagen/`,
          label: 'Subir una imagen',
        },
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(reply, null, formValues(request.body), error.fields, 422);
    }
  });

  const loadProduct = async (raw: string) => {
    const product = await findProductRecord(database.db, routeId(raw, NOT_FOUND));
    if (!product) throw new NotFoundError(NOT_FOUND);
    return product;
  };

  app.get<IdParams>('/productos/:id/editar/', async (request, reply) => {
    const product = await loadProduct(request.params.id);
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

  app.post<IdParams>('/productos/:id/editar/', async (request, reply) => {
    const product = await loadProduct(request.params.id);
    const form = parseForm(productForm, request.body);
    if (!form.ok) return renderForm(reply, product, formValues(request.body), form.errors, 422);
    try {
      await inTransaction(database, (trx) =>
        updateProductByStaff(trx, product.id, toInput(form.data), serviceContext(request)),
      );
      return reply.flashRedirect(LIST, 'success', `Producto "${form.data.nombre}" actualizado.`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderForm(reply, product, formValues(request.body), error.fields, 422);
    }
  });

  app.get<IdParams>('/productos/:id/eliminar/', async (request, reply) => {
    const product = await loadProduct(request.params.id);
    const saleLines = await countSaleLinesOf(database.db, product.id);
    return reply.page(ProductDeletePage, { product, sold: saleLines > 0 });
  });

  app.post<IdParams>('/productos/:id/eliminar/', async (request, reply) => {
    const id = routeId(request.params.id, NOT_FOUND);
    const outcome = await inTransaction(database, (trx) =>
      deleteProductByStaff(trx, id, serviceContext(request)),
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
