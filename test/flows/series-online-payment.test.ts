import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { cancelWholeWorkshop } from '../../src/domain/enrollments';
import { createSeries } from '../../src/domain/series';
import { unique } from '../support/factories';
import { type PaymentsHarness, pageText, startPaymentsHarness } from '../support/online-payments';

/**
 * Paying a whole series booking online in one payment, against the local Webpay fake: one provider
 * transaction for every session, each enrollment paid its share when it is approved, nothing paid
 * when it is not, the same approval arriving twice counted once.
 */
describe('paying a whole series online at once', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await startPaymentsHarness();
    await h.enable('webpay');
  });
  afterAll(async () => h.close());
  const db = () => h.t.database.db;

  /** A customer with a booking of a new four-session series ($15.000 each). */
  const booked = async () => {
    const seriesId = await inTransaction(h.t.database, (trx) =>
      createSeries(
        trx,
        {
          name: unique('Torno de los martes '),
          description: 'Torno, cada semana.',
          categoryId: null,
          priceClp: 15000,
          totalSeats: 6,
          durationMinutes: 120,
          location: null,
          facilitatorName: null,
          locationId: null,
          weekdays: [2],
          startTime: '18:30',
          startsOn: '2026-03-03',
          endsOn: null,
          sessionCount: 4,
        },
        h.ctx(),
      ),
    );
    const customer = await h.customer();
    const res = await customer.client.post(`/series/${seriesId}/`);
    expect(res.statusCode).toBe(303);
    const bookingId = Number(/\/series\/reservas\/(\d+)\//.exec(String(res.headers.location))?.[1]);
    const enrollments = await db()
      .selectFrom('seriesBookingEnrollments as b')
      .innerJoin('enrollments as e', 'e.id', 'b.enrollmentId')
      .select(['e.id', 'e.workshopId'])
      .where('b.bookingId', '=', bookingId)
      .orderBy('e.id')
      .execute();
    return { ...customer, bookingId, enrollments };
  };
  const statuses = async (ids: number[]) =>
    (
      await db()
        .selectFrom('enrollments')
        .select(['id', 'status', 'amountPaidClp'])
        .where('id', 'in', ids)
        .orderBy('id')
        .execute()
    ).map((e) => [e.status, e.amountPaidClp]);

  it('charges the series total in one Webpay transaction and pays every session its share on approval, once', async () => {
    const { client, bookingId, enrollments, email } = await booked();
    const ids = enrollments.map((e) => e.id);
    const page = await client.get(`/series/reservas/${bookingId}/`);
    expect(page.body).toContain(`action="/series/reservas/${bookingId}/en-linea/"`);
    expect(page.body).toContain('data-test="provider-webpay"');

    const { attemptId, token } = await h.start(client, `/series/reservas/${bookingId}/`, 'webpay');
    const transactions = [...h.webpay.transactions.values()].filter((tx) => tx.token === token);
    expect(transactions.map((tx) => tx.amount)).toEqual([60000]);
    expect(await h.attempt(attemptId)).toMatchObject({
      purpose: 'enrollment',
      enrollmentId: ids[0],
      amountClp: 60000,
      state: 'redirected',
    });

    const { page: result } = await h.back(client, await h.webpay.browse(token, 'approve'));
    const text = pageText(result.body);
    expect(text).toContain('¡Pago aprobado!');
    expect(text).toContain('Recibimos tu pago de $60.000 con Webpay');
    expect(result.body).toContain(`href="/series/reservas/${bookingId}/"`);
    expect(await statuses(ids)).toEqual(ids.map(() => ['PAGADO', 15000]));
    const ledger = await db()
      .selectFrom('payments')
      .select(['enrollmentId', 'kind', 'amountClp', 'attemptId'])
      .where('enrollmentId', 'in', ids)
      .orderBy('enrollmentId')
      .execute();
    expect(ledger).toEqual(
      ids.map((enrollmentId) => ({ enrollmentId, kind: 'PAYMENT', amountClp: 15000, attemptId })),
    );

    // The sweeper and the daily check asking about it again, and a second return: nothing more counts.
    h.t.clock.advanceHours(1);
    await h.sweep();
    await h.back(client, {
      method: 'GET',
      url: `${h.t.config.publicUrl}/pago/webpay/retorno/?token_ws=${token}`,
      fields: {},
    });
    expect(await statuses(ids)).toEqual(ids.map(() => ['PAGADO', 15000]));
    expect(
      (await db().selectFrom('payments').select('id').where('attemptId', '=', attemptId).execute()).length,
    ).toBe(4);
    expect(await h.attempt(attemptId)).toMatchObject({ state: 'authorized', issue: null });
    expect((await h.outbox('payment_receipt')).filter((m) => m.toAddress === email).length).toBe(1);
    expect((await client.get(`/series/reservas/${bookingId}/`)).body).toContain('data-test="booking-paid"');
  });

  it('pays nothing when the card is declined, and nothing half when a session changed before the approval', async () => {
    const declined = await booked();
    const declinedIds = declined.enrollments.map((e) => e.id);
    const first = await h.start(declined.client, `/series/reservas/${declined.bookingId}/`, 'webpay');
    await h.back(declined.client, await h.webpay.browse(first.token, 'reject'));
    expect(await statuses(declinedIds)).toEqual(declinedIds.map(() => ['PENDIENTE', 0]));
    expect((await h.attempt(first.attemptId)).state).toBe('rejected');

    const changed = await booked();
    const changedIds = changed.enrollments.map((e) => e.id);
    const second = await h.start(changed.client, `/series/reservas/${changed.bookingId}/`, 'webpay');
    // Staff cancel one session while the customer is at Webpay.
    await inTransaction(h.t.database, (trx) =>
      cancelWholeWorkshop(trx, changed.enrollments[2]!.workshopId, { note: null }, h.ctx()),
    );
    await h.back(changed.client, await h.webpay.browse(second.token, 'approve'));
    const after = await statuses(changedIds);
    expect(after.filter(([status]) => status === 'PAGADO')).toEqual([]);
    expect(after.every(([, paid]) => paid === 0)).toBe(true);
    const attempt = await h.attempt(second.attemptId);
    expect([attempt.state, attempt.issue]).toEqual(['refunded', 'auto_refunded']);
    expect(
      (await db().selectFrom('payments').select('id').where('attemptId', '=', second.attemptId).execute())
        .length,
    ).toBe(0);
  });

  it('refunds a cancelled session of a series paid at once through Webpay, for that session only', async () => {
    const { client, bookingId, enrollments } = await booked();
    const { attemptId, token } = await h.start(client, `/series/reservas/${bookingId}/`, 'webpay');
    await h.back(client, await h.webpay.browse(token, 'approve'));
    const detail = await h.staff.get(`/gestion/pagos-en-linea/${attemptId}/`);
    expect(detail.body).toContain('anula primero la sesión');
    await inTransaction(h.t.database, (trx) =>
      cancelWholeWorkshop(trx, enrollments[1]!.workshopId, { note: null }, h.ctx()),
    );
    const refunded = await h.staff.post(`/gestion/pagos-en-linea/${attemptId}/devolver/`, {
      todo: 'on',
      clave: 'refund-key-0123456789',
    });
    expect(refunded.statusCode).toBe(303);
    const rows = await db()
      .selectFrom('payments')
      .select(['enrollmentId', 'kind', 'amountClp'])
      .where('attemptId', '=', attemptId)
      .where('kind', '=', 'REFUND')
      .execute();
    expect(rows).toEqual([{ enrollmentId: enrollments[1]!.id, kind: 'REFUND', amountClp: 15000 }]);
    expect((await h.attempt(attemptId)).refundedClp).toBe(15000);
  });
});
