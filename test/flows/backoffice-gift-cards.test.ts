import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import {
  createCustomerAccount,
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

const CODE = /\b[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\b/;

/**
 * Gift cards in the back office: the list (code masked), its filters and export, a card's ledger
 * and the staff adjustment (audited), the customer 360 and the reports' three numbers.
 */
describe('gift cards in the back office', () => {
  let t: TestApp;
  let staff: TestClient;
  beforeAll(async () => {
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff', name: 'Marta Staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const db = () => t.database.db;

  async function customer(name = 'Cliente con Cuenta') {
    const account = await createCustomerAccount(db(), { name });
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { ...account, client };
  }

  /** A card bought and paid over HTTP; its id and code. */
  async function buyCard(client: TestClient, amount: string, recipient: string, pay = true) {
    const res = await client.post('/tarjetas-regalo/', {
      monto: amount,
      nombre: recipient,
      correo: `${unique('r')}@example.cl`,
    });
    const saleId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    if (pay) await client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    const card = await db()
      .selectFrom('giftCards')
      .select('id')
      .where('saleId', '=', saleId)
      .executeTakeFirstOrThrow();
    const mail = await db()
      .selectFrom('emailOutbox')
      .select('bodyText')
      .where('saleId', '=', saleId)
      .where('template', '=', 'gift_card_issued')
      .executeTakeFirst();
    return { id: card.id, code: mail ? CODE.exec(mail.bodyText)![0] : '' };
  }

  it('lists cards with the code masked, filters them, exports them, and reports sold, used and the liability', async () => {
    const tag = unique('Regalona');
    const buyer = await customer(`${tag} Compradora`);
    const spent = await buyCard(buyer.client, '30000', 'Ana Uno');
    const kept = await buyCard(buyer.client, '20000', 'Bea Dos');
    const pending = await buyCard(buyer.client, '10000', 'Caro Tres', false);
    const user = await customer();
    const workshop = await createWorkshop(db(), {
      priceClp: 12000,
      startsAt: new Date(t.clock.now().getTime() + 10 * 24 * 3600_000).toISOString(),
    });
    const enrolled = await user.client.post(`/talleres/${workshop.id}/`);
    const enrollmentId = Number(/^\/pago\/(\d+)\/$/.exec(String(enrolled.headers.location))?.[1]);
    await user.client.post(`/pago/${enrollmentId}/tarjeta-regalo/`, { codigo_tarjeta: spent.code });

    const page = await staff.get(`/gestion/tarjetas-regalo/?q=${encodeURIComponent(tag)}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/gestion/tarjetas-regalo/"');
    expect(page.body).toContain('Tarjetas de regalo</a>');
    for (const card of [spent, kept]) {
      expect(page.body).toContain(`href="/gestion/tarjetas-regalo/${card.id}/"`);
      expect(page.body).toContain(`••••-••••-${card.code.slice(-4)}`);
      expect(page.body).not.toContain(card.code);
    }
    expect(page.body).toContain('Ana Uno');
    expect(page.body).toContain('Pendiente de pago');
    // Sold: the two paid cards; used: $12.000; liability: $18.000 + $20.000.
    expect(page.body).toMatch(/Vendido en tarjetas<\/dt><dd>\$50\.000/);
    expect(page.body).toMatch(/Usado en compras<\/dt><dd>\$12\.000/);
    expect(page.body).toMatch(/Pasivo \(saldos vigentes\)<\/dt><dd>\$38\.000/);

    const vigentes = (
      await staff.get(`/gestion/tarjetas-regalo/?q=${encodeURIComponent(tag)}&estado=pendiente`)
    ).body;
    expect(vigentes).toContain(`href="/gestion/tarjetas-regalo/${pending.id}/"`);
    expect(vigentes).not.toContain(`href="/gestion/tarjetas-regalo/${kept.id}/"`);
    const byLast4 = (await staff.get(`/gestion/tarjetas-regalo/?q=${kept.code.slice(-4)}`)).body;
    expect(byLast4).toContain(`href="/gestion/tarjetas-regalo/${kept.id}/"`);

    const csv = parseCsvExport(
      (
        await staff.get(
          `/gestion/tarjetas-regalo/?q=${encodeURIComponent(tag)}&formato=csv&sort=monto&dir=desc`,
        )
      ).rawPayload,
    );
    const header = csv[0]!;
    expect(csv).toHaveLength(4);
    const first = csv[1]!;
    expect(first[header.indexOf('Para')]).toBe('Ana Uno');
    expect(first[header.indexOf('Monto (CLP)')]).toBe('30000');
    expect(first[header.indexOf('Saldo (CLP)')]).toBe('18000');
    expect(first[header.indexOf('Código')]).toBe(`••••-••••-${spent.code.slice(-4)}`);
    expect(first[header.indexOf('Estado')]).toBe('Vigente');
    expect(csv.flat().join(' ')).not.toContain(spent.code);

    const reports = (await staff.get('/gestion/reportes/')).body;
    expect(reports).toContain('data-test="gift-card-report"');
    expect(reports).toContain('data-test="gift-cards-sold">$50.000');
    expect(reports).toContain('data-test="gift-cards-redeemed">$12.000');
    expect(reports).toContain('data-test="gift-cards-liability">$38.000');

    const buyer360 = (await staff.get(`/gestion/clientes/${buyer.customer.id}/`)).body;
    expect(buyer360).toContain(`data-test="customer-gift-card-${spent.id}"`);
    expect(buyer360).toContain('para Ana Uno: $18.000 de $30.000');
    const user360 = (await staff.get(`/gestion/clientes/${user.customer.id}/`)).body;
    expect(user360).toContain('Usadas en sus compras (1)');
    expect(user360).toContain(`Pago $12.000 · <a href="/gestion/tarjetas-regalo/${spent.id}/">`);
  });

  it('shows a card’s ledger and adjusts its balance with a reason, audited, never below zero', async () => {
    const buyer = await customer();
    const card = await buyCard(buyer.client, '15000', 'Dani Cuatro');
    const detail = (await staff.get(`/gestion/tarjetas-regalo/${card.id}/`)).body;
    expect(detail).toContain('data-test="entry-issue"');
    expect(detail).toContain('data-test="gift-card-balance">$15.000');

    const invalid = await staff.post(`/gestion/tarjetas-regalo/${card.id}/ajuste/`, {
      monto: 'mucho',
      motivo: '',
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain(
      'Escribe los pesos a sumar (5.000) o a quitar (-5.000), distintos de cero.',
    );
    expect(invalid.body).toContain('Escribe el motivo del ajuste.');

    const tooMuch = await staff.post(`/gestion/tarjetas-regalo/${card.id}/ajuste/`, {
      monto: '-20.000',
      motivo: 'Error de carga',
    });
    expect(flashes((await staff.follow(tooMuch)).body)).toContain(
      'La tarjeta tiene $15.000: no puedes quitar $20.000.',
    );

    const res = await staff.post(`/gestion/tarjetas-regalo/${card.id}/ajuste/`, {
      monto: '5.000',
      motivo: 'Compensación por taller suspendido',
    });
    expect(res.statusCode).toBe(303);
    const after = await staff.follow(res);
    expect(flashes(after.body)).toContain('Ajuste registrado: la tarjeta queda con $20.000.');
    expect(after.body).toContain('data-test="entry-adjustment"');
    expect(after.body).toContain('Compensación por taller suspendido · Marta Staff');
    const audit = await db()
      .selectFrom('auditLog')
      .select(['action', 'afterJson'])
      .where('entityType', '=', 'gift_card')
      .where('entityId', '=', card.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('update');
    expect(audit.afterJson).toContain('Compensación por taller suspendido');
    expect((await staff.get('/gestion/tarjetas-regalo/999999/')).statusCode).toBe(404);
  });
});
