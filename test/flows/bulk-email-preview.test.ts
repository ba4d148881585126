import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueEmails } from '../../src/domain/email/outbox.worker';
import { smtpTransport } from '../../src/domain/email/transport';
import { buildTestApp, type TestApp } from '../support/app';
import { TestClient } from '../support/client';
import { memoryLog } from '../support/email/fixtures';
import { type SmtpTestServer, startSmtpTestServer } from '../support/email/smtp-server';
import { createCustomer, createInterest, createUser, TEST_PASSWORD, unique } from '../support/factories';

/** The bulk e-mail page (/gestion/email/): what staff preview is what the customer receives. */
describe('bulk e-mail preview', () => {
  let t: TestApp;
  let staff: TestClient;
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    t = await buildTestApp();
    const user = await createUser(t.database.db, { role: 'staff', name: 'Carolina López' });
    staff = new TestClient(t.app);
    await staff.login(user.email, TEST_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const deliver = () =>
    sendDueEmails(
      { database: t.database, config: t.config, now: t.clock.now, log: memoryLog() },
      smtpTransport(smtp.url),
      { workerId: 'preview-test', batchSize: 100 },
    );

  /** The HTML inside the preview frame's srcdoc attribute, as the browser reads it. */
  const srcdoc = (page: string) => {
    const match = /<iframe[^>]*\bsrcdoc="([^"]*)"/.exec(page);
    expect(match, 'the preview has a frame with the e-mail').not.toBeNull();
    return match![1]!
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  };
  const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

  it('previews the HTML the customer receives, greeting by first name once and signing off once', async () => {
    const interest = await createInterest(t.database.db, unique('Acuarela '));
    const customer = await createCustomer(t.database.db, { fullName: 'Valentina Muñoz Araya' });
    await t.database.db
      .insertInto('customerInterests')
      .values({ customerId: customer.id, interestId: interest.id })
      .execute();
    const form = {
      interes: String(interest.id),
      asunto: 'Talleres de acuarela para ti, [Nombre]',
      mensaje: 'Guardamos tu cupo a nombre de [Nombre completo].\n\nMira las fechas en [Link del Catálogo].',
    };

    const preview = await staff.post('/gestion/email/', { ...form, paso: 'vista' });
    expect(preview.statusCode).toBe(200);
    // The frame inherits the page's policy: style attributes (how e-mails are styled) are allowed.
    expect(preview.headers['content-security-policy']).toContain("style-src-attr 'unsafe-inline'");
    expect(preview.headers['content-security-policy']).toContain("script-src 'self'");
    expect(preview.body).toMatch(/<iframe [^>]*\bsandbox srcdoc=/);
    const html = srcdoc(preview.body);
    expect(html).toContain('Talleres de acuarela para ti, Valentina');
    expect(html).toContain('Hola, Valentina</p>');
    expect(html).toContain('Guardamos tu cupo a nombre de Valentina Muñoz Araya.');
    expect(count(html, 'Hola')).toBe(1);
    expect(count(html, 'Con cariño,')).toBe(1);
    expect(html).toContain('Carolina López, equipo TMM');

    const sent = await staff.post('/gestion/email/', { ...form, paso: 'enviar' });
    expect(sent.statusCode).toBe(303);
    smtp.received.length = 0;
    expect((await deliver()).sent).toBe(1);
    const [received] = smtp.received.filter((r) => r.envelopeTo.includes(customer.email));
    expect(received?.mail.subject).toBe('Talleres de acuarela para ti, Valentina');
    // Byte for byte, but for the line breaks SMTP carries as CRLF.
    expect(received?.mail.html.replace(/\r\n/g, '\n')).toBe(html);
  });

  it('offers ready-made messages without a greeting or sign-off of their own', async () => {
    for (const template of ['novedades', 'recordatorio', 'info_taller']) {
      const page = await staff.get(`/gestion/email/?plantilla=${template}`);
      const message = /<textarea id="f-mensaje"[^>]*>([^<]*)<\/textarea>/.exec(page.body)![1]!;
      expect(message, template).not.toMatch(/^\s*(Hola|Querid|Estimad)/);
      expect(message, template).not.toMatch(/(Saludos|Con cariño|Atentamente)/);
    }
  });
});
