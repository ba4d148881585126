import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/support/app';
import { TestClient } from '../../../../test/support/client';
import { parseCsvExport } from '../../../../test/support/csv';
import { memoryLog } from '../../../../test/support/email/fixtures';
import { queueMarketingEmail } from '../../../../test/support/email/marketing';
import { type SmtpTestServer, startSmtpTestServer } from '../../../../test/support/email/smtp-server';
import {
  createCustomer,
  createCustomerAccount,
  createUser,
  TEST_PASSWORD,
  unique,
} from '../../../../test/support/factories';
import { inTransaction } from '../../../db/transaction';
import { OPTED_OUT_MESSAGE } from '../../../domain/email/email.errors';
import { queueEmail } from '../../../domain/email/email.service';
import { sendDueEmails } from '../../../domain/email/outbox.worker';
import { type MailTransport, smtpTransport } from '../../../domain/email/transport';
import { unsubscribePath, verifyUnsubscribeToken } from '../../../domain/email/unsubscribe';
import { queueStaffMessages } from '../../../domain/messages/staff-messages.service';

const PUBLIC_URL = 'https://tmm.example.cl';

describe('unsubscribe and the staff e-mail log', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let transport: MailTransport;
  let staff: TestClient;

  beforeAll(async () => {
    t = await buildTestApp({ env: { PUBLIC_URL } });
    smtp = await startSmtpTestServer();
    transport = smtpTransport(smtp.url);
    const user = await createUser(t.database.db, { role: 'staff' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await smtp.stop();
    await t.close();
  });

  const ctx = () => ({ now: t.clock.now(), publicUrl: PUBLIC_URL, sessionSecret: t.config.sessionSecret });
  const deliver = () =>
    sendDueEmails({ database: t.database, config: t.config, now: t.clock.now, log: memoryLog() }, transport, {
      workerId: 'routes',
      batchSize: 200,
    });
  const optedOut = async (customerId: number) =>
    (
      await t.database.db
        .selectFrom('customers')
        .select('isMarketingOptOut')
        .where('id', '=', customerId)
        .executeTakeFirstOrThrow()
    ).isMarketingOptOut;
  const receivedBy = (email: string) => smtp.received.filter((r) => r.envelopeTo.includes(email));

  describe('unsubscribe links', () => {
    it('accepts only tokens signed with our secret', () => {
      const secret = t.config.sessionSecret;
      const token = unsubscribePath(42, secret).split('/')[3]!;
      expect(verifyUnsubscribeToken(token, secret)).toBe(42);
      expect(verifyUnsubscribeToken(token.replace(/^42-/, '43-'), secret)).toBeNull();
      expect(verifyUnsubscribeToken(token, 'x'.repeat(40))).toBeNull();
      expect(verifyUnsubscribeToken('42-corto', secret)).toBeNull();
    });

    it('asks for confirmation on GET and changes nothing until the button is pressed', async () => {
      const customer = await createCustomer(t.database.db, { email: `${unique('baja')}@example.cl` });
      const client = new TestClient(t.app);
      const path = unsubscribePath(customer.id, t.config.sessionSecret);
      const page = await client.get(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Sí, darme de baja');
      expect(page.body).toContain(`${customer.email.slice(0, 2)}•••@example.cl`);
      expect(page.body).not.toContain(customer.email);
      expect(await optedOut(customer.id)).toBe(false);

      const done = await client.post(path, {});
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe(path);
      expect(await optedOut(customer.id)).toBe(true);
      const after = await client.follow(done);
      expect(after.body).toContain('ya no recibirás correos de novedades');
      expect(after.body).not.toContain('Sí, darme de baja');
    });

    it('refuses the confirmation form without its CSRF token', async () => {
      const customer = await createCustomer(t.database.db);
      const res = await new TestClient(t.app).post(
        unsubscribePath(customer.id, t.config.sessionSecret),
        {},
        { csrf: false },
      );
      expect(res.statusCode).toBe(403);
      expect(await optedOut(customer.id)).toBe(false);
    });

    it('honours a mail provider one-click POST (RFC 8058), which has no cookie and no token', async () => {
      const customer = await createCustomer(t.database.db);
      const res = await t.app.inject({
        method: 'POST',
        url: unsubscribePath(customer.id, t.config.sessionSecret),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode).toBe(200);
      expect(await optedOut(customer.id)).toBe(true);

      const other = await createCustomer(t.database.db);
      const boundary = 'xYzZY';
      const multipart = await t.app.inject({
        method: 'POST',
        url: unsubscribePath(other.id, t.config.sessionSecret),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      });
      expect(multipart.statusCode).toBe(200);
      expect(await optedOut(other.id)).toBe(true);
    });

    it('answers 404 to a forged or malformed link', async () => {
      const client = new TestClient(t.app);
      expect((await client.get('/correo/baja/1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/')).statusCode).toBe(404);
      expect((await client.get('/correo/baja/nada/')).statusCode).toBe(404);
      const forged = await t.app.inject({
        method: 'POST',
        url: '/correo/baja/1-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(forged.statusCode).toBe(404);
    });
  });

  describe('marketing and transactional e-mail after opting out', () => {
    it('sends no marketing e-mail to a customer who opted out, but still sends their receipts', async () => {
      const email = `${unique('optout')}@example.cl`;
      const customer = await createCustomer(t.database.db, { email, fullName: 'Josefa Díaz' });
      // Queued before the opt-out: the worker checks again at send time.
      const early = await inTransaction(t.database, (trx) =>
        queueMarketingEmail(
          trx,
          { customerId: customer.id, subject: 'Oferta', body: 'Hola [Nombre]' },
          ctx(),
        ),
      );
      expect(early).toBeGreaterThan(0);
      await t.app.inject({
        method: 'POST',
        url: unsubscribePath(customer.id, t.config.sessionSecret),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      const late = await inTransaction(t.database, (trx) =>
        queueMarketingEmail(trx, { customerId: customer.id, subject: 'Otra oferta', body: 'Hola' }, ctx()),
      );
      expect(late).toBeNull();
      await inTransaction(t.database, (trx) =>
        queueEmail(
          trx,
          {
            template: 'order_receipt',
            to: email,
            customerId: customer.id,
            data: { name: 'Josefa Díaz', saleId: 3, lines: [], totalClp: 15000, paid: true, payPath: null },
          },
          ctx(),
        ),
      );
      const summary = await deliver();
      expect(summary.skipped).toBe(1);
      expect(receivedBy(email).map((r) => r.mail.subject)).toEqual(['Tu compra #3']);

      const logs = await t.database.db
        .selectFrom('emailLog')
        .select(['subject', 'status', 'errorMessage'])
        .where('customerId', '=', customer.id)
        .orderBy('id')
        .execute();
      expect(logs).toEqual([
        { subject: 'Otra oferta', status: 'FAIL', errorMessage: OPTED_OUT_MESSAGE },
        { subject: 'Oferta', status: 'FAIL', errorMessage: OPTED_OUT_MESSAGE },
        { subject: 'Tu compra #3', status: 'SUCCESS', errorMessage: null },
      ]);
      const failed = await staff.get(`/gestion/correos/?q=${email}&estado=fallido`);
      expect(failed.body).toContain('Mostrando 1–2 de 2');
      expect(failed.body).toContain('Otra oferta');
      expect(failed.body).toContain('se dio de baja');
    });

    it('fills every placeholder, including the old [Nombre] and [Nombre del Cliente] forms', async () => {
      const account = await createCustomerAccount(t.database.db, { name: 'Ignacia Pérez' });
      const workshop = await t.database.db
        .insertInto('workshops')
        .values({
          name: unique('Acuarela '),
          description: 'x',
          startsAt: '2026-06-13T14:30:00.000Z',
          durationMinutes: 90,
          priceClp: 30000,
          totalSeats: 5,
          isActive: true,
        })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();
      const enrollment = await t.database.db
        .insertInto('enrollments')
        .values({
          customerId: account.customer.id,
          workshopId: workshop.id,
          amountDueClp: 30000,
          amountPaidClp: 10000,
          status: 'ABONADO',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const result = await inTransaction(t.database, (trx) =>
        queueStaffMessages(
          trx,
          {
            subject: '[Taller]: te esperamos',
            body: 'Hola [Nombre] / [Nombre del Cliente]. Estado: [Estado]. Saldo: [Saldo]. Paga en [Link de Pago]. Fecha: [Fecha del Taller]. [Texto libre]',
            kind: 'transactional',
            recipients: [{ customerId: account.customer.id, enrollmentId: enrollment.id }],
          },
          ctx(),
        ),
      );
      expect(result.queued).toBe(1);
      const row = await t.database.db
        .selectFrom('emailOutbox')
        .select(['subject', 'bodyText', 'kind'])
        .where('id', '=', result.outboxIds[0]!)
        .executeTakeFirstOrThrow();
      expect(row.subject).toBe(`${workshop.name}: te esperamos`);
      expect(row.kind).toBe('transactional');
      expect(row.bodyText).toContain(
        `Hola Ignacia / Ignacia Pérez. Estado: Abonado. Saldo: $20.000. Paga en ${PUBLIC_URL}/pago/${enrollment.id}/. Fecha: sábado 13 de junio de 2026, 10:30 hrs. [Texto libre]`,
      );
      expect(row.bodyText).not.toContain('/correo/baja/');
    });

    it('refuses a payment-link placeholder for recipients without an enrollment', async () => {
      const customer = await createCustomer(t.database.db);
      await expect(
        inTransaction(t.database, (trx) =>
          queueMarketingEmail(
            trx,
            { customerId: customer.id, subject: 'Hola', body: 'Paga en [Link de Pago]' },
            ctx(),
          ),
        ),
      ).rejects.toThrow(/\[Link de Pago\]/);
    });
  });

  describe('/gestion/correos/', () => {
    it('is for staff only', async () => {
      const anonymous = await new TestClient(t.app).get('/gestion/correos/');
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe('/login/?next=%2Fgestion%2Fcorreos%2F');
      const account = await createCustomerAccount(t.database.db);
      const customer = new TestClient(t.app);
      await customer.login(account.login, account.password);
      expect((await customer.get('/gestion/correos/')).statusCode).toBe(403);
    });

    it('lists e-mails newest first, filters by state, searches by recipient and pages', async () => {
      const tag = unique('lista');
      await inTransaction(t.database, async (trx) => {
        for (let i = 0; i < 30; i++) {
          t.clock.advanceHours(0.01);
          await queueEmail(
            trx,
            {
              template: 'verify_email',
              to: `${tag}-${i}@example.cl`,
              data: { name: `N${i}`, verifyPath: '/v/' },
            },
            ctx(),
          );
        }
      });
      const first = await staff.get(`/gestion/correos/?q=${tag}`);
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain('Mostrando 1–25 de 30');
      const rows = [...first.body.matchAll(new RegExp(`${tag}-(\\d+)@example.cl`, 'g'))].map((m) =>
        Number(m[1]),
      );
      expect(rows[0]).toBe(29);
      expect(rows.at(-1)).toBe(5);
      expect(first.body).toContain(`q=${tag}&amp;page=2`);
      const second = await staff.get(`/gestion/correos/?q=${tag}&page=2`);
      expect(second.body).toContain('Mostrando 26–30 de 30');

      // The export is the whole filtered list, not one page.
      const csv = await staff.get(`/gestion/correos/?q=${tag}&formato=csv`);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toMatch(
        /attachment; filename="correos-\d{4}-\d\d-\d\d\.csv"/,
      );
      expect(parseCsvExport(csv.body).filter((row) => row.some((c) => c.includes(`${tag}-`)))).toHaveLength(
        30,
      );
      const xlsx = await staff.get(`/gestion/correos/?q=${tag}&formato=xlsx`);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

      await deliver();
      expect((await staff.get(`/gestion/correos/?q=${tag}&estado=pendiente`)).body).toContain(
        'No hay correos',
      );
      const sent = await staff.get(`/gestion/correos/?q=${tag.toUpperCase()}&estado=enviado`);
      expect(sent.body).toContain('Mostrando 1–25 de 30');
      expect(sent.body).toContain('Enviado');
      // A state that does not exist is ignored, not an error.
      expect((await staff.get(`/gestion/correos/?estado=BORRADO&q=${tag}`)).statusCode).toBe(200);
      expect((await staff.get('/gestion/correos/?page=1&page=2&q=a&q=b&estado=x&estado=y')).statusCode).toBe(
        200,
      );
    });

    it('shows the last error of a failed e-mail and resends a copy', async () => {
      const email = `${unique('fallo')}@example.cl`;
      const id = (await inTransaction(t.database, (trx) =>
        queueEmail(trx, { template: 'welcome', to: email, data: { name: 'X', verifyPath: null } }, ctx()),
      ))!;
      smtp.mode = 'permanent-failure';
      try {
        await deliver();
      } finally {
        smtp.mode = 'accept';
      }
      const list = await staff.get(`/gestion/correos/?q=${email}&estado=fallido`);
      expect(list.body).toContain('Fallido');
      expect(list.body).toMatch(/550/);

      const resent = await staff.post(`/gestion/correos/${id}/reenviar/`);
      expect(resent.statusCode).toBe(303);
      const copyId = Number(/\/gestion\/correos\/(\d+)\//.exec(String(resent.headers.location))![1]);
      expect(copyId).toBeGreaterThan(id);
      const page = await staff.follow(resent);
      expect(page.body).toContain('pusimos en cola una copia');
      await deliver();
      expect(receivedBy(email)).toHaveLength(1);
      expect((await staff.get(`/gestion/correos/?q=${email}`)).body).toContain('Mostrando 1–2 de 2');
    });

    it('shows an e-mail without injecting its HTML into the page', async () => {
      const id = (await inTransaction(t.database, (trx) =>
        queueEmail(
          trx,
          {
            template: 'staff_message',
            to: `${unique('xss')}@example.cl`,
            data: {
              name: 'Ana',
              subject: 'Hola <script>alert(1)</script>',
              body: 'Texto',
              unsubscribePath: null,
            },
          },
          ctx(),
        ),
      ))!;
      const page = await staff.get(`/gestion/correos/${id}/`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('<script>alert(1)</script>');
      expect(page.body).toMatch(/&lt;script(>|&gt;)alert\(1\)&lt;\/script/);
      expect(page.body).toContain(`src="/gestion/correos/${id}/vista/"`);
      // A bare `sandbox` attribute (no allow-* tokens): no scripts, forms or same-origin access.
      expect(page.body).toMatch(/<iframe[^>]*\ssandbox(=""|\s|>)/);

      const preview = await staff.get(`/gestion/correos/${id}/vista/`);
      expect(preview.statusCode).toBe(200);
      expect(preview.headers['content-security-policy']).toMatch(/^sandbox; default-src 'none'/);

      expect((await staff.get('/gestion/correos/999999/')).statusCode).toBe(404);
      expect((await staff.get('/gestion/correos/abc/')).statusCode).toBe(404);
      expect((await staff.post('/gestion/correos/999999/reenviar/')).statusCode).toBe(404);
    });
  });
});
