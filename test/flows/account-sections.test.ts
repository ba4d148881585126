import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTimeLong } from '../../src/lib/dates';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomerAccount, createProduct, createWorkshop } from '../support/factories';

/** One titled section of a page (from its heading's section to the next section's end). */
function section(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  if (start < 0) throw new Error(`No section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** "Mi cuenta" puts what is coming, the waitlist, orders, payments and the history in their own sections. */
describe('the account page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const customer = async () => {
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { client, ...account };
  };
  const enroll = async (client: TestClient, workshopId: number) => {
    const res = await client.post(`/talleres/${workshopId}/`);
    return Number(/\/pago\/(\d+)\//.exec(String(res.headers.location))![1]);
  };

  it('shows upcoming bookings apart from cancelled ones, which go to the history with their refund', async () => {
    const coming = await createWorkshop(t.database.db, { name: 'Resina que viene', priceClp: 45000 });
    const dropped = await createWorkshop(t.database.db, { name: 'Timbres anulados', priceClp: 28000 });
    const { client } = await customer();
    const comingId = await enroll(client, coming.id);
    const droppedId = await enroll(client, dropped.id);
    await client.post(`/pago/${droppedId}/`, { accion_pago: 'pagar' });
    expect((await client.post(`/cuenta/inscripciones/${droppedId}/anular/`)).statusCode).toBe(303);

    const page = (await client.get('/cuenta/perfil/')).body;
    const upcoming = section(page, 'proximos');
    expect(upcoming).toContain('Mis próximos talleres');
    expect(upcoming).toContain(`data-test="enrollment-${comingId}"`);
    expect(upcoming).not.toContain('Timbres anulados');
    const history = section(page, 'historial');
    expect(history).toContain(`data-test="enrollment-${droppedId}"`);
    expect(history).toContain('Anulado');
    expect(history).toContain('Reembolso pendiente: <span class="money">$28.000</span>');
    expect(history).not.toContain(`/cuenta/inscripciones/${droppedId}/anular/`);
    // The payment made before cancelling is listed with the others.
    const payments = section(page, 'pagos');
    expect(payments).toContain('Timbres anulados');
    expect(payments).toContain('Pago en línea (simulado)');
    expect(payments).toContain('$28.000');
  });

  it('shows a waitlist place with its position, and a held seat with its expiry and the link to take it', async () => {
    const full = await createWorkshop(t.database.db, { name: 'Cerámica completa', totalSeats: 1 });
    const soon = await createWorkshop(t.database.db, { name: 'Acuarela con cupo', totalSeats: 1 });
    const first = await customer();
    const other = await customer();
    const me = await customer();
    await enroll(first.client, full.id);
    await other.client.post(`/talleres/${full.id}/lista-espera/`);
    await me.client.post(`/talleres/${full.id}/lista-espera/`);

    const leaving = await enroll(other.client, soon.id);
    await me.client.post(`/talleres/${soon.id}/lista-espera/`);
    await other.client.post(`/cuenta/inscripciones/${leaving}/anular/`);
    const expiresAt = new Date(t.clock.now().getTime() + t.config.waitlistHoldHours * 3600_000);

    const page = (await me.client.get('/cuenta/perfil/')).body;
    const waitlist = section(page, 'espera');
    expect(waitlist).toContain('Cerámica completa');
    expect(waitlist).toContain('Estás en el lugar <strong>2</strong> de la lista');
    expect(waitlist).toContain('Acuarela con cupo');
    expect(waitlist).toContain(`lo guardamos para ti hasta el ${formatDateTimeLong(expiresAt)}`);
    expect(waitlist).toContain(`href="/talleres/${soon.id}/lista-espera/aceptar/"`);
    expect(section(page, 'proximos')).not.toContain('Cerámica completa');

    // Once the hold lapses the offer is no longer shown as live.
    t.clock.advanceHours(t.config.waitlistHoldHours + 1);
    expect(section((await me.client.get('/cuenta/perfil/')).body, 'espera')).not.toContain(
      'Acuarela con cupo',
    );
  });

  it('lists kit orders with a link to pay a pending one', async () => {
    const kit = await createProduct(t.database.db, { name: 'Kit Acuarela', priceClp: 12000, stock: 5 });
    const { client } = await customer();
    await client.post(`/carrito/add/${kit.id}/`, { cantidad: '2' });
    const checkout = await client.post('/carrito/checkout/');
    const saleId = Number(/\/pago\/venta\/(\d+)\//.exec(String(checkout.headers.location))![1]);

    const orders = section((await client.get('/cuenta/perfil/')).body, 'compras');
    expect(orders).toContain(`Compra #${saleId}`);
    expect(orders).toContain('2 × Kit Acuarela');
    expect(orders).toContain(`href="/pago/venta/${saleId}/"`);
    expect(orders).toContain('Retiro en el taller');

    // A gift card is handed over by e-mail: its order says nothing about picking it up.
    const card = await client.post('/tarjetas-regalo/', {
      monto: '10000',
      nombre: 'Ana',
      correo: 'ana@example.cl',
    });
    const cardSale = Number(/\/pago\/venta\/(\d+)\//.exec(String(card.headers.location))![1]);
    const withCard = section((await client.get('/cuenta/perfil/')).body, 'compras');
    const cardOrder = withCard.slice(withCard.indexOf(`data-test="sale-${cardSale}"`));
    expect(cardOrder.slice(0, cardOrder.indexOf('</article>'))).not.toContain('Retiro en el taller');
  });

  it('says what to do when there is nothing yet, never "N/A"', async () => {
    const { client } = await customer();
    const page = (await client.get('/cuenta/perfil/')).body;
    expect(section(page, 'proximos')).toContain('No tienes talleres próximos.');
    expect(section(page, 'espera')).toContain('No estás en ninguna lista de espera.');
    expect(page).not.toContain('N/A');
    expect(section(page, 'datos')).toContain('Sin información');
  });

  it('links the account from the header with a label that says what it is', async () => {
    const { client } = await customer();
    const home = (await client.get('/')).body;
    expect(home).toMatch(
      /<a href="\/cuenta\/perfil\/" class="account-link" data-test="profile-link">Mi cuenta<\/a>/,
    );
    const anonymous = (await t.app.inject('/')).body;
    expect(anonymous).not.toContain('Mi cuenta');
    expect(anonymous).toContain('Iniciar sesión');
  });
});
