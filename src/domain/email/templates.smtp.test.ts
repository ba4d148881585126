import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../../test/support/app';
import { createTestDb, type TestDb } from '../../../test/support/db';
import { memoryLog } from '../../../test/support/email/fixtures';
import { queueMarketingEmail } from '../../../test/support/email/marketing';
import { type SmtpTestServer, startSmtpTestServer } from '../../../test/support/email/smtp-server';
import { createCustomer } from '../../../test/support/factories';
import type { Config } from '../../config';
import { inTransaction } from '../../db/transaction';
import { queueEmail } from './email.service';
import { sendDueEmails } from './outbox.worker';
import type { TemplateData, TemplateName } from './templates/types';
import { smtpTransport } from './transport';

const PUBLIC_URL = 'https://tmm.example.cl';
const ONLINE_URL = 'https://meet.example.com/tmm-resina';
const NOW = new Date('2026-03-02T15:00:00.000Z');
const ADDRESS = {
  recipient: 'Camila Rojas',
  phone: '+56912345678',
  street: 'Av. Alemania 1234, depto 5',
  comuna: 'Valparaíso',
  region: 'Valparaíso',
  notes: 'Dejar en conserjería',
};

// Typed as a complete record: a template added to types.ts without a sample here fails to compile.
const SAMPLES: { [K in TemplateName]: { data: TemplateData[K]; subject: string; mustSay: string[] } } = {
  welcome: {
    data: { name: 'Camila Rojas', verifyPath: '/cuenta/verificar/abc123/' },
    subject: 'Bienvenida a TMM',
    mustSay: ['Tu cuenta en TMM Bienestar y Conexión quedó creada', `${PUBLIC_URL}/cuenta/verificar/abc123/`],
  },
  verify_email: {
    data: { name: 'Camila Rojas', verifyPath: '/cuenta/verificar/xyz/' },
    subject: 'Confirma tu correo',
    mustSay: [`${PUBLIC_URL}/cuenta/verificar/xyz/`],
  },
  signup_confirmation: {
    data: { name: 'Camila Rojas', confirmPath: '/cuenta/registro/confirmar/tok/', expiresInHours: 48 },
    subject: 'Confirma tu correo para crear tu cuenta',
    mustSay: ['vence en 48 horas', `${PUBLIC_URL}/cuenta/registro/confirmar/tok/`],
  },
  signup_existing_account: {
    data: { name: 'Camila Rojas' },
    subject: 'Ya tienes una cuenta en TMM',
    mustSay: ['ya tienes una', `${PUBLIC_URL}/login/`, `${PUBLIC_URL}/cuenta/recuperar/`],
  },
  password_reset: {
    data: { name: 'Camila Rojas', resetPath: '/cuenta/clave/restablecer/tok/', expiresInMinutes: 60 },
    subject: 'Recupera tu contraseña',
    mustSay: ['vence en 60 minutos', `${PUBLIC_URL}/cuenta/clave/restablecer/tok/`],
  },
  enrollment_confirmation: {
    data: {
      name: 'Camila Rojas',
      enrollmentId: 41,
      workshopName: 'Resina para principiantes',
      startsAt: '2026-06-13T14:30:00.000Z',
      durationMinutes: 120,
      modality: 'PRESENCIAL',
      location: 'Cerro Alegre, Valparaíso',
      onlineUrl: null,
      amountDueClp: 45000,
      payPath: '/pago/41/',
      workshopPath: '/talleres/7/',
    },
    subject: 'Inscripción confirmada: Resina para principiantes',
    mustSay: [
      'sábado 13 de junio de 2026, 10:30 hrs',
      '$45.000',
      'Cerro Alegre, Valparaíso',
      `${PUBLIC_URL}/pago/41/`,
    ],
  },
  booking_confirmation: {
    data: {
      name: 'Camila Rojas',
      title: 'Torno de los martes',
      totalClp: 30000,
      bookingPath: '/series/reservas/9/',
      sessions: [
        {
          enrollmentId: 41,
          workshopName: 'Torno de los martes',
          startsAt: '2026-06-16T22:30:00.000Z',
          modality: 'PRESENCIAL',
          location: 'Sala del torno',
          ticketPath: '/entradas/41.abc/',
        },
        {
          enrollmentId: 42,
          workshopName: 'Torno de los martes',
          startsAt: '2026-06-23T22:30:00.000Z',
          modality: 'PRESENCIAL',
          location: 'Sala del torno',
          ticketPath: '/entradas/42.def/',
        },
      ],
    },
    subject: 'Reserva confirmada: Torno de los martes',
    mustSay: [
      'martes 16 de junio de 2026, 18:30 hrs',
      'martes 23 de junio de 2026, 18:30 hrs',
      '$30.000',
      `${PUBLIC_URL}/series/reservas/9/`,
      `${PUBLIC_URL}/entradas/42.def/`,
    ],
  },
  payment_receipt: {
    data: {
      name: 'Camila Rojas',
      workshopName: 'Resina para principiantes',
      startsAt: '2026-06-13T14:30:00.000Z',
      amountClp: 20000,
      method: 'transferencia',
      reference: 'TRX-778',
      paidAt: '2026-03-02T15:00:00.000Z',
      balanceClp: 25000,
    },
    subject: 'Recibimos tu pago: Resina para principiantes',
    mustSay: ['$20.000', 'Transferencia', 'TRX-778', '$25.000'],
  },
  order_receipt: {
    data: {
      name: 'Camila Rojas',
      saleId: 88,
      lines: [
        { name: 'Kit de resina', quantity: 2, unitPriceClp: 15000 },
        { name: 'Timbres', quantity: 1, unitPriceClp: 9990 },
      ],
      totalClp: 43490,
      paid: false,
      payPath: '/compras/88/pago/',
      fulfilment: { method: 'delivery', shippingClp: 3500, address: ADDRESS },
    },
    subject: 'Tu compra #88',
    mustSay: [
      '2 × Kit de resina',
      '$3.500',
      'Despacho a domicilio',
      '$43.490',
      'Av. Alemania 1234, depto 5, Valparaíso, Valparaíso',
      'Dejar en conserjería',
      `${PUBLIC_URL}/compras/88/pago/`,
    ],
  },
  order_prepared: {
    data: { name: 'Camila Rojas', saleId: 88, method: 'pickup' },
    subject: 'Tu pedido #88 está preparado',
    mustSay: ['listo para retirar en el taller', `${PUBLIC_URL}/cuenta/perfil/`],
  },
  order_ready_for_pickup: {
    data: {
      name: 'Camila Rojas',
      saleId: 88,
      address: 'Almirante Montt 123, Cerro Alegre, Valparaíso',
      hours: 'Martes a sábado, de 11:00 a 19:00 hrs',
    },
    subject: 'Tu pedido #88 está listo para retiro',
    mustSay: ['Almirante Montt 123, Cerro Alegre, Valparaíso', 'Martes a sábado, de 11:00 a 19:00 hrs'],
  },
  order_shipped: {
    data: {
      name: 'Camila Rojas',
      saleId: 88,
      address: ADDRESS,
      courier: 'Starken',
      trackingCode: 'STK-778899',
    },
    subject: 'Tu pedido #88 va en camino',
    mustSay: ['Av. Alemania 1234, depto 5, Valparaíso, Valparaíso', 'Starken', 'STK-778899'],
  },
  order_delivered: {
    data: { name: 'Camila Rojas', saleId: 88, method: 'delivery' },
    subject: 'Tu pedido #88 fue entregado',
    mustSay: ['fue entregado', `${PUBLIC_URL}/productos/`],
  },
  cancellation: {
    data: {
      name: 'Camila Rojas',
      workshopName: 'Encuadernación japonesa',
      startsAt: '2026-01-10T13:00:00.000Z',
      refundDueClp: 10000,
    },
    subject: 'Inscripción anulada: Encuadernación japonesa',
    mustSay: ['sábado 10 de enero de 2026, 10:00 hrs', 'Te devolveremos $10.000', 'contáctanos'],
  },
  refund_receipt: {
    data: {
      name: 'Camila Rojas',
      subject: '«Resina para principiantes»',
      amountClp: 15000,
      method: 'webpay',
      reference: 'Anulación Webpay 123456',
      refundedAt: '2026-03-03T15:00:00.000Z',
    },
    subject: 'Te devolvimos $15.000',
    mustSay: ['$15.000', 'Webpay', 'Anulación Webpay 123456', 'martes 3 de marzo de 2026'],
  },
  late_payment_refunded: {
    data: {
      name: 'Camila Rojas',
      subject: '«Resina para principiantes»',
      amountClp: 45000,
      method: 'mercadopago',
      reason: 'tu reserva había vencido y el cupo ya lo tomó otra persona.',
      refunded: true,
      payPath: '/pago/en-linea/7/',
    },
    subject: 'Te devolvimos tu pago de $45.000',
    mustSay: ['el cupo ya lo tomó otra persona', 'Mercado Pago', `${PUBLIC_URL}/pago/en-linea/7/`],
  },
  payment_alert: {
    data: {
      title: 'Pago devuelto automáticamente',
      message: 'Llegó un pago de Webpay cuando el cupo ya no estaba disponible; se devolvió completo.',
      rows: [
        ['Cliente', 'Camila Rojas'],
        ['Orden de compra', 'I12-7F3A9C2B01'],
      ],
      path: '/gestion/pagos-en-linea/7/',
    },
    subject: 'Pagos en línea: Pago devuelto automáticamente',
    mustSay: ['I12-7F3A9C2B01', `${PUBLIC_URL}/gestion/pagos-en-linea/7/`],
  },
  waitlist_offer: {
    data: {
      name: 'Camila Rojas',
      workshopName: 'Resina para principiantes',
      startsAt: '2026-06-13T14:30:00.000Z',
      holdExpiresAt: '2026-06-10T02:00:00.000Z',
      offerPath: '/lista-espera/oferta/9/',
    },
    subject: '¡Se liberó un cupo en Resina para principiantes!',
    mustSay: ['martes 9 de junio de 2026, 22:00 hrs', `${PUBLIC_URL}/lista-espera/oferta/9/`],
  },
  workshop_reminder: {
    data: {
      name: 'Camila Rojas',
      workshopName: 'Mindfulness online',
      startsAt: '2026-06-13T14:30:00.000Z',
      modality: 'ONLINE',
      location: null,
      onlineUrl: ONLINE_URL,
    },
    subject: 'Recordatorio: Mindfulness online',
    mustSay: [ONLINE_URL, 'sábado 13 de junio de 2026, 10:30 hrs'],
  },
  payment_reminder: {
    data: {
      name: 'Camila Rojas',
      workshopName: 'Resina para principiantes',
      startsAt: '2026-06-13T14:30:00.000Z',
      balanceClp: 25000,
      payPath: '/pago/41/',
    },
    subject: 'Recordatorio de pago: Resina para principiantes',
    mustSay: ['$25.000', `${PUBLIC_URL}/pago/41/`],
  },
  workshop_changed: {
    data: {
      name: 'Camila Rojas',
      workshopName: 'Resina para principiantes',
      startsAt: '2026-06-20T14:30:00.000Z',
      previousStartsAt: '2026-06-13T14:30:00.000Z',
      cancelled: false,
      note: 'Cambiamos la fecha por mantención de la sala.',
    },
    subject: 'Cambio de fecha: Resina para principiantes',
    mustSay: [
      'sábado 20 de junio de 2026, 10:30 hrs',
      'sábado 13 de junio de 2026, 10:30 hrs',
      'mantención de la sala',
    ],
  },
  staff_message: {
    data: {
      name: 'Camila Rojas',
      subject: 'Materiales para el sábado',
      body: 'Trae un delantal.\n\nNos vemos pronto.',
      unsubscribePath: null,
      senderName: 'Paula',
    },
    subject: 'Materiales para el sábado',
    mustSay: ['Trae un delantal.', 'Paula, equipo TMM'],
  },
  pack_expiry_reminder: {
    data: {
      name: 'Camila Rojas',
      packName: 'Bono 5 clases',
      balance: 3,
      expiresAt: '2026-04-01T15:00:00.000Z',
      path: '/cuenta/bonos/',
    },
    subject: 'Tu bono «Bono 5 clases» vence pronto',
    mustSay: ['Te quedan 3 créditos', 'Ver mis bonos'],
  },
  webhook_disabled: {
    data: {
      // Any address in a message must pass the "absolute and ours" check below: a receiver of our own.
      url: `${PUBLIC_URL}/eventos`,
      description: 'La web de Camila Rojas',
      reason: 'El receptor respondió 410 (ya no existe).',
      path: '/gestion/webhooks/',
    },
    subject: 'Webhook desactivado',
    mustSay: [`${PUBLIC_URL}/eventos (La web de Camila Rojas)`, 'respondió 410', '/gestion/webhooks/'],
  },
  certificate_issued: {
    data: {
      name: 'Camila Rojas',
      workshopName: 'Resina para principiantes',
      startsAt: '2026-06-13T14:30:00.000Z',
      verifyPath: '/certificados/6f1c2a9e-3b7d-4f3a-9c1e-2d5b8a7f0e11/',
      downloadPath: '/cuenta/inscripciones/12/certificado.pdf',
    },
    subject: 'Tu certificado de asistencia: Resina para principiantes',
    mustSay: ['Descargar mi certificado', '/certificados/6f1c2a9e-3b7d-4f3a-9c1e-2d5b8a7f0e11/'],
  },
  gift_card_issued: {
    data: {
      recipientName: 'Camila Rojas',
      buyerName: 'Paula Soto',
      amountClp: 40000,
      message: '¡Feliz cumpleaños!',
      code: '7KQM-2XHP-RT9A',
      expiresAt: '2028-03-02T15:00:00.000Z',
      cardPath: '/tarjetas-regalo/abcDEF123/',
    },
    subject: 'Paula Soto te regaló una tarjeta de regalo de $40.000',
    mustSay: ['7KQM-2XHP-RT9A', '¡Feliz cumpleaños!', `${PUBLIC_URL}/tarjetas-regalo/abcDEF123/`],
  },
};

const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
const textUrls = (text: string) => [...text.matchAll(/https?:\/\/[^\s)»]+/g)].map((m) => m[0]);

describe('e-mail templates over a real SMTP server', () => {
  let database: TestDb;
  let smtp: SmtpTestServer;
  let config: Config;

  beforeAll(async () => {
    database = await createTestDb();
    smtp = await startSmtpTestServer();
    config = testConfig(database, {
      PUBLIC_URL,
      MAIL_FROM: 'TMM Bienestar y Conexión <hola@tmm.example.cl>',
    });
  });
  afterAll(async () => {
    await smtp.stop();
    await database.drop();
  });

  const deliver = () =>
    sendDueEmails({ database, config, now: () => NOW, log: memoryLog() }, smtpTransport(smtp.url), {
      workerId: 'templates',
      batchSize: 100,
    });

  it('delivers every template with a subject, a text part, an HTML part and absolute links', async () => {
    smtp.received.length = 0;
    const names = Object.keys(SAMPLES) as TemplateName[];
    await inTransaction(database, async (trx) => {
      for (const template of names) {
        await queueEmail(
          trx,
          { template, to: `${template}@example.cl`, data: SAMPLES[template].data as never },
          { now: NOW, publicUrl: PUBLIC_URL },
        );
      }
    });
    const summary = await deliver();
    expect(summary).toEqual({ sent: names.length, retrying: 0, failed: 0, skipped: 0 });
    expect(smtp.received).toHaveLength(names.length);

    for (const template of names) {
      const sample = SAMPLES[template];
      const received = smtp.received.find((r) => r.envelopeTo[0] === `${template}@example.cl`);
      expect(received, template).toBeDefined();
      const { mail } = received!;
      expect(mail.subject, template).toBe(sample.subject);
      expect(mail.from).toContain('hola@tmm.example.cl');
      expect(mail.headers.get('message-id')).toMatch(/^<tmm-outbox-\d+@tmm\.example\.cl>$/);
      expect(mail.text, template).toContain('Camila Rojas');
      expect(mail.html, template).toContain('Camila Rojas');
      expect(mail.text, template).not.toMatch(/<[a-z]/i);
      expect(mail.html, template).toContain('#d63384');
      expect(mail.html, template).toContain('<meta name="viewport"');
      for (const phrase of sample.mustSay) {
        expect(mail.text, `${template} text: ${phrase}`).toContain(phrase);
        expect(mail.html.replace(/&amp;/g, '&'), `${template} html: ${phrase}`).toContain(phrase);
      }
      const links = [...hrefs(mail.html), ...textUrls(mail.text)];
      expect(links.length, template).toBeGreaterThan(0);
      for (const link of links) {
        expect(
          link.startsWith(`${PUBLIC_URL}/`) || link === ONLINE_URL,
          `${template}: ${link} is absolute and ours`,
        ).toBe(true);
      }
    }
  });

  it('escapes what customers and staff typed in the HTML part', async () => {
    smtp.received.length = 0;
    await inTransaction(database, (trx) =>
      queueEmail(
        trx,
        {
          template: 'staff_message',
          to: 'escape@example.cl',
          data: {
            name: '<b>Ana</b> & "Co"',
            subject: 'Hola <img src=x onerror=alert(1)>',
            body: '<script>alert("x")</script>',
            unsubscribePath: null,
          },
        },
        { now: NOW, publicUrl: PUBLIC_URL },
      ),
    );
    await deliver();
    const { mail } = smtp.received[0]!;
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>Ana</b>');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toMatch(/&lt;script(>|&gt;)alert\(&quot;x&quot;\)&lt;\/script(>|&gt;)/);
    expect(mail.html).toMatch(/&lt;b(>|&gt;)Ana&lt;\/b(>|&gt;) &amp; &quot;Co&quot;/);
    expect(mail.text).toContain('<script>alert("x")</script>');
  });

  it('attaches the calendar file to an enrollment confirmation', async () => {
    smtp.received.length = 0;
    await inTransaction(database, (trx) =>
      queueEmail(
        trx,
        {
          template: 'enrollment_confirmation',
          to: 'ics@example.cl',
          data: SAMPLES.enrollment_confirmation.data,
        },
        { now: NOW, publicUrl: PUBLIC_URL },
      ),
    );
    await deliver();
    const [attachment] = smtp.received[0]!.mail.attachments;
    expect(attachment?.filename).toMatch(/\.ics$/);
    expect(attachment?.contentType).toBe('text/calendar');
    expect(attachment?.content).toContain('BEGIN:VEVENT');
    expect(attachment?.content).toContain('DTSTART:20260613T143000Z');
    expect(attachment?.content).toContain('UID:inscripcion-41@tmm.example.cl');
  });

  it('gives marketing e-mail a one-click unsubscribe link and headers', async () => {
    smtp.received.length = 0;
    const customer = await createCustomer(database.db, { fullName: 'Valentina Soto' });
    await inTransaction(database, (trx) =>
      queueMarketingEmail(
        trx,
        {
          customerId: customer.id,
          subject: 'Novedades de marzo',
          body: 'Hola [Nombre], mira [Link del Catálogo]',
        },
        { now: NOW, publicUrl: PUBLIC_URL, sessionSecret: config.sessionSecret },
      ),
    );
    await deliver();
    const { mail } = smtp.received[0]!;
    const unsubscribe = mail.headers.get('list-unsubscribe') ?? '';
    expect(unsubscribe).toMatch(new RegExp(`^<${PUBLIC_URL}/correo/baja/${customer.id}-[\\w-]{32}/>$`));
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`Hola Valentina, mira ${PUBLIC_URL}/talleres/`);
    expect(mail.text).toContain(unsubscribe.slice(1, -1));
    expect(hrefs(mail.html)).toContain(unsubscribe.slice(1, -1));
  });
});
