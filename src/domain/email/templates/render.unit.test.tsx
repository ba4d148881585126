import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render';
import type { TemplateData, TemplateName } from './types';

const PUBLIC_URL = 'https://tmm.example.cl';
const HOSTILE = '<script>alert(1)</script> & "Ana"';
// Preact leaves ">" alone (it cannot end a tag in text or in a quoted attribute); the rest is encoded.
const ESCAPED = '&lt;script>alert(1)&lt;/script> &amp; &quot;Ana&quot;';

const when = '2026-06-13T14:30:00.000Z';
const HOSTILE_ADDRESS = {
  recipient: HOSTILE,
  phone: '+56912345678',
  street: HOSTILE,
  comuna: HOSTILE,
  region: 'Valparaíso',
  notes: HOSTILE,
};

// What customers and staff type reaches these fields: names, workshop names, kit names, notes.
const HOSTILE_SAMPLES: { [K in TemplateName]?: TemplateData[K] } = {
  welcome: { name: HOSTILE, verifyPath: null },
  password_reset: { name: HOSTILE, resetPath: '/cuenta/clave/restablecer/tok/', expiresInMinutes: 60 },
  enrollment_confirmation: {
    name: HOSTILE,
    enrollmentId: 41,
    workshopName: HOSTILE,
    startsAt: when,
    durationMinutes: 120,
    modality: 'PRESENCIAL',
    location: HOSTILE,
    onlineUrl: null,
    amountDueClp: 45000,
    payPath: '/pago/41/',
    description: HOSTILE,
  },
  booking_confirmation: {
    name: HOSTILE,
    title: HOSTILE,
    totalClp: 30000,
    bookingPath: '/series/reservas/9/',
    sessions: [
      {
        enrollmentId: 41,
        workshopName: HOSTILE,
        startsAt: when,
        modality: 'PRESENCIAL',
        location: HOSTILE,
        ticketPath: '/entradas/41.abc/',
      },
    ],
  },
  order_receipt: {
    name: HOSTILE,
    saleId: 88,
    lines: [{ name: HOSTILE, quantity: 1, unitPriceClp: 9990 }],
    totalClp: 13490,
    paid: false,
    payPath: '/compras/88/pago/',
    fulfilment: { method: 'delivery', shippingClp: 3500, address: HOSTILE_ADDRESS },
  },
  order_shipped: {
    name: HOSTILE,
    saleId: 88,
    address: HOSTILE_ADDRESS,
    courier: HOSTILE,
    trackingCode: HOSTILE,
  },
  workshop_changed: {
    name: HOSTILE,
    workshopName: HOSTILE,
    startsAt: when,
    previousStartsAt: null,
    cancelled: true,
    note: HOSTILE,
  },
  staff_message: {
    name: HOSTILE,
    subject: HOSTILE,
    body: HOSTILE,
    unsubscribePath: '/correo/baja/1-abc/',
    senderName: HOSTILE,
  },
};

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('e-mail rendering', () => {
  it('escapes what people typed exactly as pages do, everywhere, and keeps it verbatim in the text part', () => {
    expect(renderToString(<p>{HOSTILE}</p>)).toBe(`<p>${ESCAPED}</p>`);
    for (const [template, data] of Object.entries(HOSTILE_SAMPLES)) {
      const { subject, text, html } = renderTemplate(template as TemplateName, data as never, PUBLIC_URL);
      expect(html, template).not.toMatch(/<script|"Ana"/);
      expect(html, template).toContain(ESCAPED);
      // Complete: every place the text part shows it, the HTML shows it escaped.
      expect(occurrences(html, ESCAPED), template).toBeGreaterThanOrEqual(occurrences(text, HOSTILE));
      expect(text, template).toContain(HOSTILE);
      expect(text, template).not.toContain('&lt;');
      if (template === 'staff_message') expect(subject).toBe(HOSTILE);
    }
  });

  it('links only http(s) addresses, escaping them in the attribute', () => {
    const online = (onlineUrl: string) =>
      renderTemplate(
        'workshop_reminder',
        {
          name: 'Ana',
          workshopName: 'Mindfulness',
          startsAt: when,
          modality: 'ONLINE',
          location: null,
          onlineUrl,
        },
        PUBLIC_URL,
      );
    const meet = online('https://meet.example.com/sala?id=1&pwd=2');
    expect(meet.html).toContain('<a href="https://meet.example.com/sala?id=1&amp;pwd=2"');
    expect(meet.text).toContain('Enlace de conexión: https://meet.example.com/sala?id=1&pwd=2');

    const script = online('javascript:alert(1)');
    expect(script.html).not.toContain('href="javascript:');
    expect(script.html).toContain('</span>javascript:alert(1)</p>');
  });

  it('keeps the hidden preview text, the unsubscribe link and a readable text part', () => {
    const { html, text } = renderTemplate(
      'staff_message',
      {
        name: 'Ana',
        subject: 'Novedades',
        body: 'Abrimos talleres de resina en abril.\n\nTe esperamos.',
        unsubscribePath: '/correo/baja/1-abc/',
      },
      `${PUBLIC_URL}/`,
    );
    expect(html).toMatch(/<div style="display:none;[^"]*">Abrimos talleres de resina en abril\./);
    expect(html).toContain(`<a href="${PUBLIC_URL}/correo/baja/1-abc/"`);
    expect(text).toContain(`Date de baja aquí:\n${PUBLIC_URL}/correo/baja/1-abc/`);
    expect(text).toMatch(
      /^Novedades\n=========\n\nHola, Ana\n\nAbrimos talleres de resina en abril\.\n\nTe esperamos\.\n\n/,
    );
  });
});
