import type { Db, Tx } from '../../db/database';

export async function replacePackProductScope(
  trx: Tx,
  packProductId: number,
  scope: { categoryIds: number[]; workshopIds: number[] },
): Promise<void> {
  await trx.deleteFrom('packProductCategories').where('packProductId', '=', packProductId).execute();
  await trx.deleteFrom('packProductWorkshops').where('packProductId', '=', packProductId).execute();
  const categories = [...new Set(scope.categoryIds)];
  const workshops = [...new Set(scope.workshopIds)];
  if (categories.length > 0)
    await trx
      .insertInto('packProductCategories')
      .values(categories.map((categoryId) => ({ packProductId, categoryId })))
      .execute();
  if (workshops.length > 0)
    await trx
      .insertInto('packProductWorkshops')
      .values(workshops.map((workshopId) => ({ packProductId, workshopId })))
      .execute();
}

/** A pack product with its product fields and coverage, for the staff form. */
export async function findPackProductRecord(db: Db | Tx, id: number) {
  const row = await db
    .selectFrom('packProducts')
    .innerJoin('products', 'products.id', 'packProducts.productId')
    .select([
      'packProducts.id',
      'packProducts.productId',
      'packProducts.credits',
      'packProducts.validityDays',
      'packProducts.isOnlineIncluded',
      'products.name',
      'products.description',
      'products.priceClp',
      'products.stock',
      'products.isAvailable',
    ])
    .where('packProducts.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [categories, workshops] = await Promise.all([
    db.selectFrom('packProductCategories').select('categoryId').where('packProductId', '=', id).execute(),
    db.selectFrom('packProductWorkshops').select('workshopId').where('packProductId', '=', id).execute(),
  ]);
  return {
    ...row,
    categoryIds: categories.map((c) => c.categoryId),
    workshopIds: workshops.map((w) => w.workshopId),
  };
}

/** The pack terms of a shop product, for its page; undefined for a kit. */
export async function findPackTermsOfProduct(db: Db | Tx, productId: number) {
  const row = await db
    .selectFrom('packProducts')
    .select(['id', 'credits', 'validityDays', 'isOnlineIncluded'])
    .where('productId', '=', productId)
    .executeTakeFirst();
  if (!row) return undefined;
  const [categories, workshops] = await Promise.all([
    db
      .selectFrom('packProductCategories')
      .innerJoin('interests', 'interests.id', 'packProductCategories.categoryId')
      .select('interests.name')
      .where('packProductId', '=', row.id)
      .orderBy('interests.name')
      .execute(),
    db
      .selectFrom('packProductWorkshops')
      .innerJoin('workshops', 'workshops.id', 'packProductWorkshops.workshopId')
      .select('workshops.name')
      .where('packProductId', '=', row.id)
      .orderBy('workshops.startsAt')
      .execute(),
  ]);
  return { ...row, categories: categories.map((c) => c.name), workshops: workshops.map((w) => w.name) };
}

export type PackTerms = NonNullable<Awaited<ReturnType<typeof findPackTermsOfProduct>>>;

/** Every pack product for the staff list, newest first. */
export async function listPackProducts(db: Db) {
  return db
    .selectFrom('packProducts')
    .innerJoin('products', 'products.id', 'packProducts.productId')
    .select([
      'packProducts.id',
      'products.name',
      'products.priceClp',
      'products.isAvailable',
      'products.stock',
      'packProducts.credits',
      'packProducts.validityDays',
      'packProducts.isOnlineIncluded',
    ])
    .orderBy('packProducts.id', 'desc')
    .execute();
}

/** Workshops still to come, for choosing which ones a pack covers. */
export async function listCoverableWorkshops(db: Db, now: Date) {
  return db
    .selectFrom('workshops')
    .select(['id', 'name', 'startsAt'])
    .where('startsAt', '>', now.toISOString())
    .where('cancelledAt', 'is', null)
    .orderBy('startsAt')
    .limit(200)
    .execute();
}

/** Which of these ids are real categories and workshops (a form may send anything). */
export async function countKnownScope(db: Db | Tx, scope: { categoryIds: number[]; workshopIds: number[] }) {
  const categories = [...new Set(scope.categoryIds)];
  const workshops = [...new Set(scope.workshopIds)];
  const [c, w] = await Promise.all([
    categories.length === 0
      ? Promise.resolve([])
      : db.selectFrom('interests').select('id').where('id', 'in', categories).execute(),
    workshops.length === 0
      ? Promise.resolve([])
      : db.selectFrom('workshops').select('id').where('id', 'in', workshops).execute(),
  ]);
  return { categoriesOk: c.length === categories.length, workshopsOk: w.length === workshops.length };
}
