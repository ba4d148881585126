import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../../test/support/app';
import { createTestDb, type TestDb } from '../../../test/support/db';
import { closeWorkerDatabases, memoryLog, twoWorkerDatabases } from '../../../test/support/email/fixtures';
import { createCustomer, createSale, createUser, createWorkshop } from '../../../test/support/factories';
import { startWebhookReceiver, type WebhookReceiver } from '../../../test/support/webhook-receiver';
import type { Database } from '../../db/database';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { customerForUser } from '../customers';
import { cancelEnrollment, enrollCustomer, joinWaitlist } from '../enrollments';
import { paySale, recordEnrollmentPayment, recordEnrollmentRefund } from '../payments';
import { emailAdminsEndpointDisabled } from '../webhook-delivery';
import {
  createWebhookEndpoint,
  deliverDueWebhooks,
  MAX_DELIVERY_ATTEMPTS,
  pruneWebhookDeliveries,
  RETRY_DELAYS_MINUTES,
  recordWebhookEvent,
  resendWebhookDelivery,
  signWebhook,
  webhookHeaders,
} from '.';

const PUBLIC_URL = 'https://tmm.example.cl';

describe('webhooks', () => {
  let database: TestDb;
  let receiver: WebhookReceiver;
  const log = memoryLog();

  beforeAll(async () => {
    database = await createTestDb();
  });
  afterAll(async () => database.drop());
  afterEach(async () => {
    await receiver?.close();
    await database.db.deleteFrom('webhookAttempts').execute();
    await database.db.deleteFrom('webhookDeliveries').execute();
    await database.db.deleteFrom('webhookEndpoints').execute();
    await database.db.deleteFrom('emailOutbox').execute();
  });

  const endpoint = (url: string, events: WebhookEventType[], clock: TestClock) =>
    inTransaction(database, (trx) =>
      createWebhookEndpoint(
        trx,
        { url, description: null, events },
        { now: clock.now(), actor: null, allowLocalHttp: true },
      ),
    );
  const run = (clock: TestClock, db: Database = database, workerId = 'w1') =>
    deliverDueWebhooks(
      { database: db, now: clock.now, log },
      { workerId, onEndpointDisabled: emailAdminsEndpointDisabled(PUBLIC_URL), timeoutMs: 2_000 },
    );
  const deliveries = () => database.db.selectFrom('webhookDeliveries').selectAll().orderBy('id').execute();
  const attempts = () => database.db.selectFrom('webhookAttempts').selectAll().orderBy('id').execute();

  it('signs like the Standard Webhooks spec: its fixed test vector, and the reference library verifies us', () => {
    // The example of the specification (github.com/standard-webhooks/standard-webhooks, spec).
    expect(
      signWebhook(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');

    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = JSON.stringify({
      type: 'sale.paid',
      timestamp: '2026-03-02T15:00:00.000Z',
      data: { saleId: 7 },
    });
    const at = new Date();
    const headers = webhookHeaders(secret, 'msg_abc', at, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_abc', at, body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });

  it('records an event in the transaction of the change: a rolled-back enrollment leaves no delivery', async () => {
    const clock = new TestClock();
    const db = database.db;
    const subscribed = await endpoint('https://hooks.example.cl/a', ['enrollment.created'], clock);
    await endpoint('https://hooks.example.cl/b', ['sale.paid'], clock);
    const workshop = await createWorkshop(db, { startsAt: '2026-06-13T14:30:00.000Z' });
    const customer = await createCustomer(db);
    const ctx = { now: clock.now(), actor: null, publicUrl: PUBLIC_URL };

    await expect(
      inTransaction(database, async (trx) => {
        await enrollCustomer(trx, { workshopId: workshop.id, customerId: customer.id }, ctx);
        throw new Error('algo falló después');
      }),
    ).rejects.toThrow('algo falló después');
    expect(await deliveries()).toEqual([]);

    const { enrollmentId } = await inTransaction(database, (trx) =>
      enrollCustomer(trx, { workshopId: workshop.id, customerId: customer.id }, ctx),
    );
    const rows = await deliveries();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.endpointId).toBe(subscribed.id);
    expect(rows[0]!.messageId).toMatch(/^msg_[A-Za-z0-9_-]{20,}$/);
    expect(JSON.parse(rows[0]!.body)).toEqual({
      type: 'enrollment.created',
      timestamp: clock.now().toISOString(),
      data: { enrollmentId, workshopId: workshop.id, customerId: customer.id },
    });
  });

  it('records each event type from the service that makes the change', async () => {
    const clock = new TestClock();
    const db = database.db;
    await endpoint('https://hooks.example.cl/todo', [...WEBHOOK_EVENT_TYPES], clock);
    const staffUser = await createUser(db, { role: 'staff' });
    const ctx = {
      now: clock.now(),
      actor: { userId: staffUser.id, role: 'staff' as const },
      publicUrl: PUBLIC_URL,
    };
    const tx = <T>(fn: Parameters<typeof inTransaction<T>>[1]) => inTransaction(database, fn);
    const types = async () => (await deliveries()).map((d) => d.eventType);

    const user = await createUser(db);
    const customer = await tx((trx) => customerForUser(trx, user.id, ctx));
    expect(await types()).toEqual(['customer.created']);

    const workshop = await createWorkshop(db, { startsAt: '2026-06-13T14:30:00.000Z', totalSeats: 1 });
    const { enrollmentId } = await tx((trx) =>
      enrollCustomer(trx, { workshopId: workshop.id, customerId: customer.id }, ctx),
    );
    await tx((trx) => recordEnrollmentPayment(trx, { enrollmentId, method: 'efectivo' }, ctx));
    const waiting = await createCustomer(db);
    await tx((trx) => joinWaitlist(trx, { workshopId: workshop.id, customerId: waiting.id }, ctx));
    await tx((trx) => cancelEnrollment(trx, { enrollmentId, customerId: null, waitlistHoldHours: 24 }, ctx));
    await tx((trx) => recordEnrollmentRefund(trx, { enrollmentId, method: 'efectivo' }, ctx));
    const sale = await createSale(db, { status: 'PENDIENTE', customerId: customer.id });
    await tx((trx) => paySale(trx, sale.id, ctx));

    expect([...(await types())].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    const bodies = Object.fromEntries(
      (await deliveries()).map((d) => [d.eventType, JSON.parse(d.body).data]),
    );
    expect(bodies['enrollment.paid']).toEqual({
      enrollmentId,
      workshopId: workshop.id,
      customerId: customer.id,
    });
    expect(bodies['waitlist.offered']).toMatchObject({ workshopId: workshop.id, customerId: waiting.id });
    expect(bodies['payment.refunded']).toMatchObject({ enrollmentId, saleId: null });
    expect(bodies['sale.paid']).toEqual({ saleId: sale.id, customerId: customer.id });
  });

  it('retries on the written schedule under a test clock, keeps the webhook-id, then disables the endpoint and e-mails the admins', async () => {
    expect(RETRY_DELAYS_MINUTES).toEqual([1, 5, 30, 120, 360, 720, 1440, 1680]);
    const totalHours = RETRY_DELAYS_MINUTES.reduce((a, b) => a + b, 0) / 60;
    expect(totalHours).toBeGreaterThan(66);
    expect(totalHours).toBeLessThan(78);

    const admin = await createUser(database.db, { role: 'admin' });
    receiver = await startWebhookReceiver([500]);
    const clock = new TestClock();
    const start = clock.now().getTime();
    await endpoint(receiver.url, ['customer.created'], clock);
    await inTransaction(database, (trx) =>
      recordWebhookEvent(trx, 'customer.created', { customerId: 1 }, { now: clock.now() }),
    );

    let elapsedMinutes = 0;
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      // A minute early, nothing is due.
      if (attempt > 1) {
        clock.set(new Date(start + (elapsedMinutes - 1) * 60_000));
        expect(await run(clock)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
        clock.set(new Date(start + elapsedMinutes * 60_000));
      }
      const summary = await run(clock);
      expect(summary).toEqual(
        attempt < MAX_DELIVERY_ATTEMPTS
          ? { delivered: 0, retrying: 1, failed: 0 }
          : { delivered: 0, retrying: 0, failed: 1 },
      );
      const [row] = await deliveries();
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        elapsedMinutes += RETRY_DELAYS_MINUTES[attempt - 1]!;
        expect(row!.nextAttemptAt).toBe(new Date(start + elapsedMinutes * 60_000).toISOString());
      }
    }
    expect(receiver.received).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect((await deliveries())[0]!.status).toBe('FAILED');
    expect(await attempts()).toHaveLength(MAX_DELIVERY_ATTEMPTS);
    const ep = await database.db.selectFrom('webhookEndpoints').selectAll().executeTakeFirstOrThrow();
    expect(ep.isEnabled).toBe(false);
    expect(ep.disabledReason).toContain('Fallaron los 9 intentos');
    const mail = await database.db
      .selectFrom('emailOutbox')
      .select(['toAddress', 'subject', 'bodyText'])
      .where('template', '=', 'webhook_disabled')
      .execute();
    expect(mail.map((m) => m.toAddress)).toContain(admin.email);
    expect(mail[0]!.bodyText).toContain(receiver.url);
    expect(mail[0]!.bodyText).toContain(`${PUBLIC_URL}/gestion/webhooks/`);

    // A disabled endpoint gets no new events.
    await inTransaction(database, (trx) =>
      recordWebhookEvent(trx, 'customer.created', { customerId: 2 }, { now: clock.now() }),
    );
    expect(await deliveries()).toHaveLength(1);
  });

  it('delivers to a real receiver that answers 500 then 200: two attempts, one success, the same webhook-id, verified by the reference library', async () => {
    receiver = await startWebhookReceiver([500, 200]);
    const clock = new TestClock(new Date());
    const { secret } = await endpoint(receiver.url, ['sale.paid'], clock);
    await inTransaction(database, (trx) =>
      recordWebhookEvent(trx, 'sale.paid', { saleId: 9, customerId: 3 }, { now: clock.now() }),
    );

    expect(await run(clock)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    clock.advanceHours(1 / 60);
    expect(await run(clock)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(await run(clock)).toEqual({ delivered: 0, retrying: 0, failed: 0 });

    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(first!.headers['webhook-id']).toBe(second!.headers['webhook-id']);
    expect(second!.body).toBe(first!.body);
    const verified = new Webhook(secret).verify(second!.body, second!.headers as Record<string, string>);
    expect(verified).toEqual({
      type: 'sale.paid',
      timestamp: expect.any(String),
      data: { saleId: 9, customerId: 3 },
    });
    const log = await attempts();
    expect(log.map((a) => [a.statusCode, a.isSuccess])).toEqual([
      [500, false],
      [200, true],
    ]);
    expect(log[0]!.responseExcerpt).toBe('respuesta 500 del receptor');
    expect(log[0]!.durationMs).toBeGreaterThanOrEqual(0);
    const [row] = await deliveries();
    expect(row!.status).toBe('DELIVERED');
    expect(row!.deliveredAt).toBe(clock.now().toISOString());
  });

  it('disables the endpoint at once on a 410 and e-mails the admins; a resend needs it enabled again', async () => {
    const admin = await createUser(database.db, { role: 'admin' });
    receiver = await startWebhookReceiver([410]);
    const clock = new TestClock();
    const ep = await endpoint(receiver.url, ['customer.created'], clock);
    await inTransaction(database, (trx) =>
      recordWebhookEvent(trx, 'customer.created', { customerId: 4 }, { now: clock.now() }),
    );

    expect(await run(clock)).toEqual({ delivered: 0, retrying: 0, failed: 1 });
    const stored = await database.db
      .selectFrom('webhookEndpoints')
      .selectAll()
      .where('id', '=', ep.id)
      .executeTakeFirstOrThrow();
    expect(stored.isEnabled).toBe(false);
    expect(stored.disabledReason).toContain('410');
    const mail = await database.db
      .selectFrom('emailOutbox')
      .select('toAddress')
      .where('template', '=', 'webhook_disabled')
      .execute();
    expect(mail.map((m) => m.toAddress)).toContain(admin.email);

    const [row] = await deliveries();
    await expect(
      inTransaction(database, (trx) => resendWebhookDelivery(trx, row!.id, { now: clock.now() })),
    ).rejects.toThrow('actívalo antes de reenviar');
  });

  it('resends the same message on request, with a fresh schedule', async () => {
    receiver = await startWebhookReceiver([200]);
    const clock = new TestClock();
    await endpoint(receiver.url, ['enrollment.paid'], clock);
    await inTransaction(database, (trx) =>
      recordWebhookEvent(trx, 'enrollment.paid', { enrollmentId: 5 }, { now: clock.now() }),
    );
    expect((await run(clock)).delivered).toBe(1);
    clock.advanceHours(2);
    const [row] = await deliveries();
    await inTransaction(database, (trx) => resendWebhookDelivery(trx, row!.id, { now: clock.now() }));
    expect((await run(clock)).delivered).toBe(1);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(row!.messageId);
    expect(Number(receiver.received[1]!.headers['webhook-timestamp'])).toBe(
      Math.floor(clock.now().getTime() / 1000),
    );
    expect(await attempts()).toHaveLength(2);
  });

  it('never delivers the same attempt twice when two workers run at once', async () => {
    receiver = await startWebhookReceiver([200], { delayMs: 30 });
    const clock = new TestClock();
    await endpoint(receiver.url, ['customer.created'], clock);
    for (let i = 0; i < 6; i++)
      await inTransaction(database, (trx) =>
        recordWebhookEvent(trx, 'customer.created', { customerId: i }, { now: clock.now() }),
      );
    const [a, b] = twoWorkerDatabases(database);
    try {
      const [one, two] = await Promise.all([run(clock, a, 'worker-a'), run(clock, b, 'worker-b')]);
      expect(one.delivered + two.delivered).toBe(6);
    } finally {
      await closeWorkerDatabases(database, a, b);
    }
    expect(receiver.received).toHaveLength(6);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(6);
    expect(await attempts()).toHaveLength(6);
  });

  it('keeps deliveries for 30 days', async () => {
    receiver = await startWebhookReceiver([200]);
    const clock = new TestClock();
    await endpoint(receiver.url, ['customer.created'], clock);
    await inTransaction(database, (trx) =>
      recordWebhookEvent(trx, 'customer.created', { customerId: 1 }, { now: clock.now() }),
    );
    await run(clock);
    clock.advanceHours(24 * 20);
    await inTransaction(database, (trx) =>
      recordWebhookEvent(trx, 'customer.created', { customerId: 2 }, { now: clock.now() }),
    );
    await run(clock);
    clock.advanceHours(24 * 11);
    expect(await pruneWebhookDeliveries(database, clock.now())).toBe(1);
    const left = await deliveries();
    expect(left.map((d) => JSON.parse(d.body).data.customerId)).toEqual([2]);
    expect(await attempts()).toHaveLength(1);
  });
});
