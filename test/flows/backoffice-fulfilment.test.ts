import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueEmails } from '../../src/domain/email/outbox.worker';
import { smtpTransport } from '../../src/domain/email/transport';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { parseCsvExport } from '../support/csv';
import { memoryLog } from '../support/email/fixtures';
import { type SmtpTestServer, startSmtpTestServer } from '../support/email/smtp-server';
import { createCustomer, createCustomerAccount, createSale, createUser, unique } from '../support/factories';

/** Staff take kit orders to their customers (issue 14, part 4): the list, the steps, the rates. */

const flashes = (html: string) =>
  [...html.matchAll(/<div class="flash flash-(\w+)"[^>]*>([^<]*)/g)].map(
    (m) => `${m[1]}: ${m[2]!.replaceAll('&quot;', '"').replaceAll('&#39;', "'")}`,
  );

describe('kit orders on their way, in the back office', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let staff: TestClient;
  let other: TestClient;
  beforeAll(async () => {
    t = await buildTestApp({
      env: {
        CENTRE_ADDRESS: 'Templeman 520, Cerro Concepción, Valparaíso',
        CENTRE_PICKUP_HOURS: 'Lunes a viernes, de 10:00 a 18:00 hrs',
        PUBLIC_URL: 'https://tmm.example.cl',
      },
    });
    smtp = await startSmtpTestServer();
    const [a, b] = [await createUser(db(), { role: 'staff' }), await createUser(db(), { role: 'admin' })];
    staff = new TestClient(t.app);
    await staff.login(a.email, a.password);
    other = new TestClient(t.app);
    await other.login(b.email, b.password);
  });
  afterAll(async () => {
    await smtp.stop();
    await t.close();
  });

  const db = () => t.database.db;
  const statusOf = async (id: number) =>
    (await db().selectFrom('sales').select('fulfilmentStatus').where('id', '=', id).executeTakeFirstOrThrow())
      .fulfilmentStatus;
  const step = (client: TestClient, id: number, desde: string, hacia: string, extra = {}) =>
    client.post(`/gestion/ventas/${id}/entrega/`, { desde, hacia, ...extra });
  const deliver = () =>
    sendDueEmails(
      { database: t.database, config: t.config, now: t.clock.now, log: memoryLog() },
      smtpTransport(smtp.url),
      { workerId: 'fulfilment', batchSize: 100 },
    );
  const mailTo = (address: string) =>
    smtp.received.filter((r) => r.envelopeTo[0] === address).map((r) => r.mail);

  it('lists how each order is handed over and filters what is still to ship', async () => {
    const tag = unique('Entrega');
    const customer = await createCustomer(db(), { fullName: `${tag} Pérez` });
    const toShip = await createSale(db(), { customerId: customer.id, method: 'delivery' });
    const prepared = await createSale(db(), {
      customerId: customer.id,
      method: 'delivery',
      fulfilmentStatus: 'PREPARADO',
    });
    const shipped = await createSale(db(), {
      customerId: customer.id,
      method: 'delivery',
      fulfilmentStatus: 'DESPACHADO',
    });
    const pickup = await createSale(db(), { customerId: customer.id, method: 'pickup' });
    const unpaid = await createSale(db(), {
      customerId: customer.id,
      method: 'delivery',
      status: 'PENDIENTE',
    });

    const list = await staff.get(`/gestion/ventas/?q=${tag}`);
    expect(list.body).toContain(`data-test="sale-fulfilment-${toShip.id}">Por preparar`);
    expect(list.body).toContain(`data-test="sale-fulfilment-${shipped.id}">Despachado`);
    expect(list.body).toContain(`data-test="sale-fulfilment-${unpaid.id}">Esperando pago`);
    expect(list.body).toContain('Despacho · Valparaíso');

    const ids = async (query: string) =>
      [...(await staff.get(`/gestion/ventas/?q=${tag}&${query}`)).body.matchAll(/data-row-id="(\d+)"/g)]
        .map((m) => Number(m[1]))
        .sort((a, b) => a - b);
    expect(await ids('entrega=por_despachar')).toEqual([toShip.id, prepared.id]);
    expect(await ids('entrega=por_preparar')).toEqual([toShip.id, pickup.id]);
    expect(await ids('entrega=sin_entregar')).toEqual([toShip.id, prepared.id, shipped.id, pickup.id]);
    expect(await ids('entrega=nada')).toHaveLength(5);

    const csv = parseCsvExport(
      (await staff.get(`/gestion/ventas/?q=${tag}&entrega=despachado&formato=csv`)).body,
    );
    const header = csv[0]!;
    const row = csv[1]!;
    expect(row[header.indexOf('Forma de entrega')]).toBe('Despacho a domicilio');
    expect(row[header.indexOf('Estado de entrega')]).toBe('Despachado');
    expect(row[header.indexOf('Región')]).toBe('Valparaíso');
    expect(row[header.indexOf('Despacho (CLP)')]).toBe('3500');
  });

  it('takes a delivery from por preparar to entregado, one button at a time, e-mailing each step', async () => {
    smtp.received.length = 0;
    const account = await createCustomerAccount(db(), { name: 'Camila Rojas' });
    const sale = await createSale(db(), { customerId: account.customer.id, method: 'delivery' });
    const page = await staff.get(`/gestion/ventas/${sale.id}/`);
    expect(page.body).toContain(
      'data-test="delivery-address">Av. Alemania 1234, depto 5, Valparaíso, Valparaíso',
    );
    expect(page.body).toContain('Dejar en conserjería');
    expect(page.body).toContain('Despacho (Valparaíso)');
    expect(page.body).toContain('data-test="fulfilment-next">Marcar como preparado');

    let res = await step(staff, sale.id, 'POR_PREPARAR', 'PREPARADO');
    expect(res.headers.location).toBe(`/gestion/ventas/${sale.id}/`);
    let after = await staff.follow(res);
    expect(flashes(after.body)).toContain(
      `success: Pedido N° ${sale.id} preparado. Le avisamos al cliente por correo.`,
    );
    expect(after.body).toContain('data-test="fulfilment-next">Marcar como despachado');
    expect(after.body).toContain('name="seguimiento"');

    res = await step(staff, sale.id, 'PREPARADO', 'DESPACHADO', {
      empresa: 'Starken',
      seguimiento: 'STK-998877',
    });
    after = await staff.follow(res);
    expect(after.body).toContain('STK-998877');
    expect(after.body).toContain('data-test="fulfilment-next">Marcar como entregado');
    // The change history says it in words.
    expect(after.body).toContain(
      '<dt>Estado de entrega</dt><dd><del>Preparado</del> → <ins>Despachado</ins>',
    );

    await step(staff, sale.id, 'DESPACHADO', 'ENTREGADO');
    after = await staff.get(`/gestion/ventas/${sale.id}/`);
    expect(after.body).toContain('data-test="fulfilment-status">Entregado');
    expect(after.body).not.toContain('data-test="fulfilment-next"');

    expect(await deliver()).toMatchObject({ sent: 3, failed: 0 });
    const mails = mailTo(account.user.email);
    expect(mails.map((m) => m.subject)).toEqual([
      `Tu pedido #${sale.id} está preparado`,
      `Tu pedido #${sale.id} va en camino`,
      `Tu pedido #${sale.id} fue entregado`,
    ]);
    expect(mails[0]!.text).toContain('Te escribiremos cuando lo despachemos.');
    expect(mails[1]!.text).toContain('Empresa de despacho: Starken');
    expect(mails[1]!.text).toContain('N° de seguimiento: STK-998877');
    expect(mails[1]!.html).toContain('Av. Alemania 1234, depto 5, Valparaíso, Valparaíso');
    expect(mails[2]!.text).toContain('https://tmm.example.cl/productos/');

    // The customer's account follows.
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    const profile = await customer.get('/cuenta/perfil/');
    expect(profile.body.split(`data-test="sale-${sale.id}"`)[1]).toContain('Entregado');
  });

  it('tells the customer where and when to pick up an order that is ready', async () => {
    smtp.received.length = 0;
    const account = await createCustomerAccount(db());
    const sale = await createSale(db(), {
      customerId: account.customer.id,
      method: 'pickup',
      fulfilmentStatus: 'PREPARADO',
    });
    const page = await staff.get(`/gestion/ventas/${sale.id}/`);
    expect(page.body).toContain(
      'Templeman 520, Cerro Concepción, Valparaíso (Lunes a viernes, de 10:00 a 18:00 hrs)',
    );
    const res = await step(staff, sale.id, 'PREPARADO', 'LISTO_PARA_RETIRO');
    expect(flashes((await staff.follow(res)).body)).toContain(
      `success: Pedido N° ${sale.id} listo para retiro. Le enviamos al cliente la dirección y el horario del taller.`,
    );
    await deliver();
    const [mail] = mailTo(account.user.email);
    expect(mail?.subject).toBe(`Tu pedido #${sale.id} está listo para retiro`);
    expect(mail?.text).toContain('Dirección: Templeman 520, Cerro Concepción, Valparaíso');
    expect(mail?.text).toContain('Horario de retiro: Lunes a viernes, de 10:00 a 18:00 hrs');
  });

  it('refuses a step that skips ahead, the other method’s step and an unpaid order, changing nothing', async () => {
    const pickup = await createSale(db(), { method: 'pickup' });
    let res = await step(staff, pickup.id, 'POR_PREPARAR', 'ENTREGADO');
    expect(res.headers.location).toBe(`/gestion/ventas/${pickup.id}/`);
    expect(flashes((await staff.follow(res)).body)).toContain(
      'error: Un pedido con retiro no pasa de «Por preparar» a «Entregado».',
    );
    await step(staff, pickup.id, 'POR_PREPARAR', 'PREPARADO');
    res = await step(staff, pickup.id, 'PREPARADO', 'DESPACHADO', { empresa: 'Starken' });
    expect(flashes((await staff.follow(res)).body)).toContain(
      'error: Un pedido con retiro no pasa de «Preparado» a «Despachado».',
    );
    expect(await statusOf(pickup.id)).toBe('PREPARADO');

    const unpaid = await createSale(db(), { status: 'PENDIENTE' });
    const page = await staff.get(`/gestion/ventas/${unpaid.id}/`);
    expect(page.body).toContain('Se prepara cuando el pedido esté pagado.');
    expect(page.body).not.toContain('data-test="fulfilment-next"');
    res = await step(staff, unpaid.id, 'POR_PREPARAR', 'PREPARADO');
    expect(flashes((await staff.follow(res)).body)[0]).toMatch(
      /^error: Este pedido no está pagado: solo los pedidos pagados se preparan/,
    );
    expect(await statusOf(unpaid.id)).toBe('POR_PREPARAR');

    // A made-up step is a message, not a 500.
    res = await step(staff, pickup.id, 'PREPARADO', 'PERDIDO');
    expect(res.statusCode).toBe(303);
    expect(flashes((await staff.follow(res)).body)).toContain(
      'error: Recarga la página: ese paso no existe.',
    );
    expect((await step(staff, 999999, 'POR_PREPARAR', 'PREPARADO')).statusCode).toBe(404);
  });

  it('tells the second of two people moving the same order that it already moved', async () => {
    const sale = await createSale(db(), { method: 'pickup' });
    await staff.get(`/gestion/ventas/${sale.id}/`);
    await other.get(`/gestion/ventas/${sale.id}/`);
    await step(staff, sale.id, 'POR_PREPARAR', 'PREPARADO');
    const late = await step(other, sale.id, 'POR_PREPARAR', 'PREPARADO');
    expect(flashes((await other.follow(late)).body)).toContain(
      'warning: Otra persona ya cambió este pedido a «Preparado»: revisa su estado antes de seguir.',
    );
  });

  it('lets exactly one of several simultaneous clicks move an order', async () => {
    const sale = await createSale(db(), { method: 'delivery', fulfilmentStatus: 'PREPARADO' });
    // Six people (each with a session of their own) press "Marcar como despachado" at once.
    const people = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const user = await createUser(db(), { role: 'staff' });
        const client = new TestClient(t.app);
        await client.login(user.email, user.password);
        return client;
      }),
    );
    const results = await Promise.all(
      people.map((client, i) => step(client, sale.id, 'PREPARADO', 'DESPACHADO', { seguimiento: `T-${i}` })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(303));
    const messages = (
      await Promise.all(results.map(async (r, i) => flashes((await people[i]!.follow(r)).body)))
    ).flat();
    expect(messages.filter((f) => f.startsWith(`success: Pedido N° ${sale.id} despachado`))).toHaveLength(1);
    expect(messages.filter((f) => f.startsWith('warning: Otra persona ya cambió este pedido'))).toHaveLength(
      5,
    );
    const audits = await db()
      .selectFrom('auditLog')
      .select('afterJson')
      .where('entityType', '=', 'sale')
      .where('entityId', '=', sale.id)
      .execute();
    expect(audits).toHaveLength(1);
    const winner = JSON.parse(audits[0]!.afterJson!) as { trackingCode: string };
    const saved = await db()
      .selectFrom('sales')
      .select('trackingCode')
      .where('id', '=', sale.id)
      .executeTakeFirstOrThrow();
    expect(saved.trackingCode).toBe(winner.trackingCode);
    const emails = await db().selectFrom('emailOutbox').select('id').where('saleId', '=', sale.id).execute();
    expect(emails).toHaveLength(1);
  });

  it('keeps customers out', async () => {
    const account = await createCustomerAccount(db());
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    const sale = await createSale(db(), { customerId: account.customer.id });
    expect((await step(customer, sale.id, 'POR_PREPARAR', 'PREPARADO')).statusCode).toBe(403);
    expect((await customer.get('/gestion/despachos/')).statusCode).toBe(403);
    expect(
      (await customer.post('/gestion/despachos/', { precio_VS: '0', despacho_VS: '1' })).statusCode,
    ).toBe(403);
    expect(await statusOf(sale.id)).toBe('POR_PREPARAR');
  });

  describe('shipping rates /gestion/despachos/', () => {
    const rateOf = (code: string) =>
      db()
        .selectFrom('shippingRates')
        .select(['priceClp', 'isAvailable'])
        .where('regionCode', '=', code)
        .executeTakeFirstOrThrow();

    it('lists the 16 regions north to south and saves prices and availability, audited', async () => {
      const page = await staff.get('/gestion/despachos/');
      expect(page.statusCode).toBe(200);
      const regions = [...page.body.matchAll(/data-test="rate-(\w+)"/g)].map((m) => m[1]);
      expect(regions).toHaveLength(16);
      expect(regions[0]).toBe('AP');
      expect(regions.at(-1)).toBe('MA');

      const res = await staff.post('/gestion/despachos/', {
        precio_VS: '3.500',
        despacho_VS: '1',
        precio_RM: '$4.900',
        despacho_RM: '1',
        precio_AI: '',
      });
      expect(res.headers.location).toBe('/gestion/despachos/');
      const after = await staff.follow(res);
      expect(flashes(after.body)[0]).toMatch(/^success: Tarifas guardadas: 2 regiones cambiaron\./);
      expect(await rateOf('VS')).toEqual({ priceClp: 3500, isAvailable: true });
      expect(await rateOf('RM')).toEqual({ priceClp: 4900, isAvailable: true });
      expect(await rateOf('AI')).toEqual({ priceClp: 0, isAvailable: false });
      expect(after.body).toMatch(/name="precio_VS" inputmode="numeric" value="3500"/);

      // Unchecking keeps the last price; the history names the region.
      await staff.post('/gestion/despachos/', { precio_VS: '', precio_RM: '4900', despacho_RM: '1' });
      expect(await rateOf('VS')).toEqual({ priceClp: 3500, isAvailable: false });
      const audit = await db()
        .selectFrom('auditLog')
        .select(['beforeJson', 'afterJson'])
        .where('entityType', '=', 'shipping_rate')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.beforeJson!)).toEqual({ Valparaíso: '$3.500' });
      expect(JSON.parse(audit.afterJson!)).toEqual({ Valparaíso: 'Sin despacho ($3.500)' });
      const again = await staff.post('/gestion/despachos/', {
        precio_RM: '4900',
        despacho_RM: '1',
        precio_VS: '3500',
      });
      expect(flashes((await staff.follow(again)).body)).toContain('info: No cambiaste ninguna tarifa.');
    });

    it('shows wrong prices on their row with 422 and saves nothing', async () => {
      const before = await rateOf('MA');
      const res = await staff.post('/gestion/despachos/', {
        precio_MA: '12,5',
        despacho_MA: '1',
        precio_AT: '',
        despacho_AT: '1',
        precio_CO: '9000',
        despacho_CO: '1',
      });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Revisa los precios marcados: no se guardó nada.');
      expect(res.body).toContain(
        'id="f-precio_MA-error" class="error">Escribe el precio en pesos, sin decimales: por ejemplo 4900 o 4.900.',
      );
      expect(res.body).toContain(
        'id="f-precio_AT-error" class="error">Escribe el precio del despacho a esta región, o desmarca «Despachamos».',
      );
      expect(res.body).toMatch(/name="precio_MA" inputmode="numeric" value="12,5"/);
      expect(await rateOf('MA')).toEqual(before);
      expect(await rateOf('CO')).toEqual({ priceClp: 0, isAvailable: false });
    });
  });
});
