import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { cancelEnrollment } from '../../src/domain/enrollments';
import {
  adjustPackCredits,
  assignCompanyBundle,
  expirePack,
  forfeitPacksOfSale,
  packTotals,
} from '../../src/domain/packs';
import { buildTestApp, type TestApp, TestClock } from '../support/app';
import { TestClient } from '../support/client';
import {
  createCompany,
  createCustomerAccount,
  createCustomerPack,
  createPackProduct,
  createUser,
  createWorkshop,
  TEST_PASSWORD,
} from '../support/factories';

/**
 * The packs section of /gestion/reportes/ (issue 17, part 5): revenue when a pack is sold, the
 * credits moved in the period at their pack's per-credit price, and the liability at the period's
 * end. Every figure below is worked out by hand from the story built in beforeAll (March 2031).
 */
describe('packs on the reports page', () => {
  let t: TestApp;
  let staff: TestClient;
  let liveNow: { liabilityClp: number; unusedCredits: number };
  const db = () => t.database.db;
  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: 'http://localhost' });

  async function customer() {
    const account = await createCustomerAccount(db());
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    return { ...account, client };
  }

  async function enrollWithCredit(client: TestClient, workshopId: number): Promise<number> {
    const res = await client.post(`/talleres/${workshopId}/`, { pago: 'bono' });
    const id = Number(/^\/pago\/(\d+)\/$/.exec(String(res.headers.location))?.[1]);
    expect(id).toBeGreaterThan(0);
    return id;
  }

  beforeAll(async () => {
    t = await buildTestApp({ clock: new TestClock(new Date('2031-02-20T15:00:00.000Z')) });
    const user = await createUser(db(), { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);

    // February: A's pack of 4 credits for $80.000 ($20.000 each), valid 90 days.
    const a = await customer();
    const p1 = await createPackProduct(db(), { credits: 4, priceClp: 80000, validityDays: 90 });
    const pack1 = await createCustomerPack(db(), {
      customerId: a.customer.id,
      productId: p1.id,
      now: t.clock.now(),
    });

    // 5 March: B buys 2 credits for $30.000 ($15.000 each), valid 20 days, in the shop.
    t.clock.set('2031-03-05T15:00:00.000Z');
    const b = await customer();
    const p2 = await createPackProduct(db(), { credits: 2, priceClp: 30000, validityDays: 20 });
    await b.client.post(`/carrito/add/${p2.id}/`, { cantidad: '1' });
    const checkout = await b.client.post('/carrito/checkout/');
    const saleId = Number(/^\/pago\/venta\/(\d+)\/$/.exec(String(checkout.headers.location))?.[1]);
    expect((await b.client.post(`/pago/venta/${saleId}/`, { accion_pago: 'pagar' })).statusCode).toBe(303);
    const pack2 = await db()
      .selectFrom('packs')
      .select('id')
      .where('saleId', '=', saleId)
      .executeTakeFirstOrThrow();

    const w1 = await createWorkshop(db(), { startsAt: '2031-03-20T15:00:00.000Z' });
    const w2 = await createWorkshop(db(), { startsAt: '2031-03-12T15:00:00.000Z' });
    const w3 = await createWorkshop(db(), { startsAt: '2031-03-20T15:00:00.000Z' });
    const w4 = await createWorkshop(db(), { startsAt: '2031-04-20T15:00:00.000Z' });

    // 6–7 March: A spends a credit and cancels in time: it comes back.
    t.clock.set('2031-03-06T15:00:00.000Z');
    const e1 = await enrollWithCredit(a.client, w1.id);
    t.clock.set('2031-03-07T15:00:00.000Z');
    expect((await a.client.post(`/cuenta/inscripciones/${e1}/anular/`)).statusCode).toBe(303);

    // 8 March: A spends one on a workshop that staff cancel after its cut-off: it is not returned.
    t.clock.set('2031-03-08T15:00:00.000Z');
    const e2 = await enrollWithCredit(a.client, w2.id);
    t.clock.set('2031-03-11T15:00:00.000Z');
    await inTransaction(t.database, (trx) =>
      cancelEnrollment(trx, { enrollmentId: e2, customerId: null, waitlistHoldHours: 24 }, ctx()),
    );

    // 10 March: B spends one; a company gets 5 seats for $100.000 ($20.000 each).
    t.clock.set('2031-03-10T15:00:00.000Z');
    await enrollWithCredit(b.client, w3.id);
    const company = await createCompany(db());
    await inTransaction(t.database, (trx) =>
      assignCompanyBundle(
        trx,
        {
          companyId: company.id,
          companyName: company.legalName,
          seats: 5,
          validityDays: 180,
          priceClp: 100000,
          contactCustomerId: null,
          contactCompanyId: null,
          note: null,
        },
        ctx(),
      ),
    );

    // 12 March: staff give A one credit more.
    t.clock.set('2031-03-12T15:00:00.000Z');
    await inTransaction(t.database, (trx) =>
      adjustPackCredits(trx, { packId: pack1.id, credits: 1, reason: 'Cortesía' }, ctx()),
    );

    // 15–16 March: C's pack of 3 credits for $45.000 is bought, then refunded: its credits are lost.
    t.clock.set('2031-03-15T15:00:00.000Z');
    const c = await customer();
    const p3 = await createPackProduct(db(), { credits: 3, priceClp: 45000 });
    const pack3 = await createCustomerPack(db(), {
      customerId: c.customer.id,
      productId: p3.id,
      now: t.clock.now(),
    });
    t.clock.set('2031-03-16T15:00:00.000Z');
    await inTransaction(t.database, (trx) => forfeitPacksOfSale(trx, pack3.saleId, ctx()));

    // 26 March: B's pack expired on the 25th with one credit unused.
    t.clock.set('2031-03-26T15:00:00.000Z');
    await inTransaction(t.database, (trx) => expirePack(trx, pack2.id, ctx()));

    // 2 April: A spends another credit; the page is read on 15 April.
    t.clock.set('2031-04-02T15:00:00.000Z');
    await enrollWithCredit(a.client, w4.id);
    t.clock.set('2031-04-15T15:00:00.000Z');
    liveNow = await packTotals(db(), { q: '', status: null, owner: null, from: null, to: null, ids: [] });
  });
  afterAll(async () => t.close());

  /** The text of the element with this data-test, tags stripped and spaces collapsed. */
  function cell(html: string, test: string): string {
    const match = new RegExp(`data-test="${test}"[^>]*>([\\s\\S]*?)</(tr|p)>`).exec(html);
    return (match?.[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }

  it('shows packs sold at their price, credits moved at their value, and the liability at the end of March', async () => {
    const res = await staff.get('/gestion/reportes/?mes=2031-03');
    expect(res.statusCode).toBe(200);
    const page = res.body;
    // Sold in March: B's pack and the company's bundle; C's refunded pack is left out.
    expect(cell(page, 'packs-sold-value')).toBe('2');
    expect(page).toContain('De ellos, 1 convenio de empresa ($100.000).');
    expect(cell(page, 'packs-revenue-value')).toBe('$130.000');
    expect(cell(page, 'packs-purchased')).toBe('Comprados 10 $175.000');
    expect(cell(page, 'packs-redeemed')).toBe('Canjeados en inscripciones 3 $55.000');
    expect(cell(page, 'packs-returned')).toBe('Devueltos por anulaciones a tiempo 1 $20.000');
    expect(cell(page, 'packs-late')).toBe('No devueltos por anulación tardía 1 $20.000');
    expect(cell(page, 'packs-forfeited')).toBe('Anulados por devolución del bono 3 $45.000');
    expect(cell(page, 'packs-expired')).toBe('Vencidos 1 $15.000');
    expect(cell(page, 'packs-adjusted')).toBe('Ajustes del equipo +1 +$20.000');
    // A's 4 credits ($80.000) and the bundle's 5 ($100.000); B's expired pack is worth nothing.
    expect(cell(page, 'packs-liability-value')).toBe('$180.000');
    expect(page).toContain('9 créditos vigentes al cierre del 31-03-2031.');
  });

  it('reconciles: the liability moves from one month end to the next by the credits of the month', async () => {
    const feb = (await staff.get('/gestion/reportes/?mes=2031-02')).body;
    const march = (await staff.get('/gestion/reportes/?mes=2031-03')).body;
    expect(cell(feb, 'packs-sold-value')).toBe('1');
    expect(cell(feb, 'packs-revenue-value')).toBe('$80.000');
    /** The value column of a movement row (or a KPI), in CLP. */
    const clp = (html: string, test: string) =>
      Number(cell(html, test).split(' ').at(-1)!.replace(/[$.+]/g, ''));
    expect(clp(feb, 'packs-liability-value')).toBe(80000);
    // A late cancellation changes nothing: its credit was spent when redeemed.
    expect(
      clp(feb, 'packs-liability-value') +
        clp(march, 'packs-purchased') -
        clp(march, 'packs-redeemed') +
        clp(march, 'packs-returned') -
        clp(march, 'packs-forfeited') -
        clp(march, 'packs-expired') +
        clp(march, 'packs-adjusted'),
    ).toBe(clp(march, 'packs-liability-value'));
  });

  it('counts enrollments paid with credits as no money in: the money came when the pack was sold', async () => {
    const page = (await staff.get('/gestion/reportes/?mes=2031-03')).body;
    expect(cell(page, 'kpi-collected-workshops-value')).toBe('$0');
    expect(cell(page, 'kpi-collected-shop-value')).toBe('$30.000');
    // The packs are not listed among the kits sold.
    expect(page).not.toMatch(/data-test="top-kit-/);
  });

  it('takes the liability of a running month as of now, as /gestion/bonos/ does', async () => {
    const page = (await staff.get('/gestion/reportes/?mes=2031-04')).body;
    expect(cell(page, 'packs-redeemed')).toBe('Canjeados en inscripciones 1 $20.000');
    expect(liveNow).toEqual(expect.objectContaining({ liabilityClp: 160000, unusedCredits: 8 }));
    expect(cell(page, 'packs-liability-value')).toBe('$160.000');
    expect(page).toContain('8 créditos vigentes hoy.');
    expect(page).toContain('href="/gestion/bonos/?desde=2031-04-01&amp;hasta=2031-04-30"');
  });
});
