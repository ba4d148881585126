import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { findPackTermsOfProduct } from '../../../domain/packs';
import { findProductDetail, listCatalogueCategories, searchCatalogue } from '../../../domain/products';
import { idParams } from '../../../http/routes';
import { NotFoundError } from '../../../lib/errors';
import { makePage, pageWindow } from '../../../lib/pagination';
import { parseCatalogueQuery } from './products.forms';
import { CataloguePage } from './views/catalogue.page';
import { ProductPage } from './views/product.page';

const PAGE_SIZE = 12;

/** Parses a positive integer id from a route parameter; anything else is a 404. */
export async function productRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/productos/', { config: { anonymousCacheMs: 1000 } }, async (request, reply) => {
    const { db } = app.deps.database;
    const filter = parseCatalogueQuery(request.query);
    // The same for every visitor for a second: logged-in customers share the read too.
    const [matches, categories] = await app.sharedRead(`productos:${JSON.stringify(filter)}`, 1000, () =>
      Promise.all([searchCatalogue(db, filter), listCatalogueCategories(db)]),
    );
    const { page, offset } = pageWindow(filter.page, PAGE_SIZE, matches.length);
    return reply.page(CataloguePage, {
      page: makePage(matches.slice(offset, offset + PAGE_SIZE), page, PAGE_SIZE, matches.length),
      q: filter.q,
      categoryId: filter.categoryId,
      categories,
    });
  });

  app.get('/productos/:id/', { schema: { params: idParams } }, async (request, reply) => {
    const product = await findProductDetail(app.deps.database.db, request.params.id);
    if (!product) throw new NotFoundError('Este producto no existe.');
    const packTerms = await findPackTermsOfProduct(app.deps.database.db, product.id);
    return reply.page(ProductPage, { product, packTerms });
  });
}
