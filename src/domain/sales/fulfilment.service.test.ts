import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db';
import { createSale, createUser, setShippingRate } from '../../../test/support/factories';
import type { FulfilmentStatus } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { runConsistencyChecks } from '../consistency';
import type { ServiceContext } from '../context';
import { shopSalesCheck } from './checkout.consistency';
import { fulfilmentCheck } from './fulfilment.consistency';
import { FulfilmentStaleError, FulfilmentStepError, OrderNotPaidError } from './fulfilment.errors';
import { findSaleFulfilment } from './fulfilment.queries';
import { nextFulfilmentStatus } from './fulfilment.rules';
import { advanceFulfilment, priceFulfilment } from './fulfilment.service';

const PICKUP = {
  address: 'Almirante Montt 123, Cerro Alegre, Valparaíso',
  hours: 'Martes a sábado, 11 a 19 hrs',
};

describe('moving an order towards its customer', () => {
  let database: TestDb;
  let ctx: ServiceContext;
  beforeAll(async () => {
    database = await createTestDb();
    const staff = await createUser(database.db, { role: 'staff' });
    ctx = {
      now: new Date('2026-03-02T15:00:00.000Z'),
      actor: { userId: staff.id, role: 'staff' },
      publicUrl: 'https://tmm.example.cl',
    };
  });
  afterAll(async () => database.drop());

  const db = () => database.db;
  const move = (
    saleId: number,
    from: FulfilmentStatus,
    to: FulfilmentStatus,
    extra: { courier?: string; trackingCode?: string } = {},
  ) => inTransaction(database, (trx) => advanceFulfilment(trx, { saleId, from, to, ...extra }, ctx, PICKUP));
  const emails = (saleId: number) =>
    db()
      .selectFrom('emailOutbox')
      .select(['template', 'subject', 'bodyText', 'dedupeKey'])
      .where('saleId', '=', saleId)
      .orderBy('id')
      .execute();
  const audits = (saleId: number) =>
    db()
      .selectFrom('auditLog')
      .select(['actorUserId', 'beforeJson', 'afterJson'])
      .where('entityType', '=', 'sale')
      .where('entityId', '=', saleId)
      .orderBy('id')
      .execute();

  it('knows each method’s next step and that nothing follows a delivered order', () => {
    expect(nextFulfilmentStatus('pickup', 'PREPARADO')).toBe('LISTO_PARA_RETIRO');
    expect(nextFulfilmentStatus('delivery', 'PREPARADO')).toBe('DESPACHADO');
    expect(nextFulfilmentStatus('pickup', 'DESPACHADO')).toBeNull();
    expect(nextFulfilmentStatus('delivery', 'ENTREGADO')).toBeNull();
  });

  it('takes a pickup through every step with its time, an audit entry and one e-mail each', async () => {
    const sale = await createSale(db(), { method: 'pickup' });
    await move(sale.id, 'POR_PREPARAR', 'PREPARADO');
    await move(sale.id, 'PREPARADO', 'LISTO_PARA_RETIRO');
    await move(sale.id, 'LISTO_PARA_RETIRO', 'ENTREGADO');
    const f = await findSaleFulfilment(db(), sale.id);
    expect(f).toMatchObject({
      status: 'ENTREGADO',
      preparedAt: ctx.now.toISOString(),
      readyAt: ctx.now.toISOString(),
      shippedAt: null,
      deliveredAt: ctx.now.toISOString(),
    });
    const sent = await emails(sale.id);
    expect(sent.map((e) => e.template)).toEqual([
      'order_prepared',
      'order_ready_for_pickup',
      'order_delivered',
    ]);
    expect(sent[1]?.subject).toBe(`Tu pedido #${sale.id} está listo para retiro`);
    expect(sent[1]?.bodyText).toContain(PICKUP.address);
    expect(sent[1]?.bodyText).toContain(PICKUP.hours);
    const trail = await audits(sale.id);
    expect(trail.map((a) => [JSON.parse(a.beforeJson!), JSON.parse(a.afterJson!)])).toEqual([
      [{ fulfilmentStatus: 'POR_PREPARAR' }, { fulfilmentStatus: 'PREPARADO' }],
      [{ fulfilmentStatus: 'PREPARADO' }, { fulfilmentStatus: 'LISTO_PARA_RETIRO' }],
      [{ fulfilmentStatus: 'LISTO_PARA_RETIRO' }, { fulfilmentStatus: 'ENTREGADO' }],
    ]);
    expect(trail.every((a) => a.actorUserId === ctx.actor?.userId)).toBe(true);
    expect(await runConsistencyChecks(db(), ctx.now, [shopSalesCheck, fulfilmentCheck])).toMatchObject({
      problems: [],
    });
  });

  it('ships a delivery with its courier and tracking code, and says so in the e-mail', async () => {
    const sale = await createSale(db(), { method: 'delivery', fulfilmentStatus: 'PREPARADO' });
    await move(sale.id, 'PREPARADO', 'DESPACHADO', { courier: 'Starken', trackingCode: 'STK-123' });
    expect(await findSaleFulfilment(db(), sale.id)).toMatchObject({
      status: 'DESPACHADO',
      courier: 'Starken',
      trackingCode: 'STK-123',
      shippedAt: ctx.now.toISOString(),
    });
    const [shipped] = await emails(sale.id);
    expect(shipped?.template).toBe('order_shipped');
    expect(shipped?.bodyText).toContain('Starken');
    expect(shipped?.bodyText).toContain('STK-123');
    expect(shipped?.bodyText).toContain('Av. Alemania 1234, depto 5, Valparaíso, Valparaíso');
    await move(sale.id, 'DESPACHADO', 'ENTREGADO');
    expect((await emails(sale.id)).map((e) => e.template)).toEqual(['order_shipped', 'order_delivered']);
  });

  it('refuses a step that does not follow, or belongs to the other method', async () => {
    const pickup = await createSale(db(), { method: 'pickup' });
    await expect(move(pickup.id, 'POR_PREPARAR', 'ENTREGADO')).rejects.toThrow(FulfilmentStepError);
    const prepared = await createSale(db(), { method: 'pickup', fulfilmentStatus: 'PREPARADO' });
    await expect(move(prepared.id, 'PREPARADO', 'DESPACHADO')).rejects.toThrow(
      'Un pedido con retiro no pasa de «Preparado» a «Despachado».',
    );
    const delivered = await createSale(db(), { method: 'delivery', fulfilmentStatus: 'ENTREGADO' });
    await expect(move(delivered.id, 'ENTREGADO', 'POR_PREPARAR')).rejects.toThrow(FulfilmentStepError);
    expect(await emails(prepared.id)).toEqual([]);
  });

  it('prepares only paid orders', async () => {
    for (const status of ['PENDIENTE', 'ANULADO'] as const) {
      const sale = await createSale(db(), { status });
      await expect(move(sale.id, 'POR_PREPARAR', 'PREPARADO')).rejects.toThrow(OrderNotPaidError);
      expect((await findSaleFulfilment(db(), sale.id))?.status).toBe('POR_PREPARAR');
      expect(await audits(sale.id)).toEqual([]);
    }
  });

  it('tells a stale page that someone else moved the order first, changing nothing', async () => {
    const sale = await createSale(db(), { method: 'delivery' });
    await move(sale.id, 'POR_PREPARAR', 'PREPARADO');
    const stale = move(sale.id, 'POR_PREPARAR', 'PREPARADO');
    await expect(stale).rejects.toThrow(FulfilmentStaleError);
    await expect(stale).rejects.toThrow('Otra persona ya cambió este pedido a «Preparado»');
    expect(await audits(sale.id)).toHaveLength(1);
    expect(await emails(sale.id)).toHaveLength(1);
  });

  it('prices a delivery from the rate table and a pickup as free', async () => {
    await setShippingRate(db(), 'AT', { priceClp: 6900, isAvailable: true });
    await setShippingRate(db(), 'AI', { priceClp: 12900, isAvailable: false });
    const address = {
      recipient: 'Ana',
      phone: '+56912345678',
      street: 'Calle 1',
      comuna: 'Copiapó',
      notes: null,
    };
    await inTransaction(database, async (trx) => {
      expect(await priceFulfilment(trx, { method: 'pickup' })).toEqual({
        method: 'pickup',
        shippingClp: 0,
        address: null,
      });
      expect(
        await priceFulfilment(trx, { method: 'delivery', address: { ...address, regionCode: 'AT' } }),
      ).toEqual({ method: 'delivery', shippingClp: 6900, address: { ...address, region: 'Atacama' } });
      await expect(
        priceFulfilment(trx, { method: 'delivery', address: { ...address, regionCode: 'AI' } }),
      ).rejects.toThrow('Por ahora no hacemos despachos a Aysén.');
    });
  });
});
