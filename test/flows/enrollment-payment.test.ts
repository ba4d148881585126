import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/transaction';
import { runConsistencyChecks } from '../../src/domain/consistency/check.service';
import { recordEnrollmentPayment, recordEnrollmentRefund } from '../../src/domain/payments/payments.service';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { createCustomerAccount, createUser, createWorkshop, TEST_PASSWORD } from '../support/factories';

/** The simulated payment page and the payment service staff will use. */
describe('paying an enrollment', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const ctx = () => ({ now: t.clock.now(), actor: null, publicUrl: t.config.publicUrl });

  /** A logged-in customer with a fresh PENDIENTE enrollment in a $45.000 workshop. */
  const enrolled = async (price = 45000) => {
    const account = await createCustomerAccount(t.database.db);
    const client = new TestClient(t.app);
    await client.login(account.login, account.password);
    const workshop = await createWorkshop(t.database.db, { priceClp: price });
    const res = await client.post(`/talleres/${workshop.id}/`);
    const enrollmentId = Number(/\/pago\/(\d+)\//.exec(String(res.headers.location))![1]);
    return { client, account, workshop, enrollmentId };
  };
  const enrollmentRow = (id: number) =>
    t.database.db.selectFrom('enrollments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const paymentsOf = (id: number) =>
    t.database.db.selectFrom('payments').selectAll().where('enrollmentId', '=', id).orderBy('id').execute();

  it('shows the payment page only to the customer and to staff', async () => {
    const { client, enrollmentId, workshop } = await enrolled();
    const own = await client.get(`/pago/${enrollmentId}/`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('<h1>Pago de tu inscripción</h1>');
    expect(own.body).toContain(workshop.name);
    expect(own.body).toContain('$45.000');
    expect(own.body).toContain('Simular pago rechazado');
    expect(own.body).toContain('href="/cuenta/perfil/"');

    const anonymous = await new TestClient(t.app).get(`/pago/${enrollmentId}/`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/login/?next=${encodeURIComponent(`/pago/${enrollmentId}/`)}`);

    const other = await createCustomerAccount(t.database.db);
    const stranger = new TestClient(t.app);
    await stranger.login(other.login, other.password);
    expect((await stranger.get(`/pago/${enrollmentId}/`)).statusCode).toBe(404);
    expect((await stranger.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' })).statusCode).toBe(404);
    expect((await enrollmentRow(enrollmentId)).status).toBe('PENDIENTE');

    const staffUser = await createUser(t.database.db, { role: 'staff' });
    const staff = new TestClient(t.app);
    await staff.login(staffUser.email, TEST_PASSWORD);
    expect((await staff.get(`/pago/${enrollmentId}/`)).statusCode).toBe(200);
    expect((await client.get('/pago/abc/')).statusCode).toBe(404);
  });

  it('records one simulated payment, marks the enrollment paid and queues the receipt', async () => {
    const { client, enrollmentId } = await enrolled();
    const res = await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/pago/${enrollmentId}/`);
    const page = await client.follow(res);
    expect(page.body).toContain('¡Pago procesado con éxito! Tu cupo está 100% asegurado.');
    expect(page.body).toContain('¡Este taller ya está pagado!');

    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 45000 });
    const payments = await paymentsOf(enrollmentId);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ kind: 'PAYMENT', amountClp: 45000, method: 'simulado' });
    expect(payments[0]!.reference).toMatch(/^SIM-[0-9A-F]{8}$/);
    expect(payments[0]!.paidAt).toBe(t.clock.now().toISOString());
    const receipts = await t.database.db
      .selectFrom('emailOutbox')
      .select('template')
      .where('enrollmentId', '=', enrollmentId)
      .where('template', '=', 'payment_receipt')
      .execute();
    expect(receipts).toHaveLength(1);

    const replay = await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' });
    expect(replay.statusCode).toBe(303);
    expect((await client.follow(replay)).body).toContain('Esta inscripción ya fue pagada.');
    expect(await paymentsOf(enrollmentId)).toHaveLength(1);
  });

  it('records one payment when two payments of the same enrollment arrive at once', async () => {
    const { client, enrollmentId } = await enrolled();
    await client.csrfToken();
    const responses = await Promise.all([
      client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' }),
      client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([303, 303]);
    // And straight through the service, in parallel transactions (real concurrency on PostgreSQL).
    const other = await enrolled();
    const results = await Promise.allSettled(
      [1, 2, 3].map(() =>
        inTransaction(t.database, (trx) =>
          recordEnrollmentPayment(trx, { enrollmentId: other.enrollmentId, method: 'simulado' }, ctx()),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.outcome === 'recorded')).toHaveLength(1);
    for (const id of [enrollmentId, other.enrollmentId]) {
      expect(await paymentsOf(id)).toHaveLength(1);
      expect(await enrollmentRow(id)).toMatchObject({ status: 'PAGADO', amountPaidClp: 45000 });
    }
  });

  it('changes nothing on a rejected payment and says so', async () => {
    const { client, enrollmentId } = await enrolled();
    const res = await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'fallar' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/pago/${enrollmentId}/`);
    expect((await client.follow(res)).body).toContain('El pago falló. Por favor, intenta nuevamente.');
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PENDIENTE', amountPaidClp: 0 });
    expect(await paymentsOf(enrollmentId)).toHaveLength(0);
  });

  it('re-shows the page for an unknown action', async () => {
    const { client, enrollmentId } = await enrolled();
    const res = await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'regalar' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Acción de pago no válida.');
  });

  it('charges only the balance of an ABONADO enrollment', async () => {
    const { client, enrollmentId } = await enrolled();
    const staffUser = await createUser(t.database.db, { role: 'staff' });
    const partial = await inTransaction(t.database, (trx) =>
      recordEnrollmentPayment(
        trx,
        { enrollmentId, amountClp: 10000, method: 'efectivo', recordedByUserId: staffUser.id },
        ctx(),
      ),
    );
    expect(partial).toMatchObject({ outcome: 'recorded', status: 'ABONADO', balanceClp: 35000 });
    expect((await client.get(`/pago/${enrollmentId}/`)).body).toContain('Pagar $35.000');
    await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' });
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'PAGADO', amountPaidClp: 45000 });
    expect((await paymentsOf(enrollmentId)).map((p) => [p.method, p.amountClp])).toEqual([
      ['efectivo', 10000],
      ['simulado', 35000],
    ]);
    await expect(
      inTransaction(t.database, (trx) =>
        recordEnrollmentPayment(
          trx,
          { enrollmentId, amountClp: 1, method: 'efectivo', idempotencyKey: 'x1' },
          ctx(),
        ),
      ),
    ).rejects.toThrow('ya fue pagada');
  });

  it('refuses amounts above the balance', async () => {
    const { enrollmentId } = await enrolled();
    await expect(
      inTransaction(t.database, (trx) =>
        recordEnrollmentPayment(trx, { enrollmentId, amountClp: 50000, method: 'transferencia' }, ctx()),
      ),
    ).rejects.toThrow('no puede superar el saldo');
  });

  it('cannot pay a cancelled enrollment', async () => {
    const { client, enrollmentId } = await enrolled();
    await client.post(`/cuenta/inscripciones/${enrollmentId}/anular/`);
    expect((await client.get(`/pago/${enrollmentId}/`)).body).toContain('Esta inscripción fue anulada');
    const res = await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' });
    expect(res.statusCode).toBe(303);
    expect((await client.follow(res)).body).toContain('Esta inscripción fue anulada: no se puede pagar.');
    expect(await paymentsOf(enrollmentId)).toHaveLength(0);
  });

  it('keeps payments minus refunds equal to the amount paid through a refund', async () => {
    const { client, enrollmentId } = await enrolled();
    await client.post(`/pago/${enrollmentId}/`, { accion_pago: 'pagar' });
    await client.post(`/cuenta/inscripciones/${enrollmentId}/anular/`);
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ status: 'ANULADO', refundDueClp: 45000 });
    await inTransaction(t.database, (trx) =>
      recordEnrollmentRefund(trx, { enrollmentId, method: 'transferencia' }, ctx()),
    );
    expect(await enrollmentRow(enrollmentId)).toMatchObject({ amountPaidClp: 0, refundDueClp: 0 });
    expect((await runConsistencyChecks(t.database.db)).problems).toEqual([]);
  });
});
