import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { enrollCustomer } from '../../src/domain/enrollments';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import {
  createCompany,
  createCustomer,
  createCustomerPack,
  createInterest,
  createPackProduct,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
  unique,
} from '../support/factories';

function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) =>
    m[1]!.replaceAll('&quot;', '"'),
  );
}

/** Staff define packs, see what was sold and what is owed in credits, adjust, and assign company seats. */
describe('class packs in the back office', () => {
  let t: TestApp;
  let staff: TestClient;
  let staffId: number;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff', name: 'Marta Staff' });
    staffId = user.id;
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: 'https://tmm.example.cl' });
  const inTenDays = () => new Date(t.clock.now().getTime() + 10 * 24 * 3600_000).toISOString();

  it('creates a pack product that the shop sells, with its coverage', async () => {
    const ceramics = await createInterest(db());
    const name = unique('Bono cerámica ');
    const res = await staff.post('/gestion/bonos/productos/nuevo/', {
      nombre: name,
      descripcion: 'Cinco clases de cerámica.',
      precio: '90.000',
      creditos: '5',
      dias: '90',
      stock: '100',
      disponible: '1',
      categorias: String(ceramics.id),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/gestion/bonos/productos/');
    const product = await db()
      .selectFrom('products')
      .innerJoin('packProducts', 'packProducts.productId', 'products.id')
      .select([
        'products.id',
        'products.kind',
        'products.priceClp',
        'packProducts.credits',
        'packProducts.isOnlineIncluded',
      ])
      .where('products.name', '=', name)
      .executeTakeFirstOrThrow();
    expect(product).toMatchObject({ kind: 'pack', priceClp: 90000, credits: 5, isOnlineIncluded: false });
    expect((await staff.get('/gestion/bonos/productos/')).body).toContain(name);
    const page = (await new TestClient(t.app).get(`/productos/${product.id}/`)).body;
    expect(page).toContain(`Sirve para: ${ceramics.name}, solo presenciales.`);
  });

  it('shows a pack product form again with its errors', async () => {
    const res = await staff.post('/gestion/bonos/productos/nuevo/', {
      nombre: '',
      precio: 'mucho',
      creditos: '0',
      dias: '',
      stock: '1',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Escribe el nombre del bono.');
    expect(res.body).toContain('Escribe cuántos créditos trae');
    const unknown = await staff.post('/gestion/bonos/productos/nuevo/', {
      nombre: unique('Bono '),
      precio: '10000',
      creditos: '2',
      dias: '30',
      stock: '5',
      categorias: ['999999', '999998'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('Elige categorías de la lista.');
  });

  it('lists packs sold with revenue when sold, credits redeemed and the liability of unused credits, and exports them', async () => {
    const tag = unique('Titular ');
    const customer = await createCustomer(db(), { fullName: tag });
    const product = await createPackProduct(db(), { priceClp: 100000, credits: 4 });
    const pack = await createCustomerPack(db(), {
      customerId: customer.id,
      productId: product.id,
      now: t.clock.now(),
    });
    const workshop = await createWorkshop(db(), { startsAt: inTenDays() });
    await inTransaction(t.database, (trx) =>
      enrollCustomer(
        trx,
        { workshopId: workshop.id, customerId: customer.id, payWith: 'pack_credit' },
        ctx(),
      ),
    );

    const page = (await staff.get(`/gestion/bonos/?q=${encodeURIComponent(tag)}`)).body;
    expect(page).toContain(`href="/gestion/bonos/${pack.id}/"`);
    // Sold for $100.000; one credit of four used; three left worth $25.000 each.
    expect(page).toContain('$100.000');
    expect(page).toContain('$75.000');
    expect(page).toContain('1 crédito canjeado');
    const csv = parseCsvExport(
      (await staff.get(`/gestion/bonos/?q=${encodeURIComponent(tag)}&formato=csv`)).rawPayload,
    );
    const header = csv[0]!;
    const row = csv[1]!;
    expect(row[header.indexOf('Bono N°')]).toBe(String(pack.id));
    expect(row[header.indexOf('Titular')]).toBe(tag);
    expect(row[header.indexOf('Usados')]).toBe('1');
    expect(row[header.indexOf('Saldo')]).toBe('3');
    expect(row[header.indexOf('Valor (CLP)')]).toBe('100000');

    const c360 = (await staff.get(`/gestion/clientes/${customer.id}/`)).body;
    expect(c360).toContain(`data-test="customer-pack-${pack.id}"`);
  });

  it('adjusts credits by hand with a reason, audited, and refuses to go below zero', async () => {
    const customer = await createCustomer(db());
    const pack = await createCustomerPack(db(), { customerId: customer.id, credits: 1, now: t.clock.now() });
    const res = await staff.post(`/gestion/bonos/${pack.id}/ajuste/`, {
      creditos: '2',
      motivo: 'Clase suspendida por lluvia',
    });
    expect(res.statusCode).toBe(303);
    const detail = await staff.follow(res);
    expect(flashes(detail.body)).toContain('Ajuste registrado: el bono queda con 3 créditos.');
    expect(detail.body).toContain('Clase suspendida por lluvia · Marta Staff');
    const audit = await db()
      .selectFrom('auditLog')
      .select('actorUserId')
      .where('entityType', '=', 'pack')
      .where('entityId', '=', pack.id)
      .execute();
    expect(audit).toEqual([{ actorUserId: staffId }]);
    const refused = await staff.post(`/gestion/bonos/${pack.id}/ajuste/`, {
      creditos: '-9',
      motivo: 'Error',
    });
    expect(flashes((await staff.follow(refused)).body).join(' ')).toContain('no puedes quitar 9');
    const missing = await staff.post(`/gestion/bonos/${pack.id}/ajuste/`, { creditos: '1', motivo: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Escribe el motivo del ajuste.');
  });

  it('assigns a company seats with a contact and reports its usage', async () => {
    const company = await createCompany(db(), { legalName: unique('Empresa Convenio ') });
    const contact = await createCustomer(db(), { companyId: company.id, customerType: 'B2B' });
    const outsider = await createCustomer(db());
    const refused = await staff.post('/gestion/bonos/convenios/nuevo/', {
      empresa: String(company.id),
      cupos: '5',
      dias: '365',
      precio: '250.000',
      contacto: String(outsider.id),
    });
    expect(flashes((await staff.follow(refused)).body).join(' ')).toContain(
      'El contacto debe ser una persona de esa empresa.',
    );
    const res = await staff.post('/gestion/bonos/convenios/nuevo/', {
      empresa: String(company.id),
      cupos: '5',
      dias: '365',
      precio: '250.000',
      contacto: String(contact.id),
    });
    expect(res.statusCode).toBe(303);
    const bundleId = Number(/\/gestion\/bonos\/(\d+)\//.exec(String(res.headers.location))?.[1]);
    const workshop = await createWorkshop(db(), { startsAt: inTenDays() });
    await inTransaction(t.database, (trx) =>
      enrollCustomer(
        trx,
        { workshopId: workshop.id, customerId: contact.id, payWith: 'company_seat' },
        ctx(),
      ),
    );
    const csv = parseCsvExport(
      (await staff.get(`/gestion/bonos/?tipo=empresa&formato=csv&ids=${bundleId}`)).rawPayload,
    );
    const header = csv[0]!;
    expect(csv).toHaveLength(2);
    expect(csv[1]![header.indexOf('Titular')]).toBe(company.legalName);
    expect(csv[1]![header.indexOf('Tipo')]).toBe('Empresa');
    expect(csv[1]![header.indexOf('Usados')]).toBe('1');
    expect(csv[1]![header.indexOf('Saldo')]).toBe('4');
    const detail = (await staff.get(`/gestion/bonos/${bundleId}/`)).body;
    expect(detail).toContain(contact.fullName);
    expect(detail).toContain('4 de 5');
  });
});
