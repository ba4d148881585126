import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { createWorkshop } from '../support/factories';
import { type PaymentsHarness, pageText, startPaymentsHarness } from '../support/online-payments';

/**
 * A booking for three paid online in one Webpay payment; one companion is given up, and staff give
 * that seat's share back through Webpay from the attempt's page, as any refund.
 */
describe('a companion given up after paying online', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await startPaymentsHarness();
    await h.enable('webpay');
  });
  afterAll(async () => h.close());

  const db = () => h.t.database.db;
  const formKey = (html: string) => /name="clave" value="([^"]+)"/.exec(html)![1]!;

  it('charges the total once and refunds one seat through the provider', async () => {
    const customer = await h.customer();
    const w = await createWorkshop(db(), { priceClp: 20000, totalSeats: 5 });
    const booked = await customer.client.post(`/talleres/${w.id}/`, { cupos: '3' });
    const enrollmentId = Number(/\/pago\/(\d+)\//.exec(String(booked.headers.location))?.[1]);
    const { attemptId, token } = await h.start(customer.client, `/pago/${enrollmentId}/`, 'webpay');
    expect(await h.attempt(attemptId)).toMatchObject({ amountClp: 60000 });
    await h.back(customer.client, await h.webpay.browse(token, 'approve'));
    expect(await h.ledger({ enrollmentId })).toEqual([
      { kind: 'PAYMENT', amountClp: 60000, method: 'webpay', attemptId },
    ]);

    const companion = await db()
      .selectFrom('enrollmentCompanions')
      .select('id')
      .where('enrollmentId', '=', enrollmentId)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    await customer.client.post(`/cuenta/inscripciones/${enrollmentId}/acompanantes/${companion.id}/anular/`);
    const page = await h.staff.get(`/gestion/pagos-en-linea/${attemptId}/`);
    expect(pageText(page.body)).toContain('Puedes devolver hasta $20.000');

    const refunded = await h.staff.post(`/gestion/pagos-en-linea/${attemptId}/devolver/`, {
      clave: formKey(page.body),
      todo: '1',
    });
    expect(refunded.statusCode).toBe(303);
    expect(h.webpay.transactions.get(token)).toMatchObject({ status: 'PARTIALLY_NULLIFIED', balance: 40000 });
    const row = await db()
      .selectFrom('enrollments')
      .select(['seats', 'status', 'amountDueClp', 'amountPaidClp', 'refundDueClp'])
      .where('id', '=', enrollmentId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      seats: 2,
      status: 'PAGADO',
      amountDueClp: 40000,
      amountPaidClp: 40000,
      refundDueClp: 0,
    });
    expect(
      (await runConsistencyChecks(db(), h.ctx().now)).problems.filter(
        (p) =>
          p.includes(`#${attemptId} `) ||
          p.includes(`Inscripción #${enrollmentId}:`) ||
          p.includes(`#${w.id} `),
      ),
    ).toEqual([]);
  });
});
