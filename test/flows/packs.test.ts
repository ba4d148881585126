import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { assignCompanyBundle } from '../../src/domain/packs';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCompany,
  createCustomerAccount,
  createPackProduct,
  createUser,
  createWorkshop,
} from '../support/factories';

function flashes(html: string): string[] {
  return [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) =>
    m[1]!.replaceAll('&quot;', '"'),
  );
}

/** A customer buys a pack in the shop, pays it, sees it under "Mis bonos" and spends it on a workshop. */
describe('class packs over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;
  const inTenDays = () => new Date(t.clock.now().getTime() + 10 * 24 * 3600_000).toISOString();

  async function customer() {
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { ...account, client };
  }

  async function buyPack(client: TestClient, productId: number) {
    await client.post(`/carrito/add/${productId}/`, { cantidad: '1' });
    const checkout = await client.post('/carrito/checkout/');
    const saleId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(checkout.headers.location))?.[1]);
    const paid = await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    expect(paid.statusCode).toBe(303);
    return saleId;
  }

  it('shows a pack’s terms in the shop, issues it when its order is paid, and lists it under Mis bonos', async () => {
    const product = await createPackProduct(db(), { name: 'Bono 5 clases', credits: 5, validityDays: 60 });
    const s = await customer();
    const page = (await s.client.get(`/productos/${product.id}/`)).body;
    expect(page).toContain('data-test="pack-terms"');
    expect(page).toContain('5 créditos');
    expect(page).toContain('Vence 60 días después de la compra');
    const saleId = await buyPack(s.client, product.id);
    const sale = await db()
      .selectFrom('sales')
      .select(['status', 'fulfilmentStatus'])
      .where('id', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(sale).toEqual({ status: 'PAGADO', fulfilmentStatus: 'ENTREGADO' });
    const receipt = await db()
      .selectFrom('emailOutbox')
      .select('bodyText')
      .where('saleId', '=', saleId)
      .where('template', '=', 'order_receipt')
      .executeTakeFirstOrThrow();
    expect(receipt.bodyText).toContain('Bono 5 clases');
    expect(receipt.bodyText).not.toContain('Retiro en el taller');
    const packs = (await s.client.get('/cuenta/bonos/')).body;
    expect(packs).toContain('Bono 5 clases');
    expect(packs).toMatch(/data-test="pack-balance">5 créditos/);
    expect(packs).toContain('data-test="entry-purchase"');
    expect((await s.client.get('/cuenta/perfil/')).body).toContain('href="/cuenta/bonos/"');
  });

  it('enrolls with one credit and gives it back when the customer cancels before the cut-off', async () => {
    const product = await createPackProduct(db(), { name: 'Bono 2 clases', credits: 2 });
    const workshop = await createWorkshop(db(), { name: 'Cerámica con bono', startsAt: inTenDays() });
    const s = await customer();
    await buyPack(s.client, product.id);

    const detail = (await s.client.get(`/talleres/${workshop.id}/`)).body;
    expect(detail).toContain('data-test="enroll-with-credit"');
    expect(detail).toContain('Tienes 2 créditos para este taller');

    const res = await s.client.post(`/talleres/${workshop.id}/`, { pago: 'bono' });
    expect(res.statusCode).toBe(303);
    const enrollmentId = Number(/^\/pago\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    expect(flashes((await s.client.follow(res)).body)).toContain(
      '¡Inscripción confirmada en Cerámica con bono! Usaste 1 crédito de tu bono: no tienes nada que pagar.',
    );
    expect((await s.client.get('/cuenta/bonos/')).body).toMatch(/data-test="pack-balance">1 crédito</);

    const cancel = await s.client.post(`/cuenta/inscripciones/${enrollmentId}/anular/`);
    expect(cancel.statusCode).toBe(303);
    expect(flashes((await s.client.follow(cancel)).body).join(' ')).toContain('Te devolvimos el crédito');
    const after = (await s.client.get('/cuenta/bonos/')).body;
    expect(after).toMatch(/data-test="pack-balance">2 créditos/);
    expect(after).toContain('Crédito devuelto: Cerámica con bono');
  });

  it('refuses to enroll with a credit the customer does not have, and takes no seat', async () => {
    const workshop = await createWorkshop(db(), { startsAt: inTenDays() });
    const s = await customer();
    expect((await s.client.get(`/talleres/${workshop.id}/`)).body).not.toContain('enroll-with-credit');
    const res = await s.client.post(`/talleres/${workshop.id}/`, { pago: 'bono' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/talleres/${workshop.id}/`);
    expect(flashes((await s.client.follow(res)).body).join(' ')).toContain('No tienes un bono vigente');
    const row = await db()
      .selectFrom('workshops')
      .select('seatsTaken')
      .where('id', '=', workshop.id)
      .executeTakeFirstOrThrow();
    expect(row.seatsTaken).toBe(0);
  });

  it('shows a company contact the seats left and who used them', async () => {
    const company = await createCompany(db(), { legalName: 'Viña Las Rocas SpA', rut: '76.086.428-5' });
    const contact = await customer();
    const employee = await customer();
    await db()
      .updateTable('customers')
      .set({ companyId: company.id, customerType: 'B2B' })
      .where('id', 'in', [contact.customer.id, employee.customer.id])
      .execute();
    const staff = await createUser(db(), { role: 'staff' });
    await inTransaction(t.database, (trx) =>
      assignCompanyBundle(
        trx,
        {
          companyId: company.id,
          companyName: company.legalName,
          seats: 3,
          validityDays: 180,
          priceClp: 150000,
          contactCustomerId: contact.customer.id,
          contactCompanyId: company.id,
          note: null,
        },
        {
          now: t.clock.now(),
          actor: { userId: staff.id, role: 'staff' },
          publicUrl: 'https://tmm.example.cl',
        },
      ),
    );
    const workshop = await createWorkshop(db(), { name: 'Yoga de empresa', startsAt: inTenDays() });
    expect((await employee.client.get(`/talleres/${workshop.id}/`)).body).toContain(
      'enroll-with-company-seat',
    );
    const res = await employee.client.post(`/talleres/${workshop.id}/`, { pago: 'empresa' });
    expect(flashes((await employee.client.follow(res)).body).join(' ')).toContain(
      'Usaste un cupo de tu empresa',
    );

    const page = (await contact.client.get('/cuenta/empresa/')).body;
    expect(page).toMatch(/data-test="bundle-balance">2 cupos disponibles/);
    expect(page).toContain('Yoga de empresa');
    expect(page).toContain(employee.customer.fullName);
    // The employee is not the contact: their page shows no bundle.
    expect((await employee.client.get('/cuenta/empresa/')).body).toContain('No eres el contacto');
  });
});
