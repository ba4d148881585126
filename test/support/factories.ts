import type { Db } from '../../src/db/database';
import type {
  CustomerType,
  FulfilmentMethod,
  FulfilmentStatus,
  Modality,
  SaleStatus,
  UserRole,
} from '../../src/db/schema';
import { issuePacksForSale } from '../../src/domain/packs';
import { hashPassword } from '../../src/lib/password';
import { searchable } from '../../src/lib/text';

/** Test rows with sensible defaults; every test builds its own data, never relying on the seed. */

export const TEST_PASSWORD = 'clave-de-prueba-123';
let hashed: Promise<string> | undefined;
/** One real Argon2id hash per process: hashing costs ~20 ms, and factories are called a lot. */
export const testPasswordHash = () => {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
};

let seq = 0;
export const unique = (prefix = 'x') => `${prefix}${process.pid}${++seq}${Math.floor(Math.random() * 1e6)}`;

export async function createUser(
  db: Db,
  overrides: {
    email?: string;
    username?: string | null;
    name?: string;
    role?: UserRole;
    isActive?: boolean;
  } = {},
) {
  const email = overrides.email ?? `${unique('user')}@example.cl`;
  const row = await db
    .insertInto('users')
    .values({
      email,
      username: overrides.username === undefined ? null : overrides.username,
      name: overrides.name ?? 'Usuaria de Prueba',
      passwordHash: await testPasswordHash(),
      role: overrides.role ?? 'customer',
      isActive: overrides.isActive ?? true,
      emailVerifiedAt: new Date().toISOString(),
    })
    .returning(['id', 'email', 'username', 'role'])
    .executeTakeFirstOrThrow();
  return { ...row, password: TEST_PASSWORD };
}

export async function createCustomer(
  db: Db,
  overrides: {
    fullName?: string;
    email?: string;
    phone?: string | null;
    userId?: number | null;
    customerType?: CustomerType;
    companyId?: number | null;
    createdAt?: string;
  } = {},
) {
  const fullName = overrides.fullName ?? 'Cliente de Prueba';
  const email = overrides.email ?? `${unique('cliente')}@example.cl`;
  const phone = overrides.phone === undefined ? '+56912345678' : overrides.phone;
  return db
    .insertInto('customers')
    .values({
      fullName,
      email,
      phone,
      userId: overrides.userId ?? null,
      customerType: overrides.customerType ?? 'B2C',
      companyId: overrides.companyId ?? null,
      searchText: searchable(fullName, email, phone),
      ...(overrides.createdAt ? { createdAt: overrides.createdAt } : {}),
    })
    .returning(['id', 'email', 'fullName', 'userId'])
    .executeTakeFirstOrThrow();
}

/** A customer account: a user with role customer and its linked customer record. */
export async function createCustomerAccount(
  db: Db,
  overrides: { email?: string; name?: string; username?: string | null } = {},
) {
  const user = await createUser(db, { ...overrides, role: 'customer' });
  const customer = await createCustomer(db, {
    email: user.email,
    fullName: overrides.name ?? 'Cliente con Cuenta',
    userId: user.id,
  });
  return { user, customer, login: overrides.username ?? user.email, password: TEST_PASSWORD };
}

export async function createInterest(db: Db, name = unique('Interés ')) {
  return db
    .insertInto('interests')
    .values({ name, nameKey: searchable(name) })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export async function createWorkshop(
  db: Db,
  overrides: {
    name?: string;
    startsAt?: string;
    priceClp?: number;
    totalSeats?: number;
    seatsTaken?: number;
    isActive?: boolean;
    categoryId?: number | null;
    modality?: Modality;
    cancellationCutoffHours?: number;
    unpaidExpiryHours?: number | null;
    durationMinutes?: number;
    location?: string | null;
    imagePath?: string | null;
    whatIncluded?: string | null;
    whatToBring?: string | null;
    facilitatorName?: string | null;
  } = {},
) {
  return db
    .insertInto('workshops')
    .values({
      name: overrides.name ?? unique('Taller '),
      description: 'Un taller de prueba.',
      startsAt: overrides.startsAt ?? '2026-06-13T14:30:00.000Z',
      durationMinutes: overrides.durationMinutes ?? 120,
      modality: overrides.modality ?? 'PRESENCIAL',
      location: overrides.location === undefined ? 'Cerro Alegre, Valparaíso' : overrides.location,
      imagePath: overrides.imagePath ?? null,
      whatIncluded: overrides.whatIncluded ?? null,
      whatToBring: overrides.whatToBring ?? null,
      facilitatorName: overrides.facilitatorName ?? null,
      priceClp: overrides.priceClp ?? 45000,
      totalSeats: overrides.totalSeats ?? 10,
      seatsTaken: overrides.seatsTaken ?? 0,
      isActive: overrides.isActive ?? true,
      categoryId: overrides.categoryId ?? null,
      cancellationCutoffHours: overrides.cancellationCutoffHours ?? 48,
      unpaidExpiryHours: overrides.unpaidExpiryHours ?? null,
    })
    .returning(['id', 'name', 'priceClp', 'totalSeats', 'startsAt'])
    .executeTakeFirstOrThrow();
}

export async function createProduct(
  db: Db,
  overrides: {
    name?: string;
    priceClp?: number;
    stock?: number;
    isAvailable?: boolean;
    categoryId?: number | null;
    lowStockThreshold?: number;
  } = {},
) {
  return db
    .insertInto('products')
    .values({
      name: overrides.name ?? unique('Kit '),
      description: 'Un kit de prueba.',
      priceClp: overrides.priceClp ?? 15000,
      stock: overrides.stock ?? 10,
      isAvailable: overrides.isAvailable ?? true,
      categoryId: overrides.categoryId ?? null,
      lowStockThreshold: overrides.lowStockThreshold ?? 5,
    })
    .returning(['id', 'name', 'priceClp', 'stock'])
    .executeTakeFirstOrThrow();
}

/**
 * An online payment attempt as the provider left it (for pages and lists that show attempts); flows
 * that pay go through test/support/online-payments.ts instead.
 */
export async function createPaymentAttempt(
  db: Db,
  overrides: {
    enrollmentId: number;
    provider?: 'webpay' | 'mercadopago';
    amountClp?: number;
    state?: 'created' | 'redirected' | 'authorized' | 'rejected' | 'aborted' | 'expired' | 'refunded';
  },
) {
  const now = new Date().toISOString();
  return db
    .insertInto('paymentAttempts')
    .values({
      provider: overrides.provider ?? 'webpay',
      purpose: 'enrollment',
      enrollmentId: overrides.enrollmentId,
      saleId: null,
      amountClp: overrides.amountClp ?? 45000,
      buyOrder: `I${overrides.enrollmentId}-${Math.random().toString(16).slice(2, 12).toUpperCase().padEnd(10, '0')}`,
      token: unique('tok'),
      state: overrides.state ?? 'rejected',
      providerStatus: 'FAILED',
      createdAt: now,
      updatedAt: now,
    })
    .returning(['id', 'buyOrder'])
    .executeTakeFirstOrThrow();
}

export async function createCompany(db: Db, overrides: { legalName?: string; rut?: string | null } = {}) {
  const legalName = overrides.legalName ?? unique('Empresa ');
  return db
    .insertInto('companies')
    .values({ legalName, nameKey: searchable(legalName), rut: overrides.rut ?? null })
    .returning(['id', 'legalName', 'rut'])
    .executeTakeFirstOrThrow();
}

/** A delivery address as a customer would type it (Valparaíso, the region of the studio). */
export const TEST_ADDRESS = {
  deliveryRecipient: 'Camila Rojas',
  deliveryPhone: '+56912345678',
  deliveryStreet: 'Av. Alemania 1234, depto 5',
  deliveryComuna: 'Valparaíso',
  deliveryRegion: 'Valparaíso',
  deliveryNotes: 'Dejar en conserjería',
};

/**
 * A kit order as checkout and payment leave it: one line of a new kit, the shipping in its total,
 * the delivery address for a delivery, and for a paid one its payment row (so `tmm check` agrees).
 */
export async function createSale(
  db: Db,
  overrides: {
    customerId?: number;
    status?: SaleStatus;
    method?: FulfilmentMethod;
    fulfilmentStatus?: FulfilmentStatus;
    priceClp?: number;
    shippingClp?: number;
  } = {},
) {
  const customerId = overrides.customerId ?? (await createCustomer(db)).id;
  const product = await createProduct(db, { priceClp: overrides.priceClp ?? 15000 });
  const method = overrides.method ?? 'pickup';
  const shippingClp = method === 'delivery' ? (overrides.shippingClp ?? 3500) : 0;
  const status = overrides.status ?? 'PAGADO';
  const totalClp = product.priceClp + shippingClp;
  const now = new Date().toISOString();
  const step = overrides.fulfilmentStatus ?? 'POR_PREPARAR';
  const reached = (s: FulfilmentStatus) => {
    const steps: FulfilmentStatus[] =
      method === 'pickup'
        ? ['POR_PREPARAR', 'PREPARADO', 'LISTO_PARA_RETIRO', 'ENTREGADO']
        : ['POR_PREPARAR', 'PREPARADO', 'DESPACHADO', 'ENTREGADO'];
    return steps.indexOf(step) >= steps.indexOf(s) && steps.includes(s) ? now : null;
  };
  const sale = await db
    .insertInto('sales')
    .values({
      customerId,
      totalClp,
      status,
      paidAt: status === 'PAGADO' ? now : null,
      expiresAt: status === 'PENDIENTE' ? '2099-01-01T00:00:00.000Z' : null,
      cancelledAt: status === 'ANULADO' ? now : null,
      fulfilmentMethod: method,
      fulfilmentStatus: step,
      shippingClp,
      preparedAt: reached('PREPARADO'),
      readyAt: reached('LISTO_PARA_RETIRO'),
      shippedAt: reached('DESPACHADO'),
      deliveredAt: reached('ENTREGADO'),
      ...(method === 'delivery' ? TEST_ADDRESS : {}),
    })
    .returning(['id', 'totalClp'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('saleLines')
    .values({ saleId: sale.id, productId: product.id, quantity: 1, unitPriceClp: product.priceClp })
    .execute();
  if (status === 'PAGADO')
    await db
      .insertInto('payments')
      .values({
        saleId: sale.id,
        amountClp: totalClp,
        method: 'efectivo',
        reference: unique('REF'),
        paidAt: now,
      })
      .execute();
  return { ...sale, customerId, product };
}

/** Sets what a delivery to a region costs (the 1600 migration leaves every region unavailable). */
export async function setShippingRate(
  db: Db,
  regionCode: string,
  rate: { priceClp: number; isAvailable: boolean },
) {
  await db.updateTable('shippingRates').set(rate).where('regionCode', '=', regionCode).execute();
}

/**
 * A class pack product for sale (a product of kind 'pack' and its terms) as staff would define it;
 * empty categoryIds and workshopIds cover every workshop.
 */
export async function createPackProduct(
  db: Db,
  overrides: {
    name?: string;
    priceClp?: number;
    credits?: number;
    validityDays?: number;
    isOnlineIncluded?: boolean;
    stock?: number;
    categoryIds?: number[];
    workshopIds?: number[];
  } = {},
) {
  const product = await db
    .insertInto('products')
    .values({
      name: overrides.name ?? unique('Bono '),
      description: 'Un bono de prueba.',
      priceClp: overrides.priceClp ?? 100000,
      stock: overrides.stock ?? 1000,
      isAvailable: true,
      lowStockThreshold: 0,
      kind: 'pack',
    })
    .returning(['id', 'name', 'priceClp'])
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const terms = await db
    .insertInto('packProducts')
    .values({
      productId: product.id,
      credits: overrides.credits ?? 5,
      validityDays: overrides.validityDays ?? 90,
      isOnlineIncluded: overrides.isOnlineIncluded ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const categoryId of overrides.categoryIds ?? [])
    await db.insertInto('packProductCategories').values({ packProductId: terms.id, categoryId }).execute();
  for (const workshopId of overrides.workshopIds ?? [])
    await db.insertInto('packProductWorkshops').values({ packProductId: terms.id, workshopId }).execute();
  return { ...product, packProductId: terms.id };
}

/**
 * A customer's pack as a paid order leaves it: a PAGADO sale of one pack line and the pack issued
 * (a purchase entry), through the packs module's own issuing.
 */
export async function createCustomerPack(
  db: Db,
  input: { customerId: number; productId?: number; credits?: number; validityDays?: number; now?: Date },
) {
  const productId =
    input.productId ??
    (await createPackProduct(db, { credits: input.credits ?? 1, validityDays: input.validityDays ?? 90 })).id;
  const product = await db
    .selectFrom('products')
    .select(['priceClp'])
    .where('id', '=', productId)
    .executeTakeFirstOrThrow();
  const now = input.now ?? new Date();
  const sale = await db
    .insertInto('sales')
    .values({
      customerId: input.customerId,
      totalClp: product.priceClp,
      status: 'PAGADO',
      paidAt: now.toISOString(),
      fulfilmentStatus: 'ENTREGADO',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('saleLines')
    .values({ saleId: sale.id, productId, quantity: 1, unitPriceClp: product.priceClp })
    .execute();
  await db
    .insertInto('payments')
    .values({
      saleId: sale.id,
      amountClp: product.priceClp,
      method: 'efectivo',
      reference: unique('REF'),
      paidAt: now.toISOString(),
    })
    .execute();
  await db.transaction().execute((trx) => issuePacksForSale(trx, sale.id, { now }));
  const pack = await db
    .selectFrom('packs')
    .select(['id', 'expiresAt'])
    .where('saleId', '=', sale.id)
    .executeTakeFirstOrThrow();
  return { ...pack, saleId: sale.id, productId };
}
