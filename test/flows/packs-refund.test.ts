import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPackProduct } from '../support/factories';
import { type PaymentsHarness, startPaymentsHarness } from '../support/online-payments';

/** A pack bought through an online provider, then refunded from the back office: its unused credits are forfeited. */
describe('refunding an order of packs', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await startPaymentsHarness();
    await h.enable('mercadopago');
  });
  afterAll(async () => h.close());

  const db = () => h.t.database.db;
  const formKey = (html: string) => /name="clave" value="([^"]+)"/.exec(html)![1]!;

  it('issues the pack when Mercado Pago approves, and forfeits its credits when the money goes back', async () => {
    const product = await createPackProduct(db(), { name: 'Bono online', credits: 4, priceClp: 80000 });
    const { client } = await h.customer();
    await client.post(`/carrito/add/${product.id}/`, { cantidad: '1' });
    const checkout = await client.post('/carrito/checkout/');
    const saleId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(checkout.headers.location))?.[1]);
    const { attemptId, token } = await h.start(client, `/pago/venta/${saleId}/`, 'mercadopago');
    await h.mp.browse(token, 'approve');
    await h.mp.flushWebhooks();
    const pack = await db()
      .selectFrom('packs')
      .select(['id', 'status'])
      .where('saleId', '=', saleId)
      .executeTakeFirstOrThrow();
    expect(pack.status).toBe('ACTIVO');

    const page = await h.staff.get(`/gestion/pagos-en-linea/${attemptId}/`);
    const res = await h.staff.post(`/gestion/pagos-en-linea/${attemptId}/devolver/`, {
      clave: formKey(page.body),
      monto: '80000',
    });
    expect(res.statusCode).toBe(303);
    const after = await db()
      .selectFrom('packs')
      .select('status')
      .where('id', '=', pack.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('ANULADO');
    const entries = await db()
      .selectFrom('packCreditEntries')
      .select(['kind', 'credits'])
      .where('packId', '=', pack.id)
      .orderBy('id')
      .execute();
    expect(entries).toEqual([
      { kind: 'purchase', credits: 4 },
      { kind: 'forfeit', credits: -4 },
    ]);
  });
});
