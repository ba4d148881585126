import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emailAdminsEndpointDisabled } from '../../src/domain/webhook-delivery';
import { deliverDueWebhooks } from '../../src/domain/webhooks';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { memoryLog } from '../support/email/fixtures';
import { createCustomerAccount, createUser, createWorkshop, TEST_PASSWORD } from '../support/factories';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const secretOf = (page: string) => /whsec_[A-Za-z0-9+/=]+/.exec(page)?.[0];

/** /gestion/webhooks/: admins register endpoints; changes customers make reach them, signed. */
describe('webhooks in the back office', () => {
  let t: TestApp;
  let admin: TestClient;
  let staff: TestClient;
  let receiver: WebhookReceiver | undefined;

  beforeAll(async () => {
    t = await buildTestApp();
    const a = await createUser(t.database.db, { role: 'admin' });
    const s = await createUser(t.database.db, { role: 'staff' });
    admin = new TestClient(t.app);
    staff = new TestClient(t.app);
    await admin.login(a.email, TEST_PASSWORD);
    await staff.login(s.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  const work = () =>
    deliverDueWebhooks(
      { database: t.database, now: t.clock.now, log: memoryLog() },
      {
        workerId: 'flow',
        onEndpointDisabled: emailAdminsEndpointDisabled(t.config.publicUrl),
        timeoutMs: 2_000,
      },
    );

  it('registers an endpoint with its secret shown once, refuses what is not https, and is for admins only', async () => {
    const refused = await admin.post('/gestion/webhooks/', {
      url: 'http://ejemplo.cl/hooks',
      eventos: 'sale.paid',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('La dirección debe empezar con https://');
    const noEvents = await admin.post('/gestion/webhooks/', { url: 'https://ejemplo.cl/hooks' });
    expect(noEvents.statusCode).toBe(422);
    expect(noEvents.body).toContain('Elige al menos un evento.');

    const made = await admin.post('/gestion/webhooks/', {
      url: 'https://ejemplo.cl/hooks',
      descripcion: 'La web',
      eventos: ['sale.paid', 'customer.created', 'no.existe'],
    });
    expect(made.statusCode).toBe(200);
    const secret = secretOf(made.body)!;
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(24);
    const page = (await admin.get('/gestion/webhooks/')).body;
    expect(page).toContain('https://ejemplo.cl/hooks');
    expect(page).toContain('Venta pagada, Cliente creado');
    expect(page).not.toContain(secret);

    // Audited, without the secret.
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['afterJson', 'actorUserId'])
      .where('entityType', '=', 'webhook_endpoint')
      .where('action', '=', 'create')
      .execute();
    expect(audit.map((a) => JSON.parse(a.afterJson!).url)).toContain('https://ejemplo.cl/hooks');
    expect(JSON.stringify(audit)).not.toContain('whsec_');

    expect((await staff.get('/gestion/webhooks/')).statusCode).toBe(403);
    expect(
      (await staff.post('/gestion/webhooks/', { url: 'https://x.cl/', eventos: 'sale.paid' })).statusCode,
    ).toBe(403);
    expect((await staff.get('/gestion/webhooks/entregas/')).statusCode).toBe(200);
  });

  it('sends a customer’s enrollment to a local receiver, retries its 500, and shows every attempt to staff with a resend', async () => {
    receiver = await startWebhookReceiver([500, 200]);
    const made = await admin.post('/gestion/webhooks/', {
      url: receiver.url,
      eventos: ['enrollment.created', 'enrollment.cancelled'],
    });
    expect(made.statusCode).toBe(200);
    const secret = secretOf(made.body)!;
    const endpoint = await t.database.db
      .selectFrom('webhookEndpoints')
      .select('id')
      .where('url', '=', receiver.url)
      .executeTakeFirstOrThrow();

    const account = await createCustomerAccount(t.database.db);
    const customer = new TestClient(t.app);
    await customer.login(account.login, account.password);
    const workshop = await createWorkshop(t.database.db, {
      startsAt: new Date(t.clock.now().getTime() + 5 * 24 * 3600_000).toISOString(),
    });
    expect((await customer.post(`/talleres/${workshop.id}/`, { telefono: '+56912345678' })).statusCode).toBe(
      303,
    );

    expect(await work()).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    t.clock.advanceHours(1 / 60);
    expect(await work()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    const body = JSON.parse(second!.body);
    expect(body).toMatchObject({
      type: 'enrollment.created',
      data: { workshopId: workshop.id, customerId: account.customer.id },
    });
    // The test clock is far from the real one, so the reference library's timestamp window would
    // refuse it: it signs the same id, timestamp and body instead, and must give the same signature.
    const timestamp = new Date(Number(second!.headers['webhook-timestamp']) * 1000);
    expect(timestamp.getTime()).toBe(Math.floor(t.clock.now().getTime() / 1000) * 1000);
    expect(second!.headers['webhook-signature']).toBe(
      new Webhook(secret).sign(String(second!.headers['webhook-id']), timestamp, second!.body),
    );

    // Staff: the list, filtered, and the attempts of the delivery.
    const list = await staff.get(
      `/gestion/webhooks/entregas/?endpoint=${endpoint.id}&evento=enrollment.created&estado=DELIVERED`,
    );
    expect(list.statusCode).toBe(200);
    expect(list.body.match(/data-test="delivery-row"/g)).toHaveLength(1);
    expect(
      (await staff.get(`/gestion/webhooks/entregas/?endpoint=${endpoint.id}&estado=FAILED`)).body,
    ).not.toContain('data-test="delivery-row"');
    const delivery = await t.database.db
      .selectFrom('webhookDeliveries')
      .select(['id', 'messageId'])
      .where('endpointId', '=', endpoint.id)
      .executeTakeFirstOrThrow();
    const detail = await staff.get(`/gestion/webhooks/entregas/${delivery.id}/`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body.match(/data-test="attempt-row"/g)).toHaveLength(2);
    expect(detail.body).toContain('HTTP 500');
    expect(detail.body).toContain('respuesta 500 del receptor');
    expect(detail.body).toContain('HTTP 200');
    expect(detail.body).toContain(delivery.messageId);

    const resent = await staff.post(`/gestion/webhooks/entregas/${delivery.id}/reenviar/`);
    expect(resent.statusCode).toBe(303);
    expect((await staff.follow(resent)).body).toContain('la entrega volvió a la cola');
    expect(await work()).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(receiver.received[2]!.headers['webhook-id']).toBe(delivery.messageId);
    expect((await staff.get('/gestion/webhooks/entregas/999999/')).statusCode).toBe(404);

    // Disabled by an admin: nothing more is recorded for it, and a resend is refused with a message.
    expect((await admin.post(`/gestion/webhooks/${endpoint.id}/desactivar/`)).statusCode).toBe(303);
    const refused = await staff.post(
      `/gestion/webhooks/entregas/${delivery.id}/reenviar/`,
      {},
      {
        headers: { referer: `/gestion/webhooks/entregas/${delivery.id}/` },
      },
    );
    expect(refused.statusCode).toBe(303);
    expect((await staff.follow(refused)).body).toContain('actívalo antes de reenviar');
  });
});
