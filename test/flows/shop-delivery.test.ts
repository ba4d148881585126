import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomerAccount, createProduct, setShippingRate, unique } from '../support/factories';

/** Checkout with pickup at the studio or delivery to an address priced by region (issue 14, part 4). */

const flashes = (html: string) =>
  [...html.matchAll(/<div class="flash flash-\w+"[^>]*>([^<]*)/g)].map((m) =>
    m[1]!.replaceAll('&quot;', '"'),
  );
const fieldError = (html: string, name: string) =>
  new RegExp(`id="f-${name}-error" class="error">([^<]*)<`).exec(html)?.[1];

const ADDRESS = {
  entrega: 'despacho',
  nombre_recibe: 'Camila Rojas',
  telefono: '9 8765 4321',
  direccion: 'Av. Alemania 1234, depto 5',
  comuna: 'Valparaíso',
  region: 'VS',
  indicaciones: 'Dejar en conserjería',
};

describe('choosing how to receive a kit order', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { CENTRE_ADDRESS: 'Templeman 520, Cerro Concepción, Valparaíso' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await setShippingRate(db(), 'VS', { priceClp: 3500, isAvailable: true });
    await setShippingRate(db(), 'RM', { priceClp: 4900, isAvailable: true });
    await setShippingRate(db(), 'AI', { priceClp: 12900, isAvailable: false });
  });

  const db = () => t.database.db;
  const saleOf = (id: number) =>
    db().selectFrom('sales').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  async function shopperWithCart(priceClp = 15000) {
    const account = await createCustomerAccount(db(), { name: 'Camila Rojas' });
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const kit = await createProduct(db(), { name: unique('Kit Resina '), priceClp, stock: 10 });
    await client.post(`/carrito/add/${kit.id}/`, { cantidad: '2' });
    return { ...account, client, kit };
  }
  const saleIdFrom = (location: unknown) => Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(location))?.[1]);

  it('asks an anonymous visitor to log in and brings them back to the checkout', async () => {
    const res = await t.app.inject('/carrito/checkout/');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login/?next=/carrito/checkout/');
  });

  it('offers pickup at the studio for free and delivery priced by region, with the customer’s data filled in', async () => {
    const s = await shopperWithCart();
    const page = await s.client.get('/carrito/checkout/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Retiro en el taller');
    expect(page.body).toContain('Templeman 520, Cerro Concepción, Valparaíso');
    expect(page.body).toContain('Martes a sábado, de 11:00 a 19:00 hrs');
    expect(page.body).toContain('Desde $3.500');
    expect(page.body).toContain('Valparaíso — $3.500');
    expect(page.body).toContain('Aysén — sin despacho por ahora');
    expect(page.body).toContain('data-test="checkout-total">$30.000');
    expect(page.body).toMatch(/name="nombre_recibe" type="text" value="Camila Rojas"/);
    expect(page.body).toMatch(/name="telefono" type="tel" value="\+56912345678"/);
  });

  it('sends a customer with an empty cart back to the cart', async () => {
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const res = await client.get('/carrito/checkout/');
    expect(res.headers.location).toBe('/carrito/');
  });

  it('places a pickup order with no shipping cost', async () => {
    const s = await shopperWithCart();
    const res = await s.client.post('/carrito/checkout/', { entrega: 'retiro', region: 'VS' });
    expect(res.statusCode).toBe(303);
    const sale = await saleOf(saleIdFrom(res.headers.location));
    expect(sale).toMatchObject({
      totalClp: 30000,
      shippingClp: 0,
      fulfilmentMethod: 'pickup',
      fulfilmentStatus: 'POR_PREPARAR',
      deliveryStreet: null,
      deliveryRegion: null,
    });
    const page = await s.client.follow(res);
    expect(page.body).toContain('data-test="fulfilment-method">Retiro en el taller');
    expect(page.body).toContain('data-test="pickup-address">Templeman 520, Cerro Concepción, Valparaíso');
    expect(page.body).toContain('data-test="sale-total">$30.000');
  });

  it('adds the region’s rate to the order, priced by the server, and keeps it when the rate changes later', async () => {
    const s = await shopperWithCart();
    // Whatever the browser says about the price is not read.
    const res = await s.client.post('/carrito/checkout/', { ...ADDRESS, despacho_clp: '0', total: '1' });
    expect(res.statusCode).toBe(303);
    const saleId = saleIdFrom(res.headers.location);
    expect(await saleOf(saleId)).toMatchObject({
      totalClp: 33500,
      shippingClp: 3500,
      fulfilmentMethod: 'delivery',
      deliveryRecipient: 'Camila Rojas',
      deliveryPhone: '+56987654321',
      deliveryStreet: 'Av. Alemania 1234, depto 5',
      deliveryComuna: 'Valparaíso',
      deliveryRegion: 'Valparaíso',
      deliveryNotes: 'Dejar en conserjería',
    });
    await setShippingRate(db(), 'VS', { priceClp: 9900, isAvailable: true });
    expect(await saleOf(saleId)).toMatchObject({ totalClp: 33500, shippingClp: 3500 });

    const page = await s.client.follow(res);
    expect(page.body).toContain('data-test="fulfilment-method">Despacho a domicilio');
    expect(page.body).toContain(
      'data-test="delivery-address">Av. Alemania 1234, depto 5, Valparaíso, Valparaíso',
    );
    expect(page.body).toContain('data-test="shipping-cost">$3.500');
    expect(page.body).toContain('data-test="sale-total">$33.500');
    expect(page.body).toContain('Pagar $33.500');

    // Paying charges the whole amount and the receipt says where it goes.
    await s.client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' });
    const payment = await db()
      .selectFrom('payments')
      .select('amountClp')
      .where('saleId', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(payment.amountClp).toBe(33500);
    const receipt = await db()
      .selectFrom('emailOutbox')
      .select('bodyText')
      .where('saleId', '=', saleId)
      .where('template', '=', 'order_receipt')
      .executeTakeFirstOrThrow();
    expect(receipt.bodyText).toContain('Despacho: $3.500');
    expect(receipt.bodyText).toContain('Dirección: Av. Alemania 1234, depto 5, Valparaíso, Valparaíso');
    expect(receipt.bodyText).toContain('Total: $33.500');

    // The account lists it with its delivery and where it is.
    const account = await s.client.get('/cuenta/perfil/');
    const order = account.body.split(`data-test="sale-${saleId}"`)[1]?.split('</article>')[0] ?? '';
    expect(order).toContain('Despacho a Av. Alemania 1234, depto 5, Valparaíso, Valparaíso');
    expect(order).toContain('Por preparar');

    // The next checkout starts from this address.
    await s.client.post(`/carrito/add/${s.kit.id}/`);
    const again = await s.client.get('/carrito/checkout/');
    expect(again.body).toMatch(/name="direccion" type="text" value="Av. Alemania 1234, depto 5"/);
    expect(again.body).toMatch(/<option value="VS" selected>/);
  });

  it('refuses a region staff do not deliver to, keeping the cart and the form', async () => {
    const s = await shopperWithCart();
    const res = await s.client.post('/carrito/checkout/', { ...ADDRESS, region: 'AI', comuna: 'Coyhaique' });
    expect(res.statusCode).toBe(422);
    expect(fieldError(res.body, 'region')).toBe(
      'Por ahora no hacemos despachos a Aysén. Elige «Retiro en el taller» o escríbenos para coordinarlo.',
    );
    expect(res.body).toMatch(/name="comuna" type="text" value="Coyhaique"/);
    expect(res.body).toContain('Sin despacho a esa región');
    expect(
      await db().selectFrom('sales').select('id').where('customerId', '=', s.customer.id).execute(),
    ).toEqual([]);
    const kit = await db()
      .selectFrom('products')
      .select('stock')
      .where('id', '=', s.kit.id)
      .executeTakeFirstOrThrow();
    expect(kit.stock).toBe(10);
    expect((await s.client.get('/carrito/')).body).toContain(s.kit.name);
  });

  it('shows every wrong or missing address field in Spanish with 422, never a 500', async () => {
    const s = await shopperWithCart();
    const res = await s.client.post('/carrito/checkout/', {
      entrega: 'despacho',
      nombre_recibe: '   ',
      telefono: '12345',
      direccion: 'Avenida Alemania',
      comuna: '',
      region: 'XX',
      indicaciones: 'x'.repeat(301),
    });
    expect(res.statusCode).toBe(422);
    expect(fieldError(res.body, 'nombre_recibe')).toBe('Escribe el nombre de quien recibe el pedido.');
    expect(fieldError(res.body, 'telefono')).toBe(
      'Escribe un teléfono chileno de 9 dígitos, por ejemplo +56 9 1234 5678.',
    );
    expect(fieldError(res.body, 'direccion')).toBe(
      'Incluye el número de la dirección (o «s/n» si no tiene).',
    );
    expect(fieldError(res.body, 'comuna')).toBe('Escribe la comuna.');
    expect(fieldError(res.body, 'region')).toBe('Elige la región.');
    expect(fieldError(res.body, 'indicaciones')).toBe('Escribe como máximo 300 caracteres.');
    expect(res.body).toContain('Revisa los datos marcados para poder confirmar el pedido.');
    expect(res.body).toMatch(/name="direccion" type="text" value="Avenida Alemania"/);
    // Repeated keys and odd types are input too.
    const odd = await s.client.post('/carrito/checkout/', {
      ...ADDRESS,
      region: ['VS', 'RM'],
      entrega: ['despacho'],
    });
    expect(odd.statusCode).toBe(303);
    expect(flashes((await s.client.follow(odd)).body).join(' ')).toContain('Reservamos tus productos');
  });

  it('says delivery is not offered when no region has a rate', async () => {
    const s = await shopperWithCart();
    await db().updateTable('shippingRates').set({ isAvailable: false }).execute();
    const page = await s.client.get('/carrito/checkout/');
    expect(page.body).toContain('Por ahora no hacemos despachos: retira tu pedido en el taller.');
    expect(page.body).toMatch(/value="despacho" disabled\/>/);
    const res = await s.client.post('/carrito/checkout/', ADDRESS);
    expect(res.statusCode).toBe(422);
  });
});
