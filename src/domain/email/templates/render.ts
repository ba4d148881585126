import type { PaymentMethod } from '../../../db/schema';
import { formatDateTimeLong } from '../../../lib/dates';
import { formatClp } from '../../../lib/money';
import { PAYMENT_METHOD_LABELS } from '../../vocabulary';
import type { RenderedEmail, TemplateData, TemplateName } from './types';

/**
 * Renders a template to subject, plain text and HTML. Pure: the caller passes the public URL
 * that makes links absolute.
 *
 * Every template is a list of blocks composed by one function, so all e-mails share one look
 * (the centre's pink, a white card, one column that reads well on a phone) and one escaping
 * rule: every piece of data goes through escapeHtml, and the only raw HTML is the markup written
 * in this file. E-mail clients ignore <style> blocks and external CSS unevenly, so styles are
 * inline; the layout avoids tables (the rejected alternative, the classic table layout, exists
 * for Outlook 2007-era clients that our customers do not use) and stays one fluid column.
 */

const PINK = '#d63384';
const INK = '#2b2230';
const MUTED = '#5e5363';
const LINE = '#eadfe6';
const BG = '#fdf8fb';
const SIGNATURE = 'Equipo TMM Bienestar y Conexión';

export const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** A link we are willing to put in an href: only http(s), anything else is shown as text. */
const isWebUrl = (href: string) => /^https?:\/\/[^\s<>"]+$/i.test(href);

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'button'; label: string; href: string }
  | { kind: 'details'; rows: [label: string, value: string][] }
  | { kind: 'list'; items: string[] }
  | { kind: 'link'; label: string; href: string }
  | { kind: 'note'; text: string };

type Email = {
  subject: string;
  /** Shown by mail apps next to the subject in the inbox list. */
  preheader: string;
  heading: string;
  greeting: string;
  blocks: Block[];
  signature?: string;
  unsubscribeUrl?: string | null;
  /** The site's home page, linked from the footer of every e-mail. */
  siteUrl: string;
};

function textBlock(b: Block): string {
  switch (b.kind) {
    case 'p':
    case 'note':
      return b.text;
    case 'button':
    case 'link':
      return `${b.label}:\n${b.href}`;
    case 'details':
      return b.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'list':
      return b.items.map((i) => `- ${i}`).join('\n');
  }
}

const paragraphHtml = (text: string, style: string) =>
  text
    .split(/\n{2,}/)
    .map((para) => `<p style="${style}">${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

function htmlBlock(b: Block): string {
  const p = `margin:0 0 16px;font-size:16px;line-height:1.55;color:${INK}`;
  switch (b.kind) {
    case 'p':
      return paragraphHtml(b.text, p);
    case 'note':
      return paragraphHtml(b.text, `margin:0 0 16px;font-size:14px;line-height:1.5;color:${MUTED}`);
    case 'list':
      return `<ul style="margin:0 0 16px;padding-left:20px;font-size:16px;line-height:1.55;color:${INK}">${b.items
        .map((i) => `<li style="margin:0 0 6px">${escapeHtml(i)}</li>`)
        .join('')}</ul>`;
    case 'details':
      return `<div style="margin:0 0 18px;padding:14px 16px;background:#fbe4ef;border-radius:10px">${b.rows
        .map(
          ([label, value]) =>
            `<p style="margin:0 0 8px;font-size:15px;line-height:1.45;color:${INK}"><span style="display:block;font-size:12px;letter-spacing:.04em;text-transform:uppercase;color:${MUTED}">${escapeHtml(label)}</span>${linkify(value)}</p>`,
        )
        .join('')}</div>`;
    case 'link':
      return `<p style="${p}"><a href="${escapeHtml(b.href)}" style="color:${PINK};font-weight:bold">${escapeHtml(b.label)}</a></p>`;
    case 'button':
      // The button is a styled link; the address is repeated below it for clients that hide
      // styles or strip the link, and for people who prefer to copy it.
      return `<p style="margin:24px 0 8px"><a href="${escapeHtml(b.href)}" style="background:${PINK};color:#ffffff;padding:13px 24px;border-radius:999px;text-decoration:none;font-weight:bold;font-size:16px;display:inline-block">${escapeHtml(b.label)}</a></p>
<p style="margin:0 0 20px;font-size:12px;line-height:1.4;color:${MUTED};word-break:break-all">Si el botón no funciona, copia este enlace en tu navegador: <a href="${escapeHtml(b.href)}" style="color:${PINK}">${escapeHtml(b.href)}</a></p>`;
  }
}

/** A value that is a web address becomes a link (online classes); anything else is text. */
function linkify(value: string): string {
  return isWebUrl(value)
    ? `<a href="${escapeHtml(value)}" style="color:${PINK};word-break:break-all">${escapeHtml(value)}</a>`
    : escapeHtml(value);
}

function composeEmail(email: Email): RenderedEmail {
  const signature = email.signature ?? SIGNATURE;
  const text = [
    email.heading,
    '='.repeat(Math.min(email.heading.length, 60)),
    email.greeting,
    ...email.blocks.map(textBlock),
    `Con cariño,\n${signature}`,
    ...(email.unsubscribeUrl
      ? [`¿No quieres recibir más novedades? Date de baja aquí:\n${email.unsubscribeUrl}`]
      : []),
    `TMM Bienestar y Conexión · Valparaíso, Chile · ${email.siteUrl}`,
  ]
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n');

  const body = email.blocks.map(htmlBlock).join('\n');
  const footer = email.unsubscribeUrl
    ? `<p style="margin:8px 0 0;font-size:12px;color:${MUTED}">Recibes este correo porque eres parte de la comunidad TMM. <a href="${escapeHtml(email.unsubscribeUrl)}" style="color:${MUTED}">Darme de baja de las novedades</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light"><title>${escapeHtml(email.subject)}</title></head>
<body style="margin:0;padding:0;background:${BG};font-family:Arial,Helvetica,sans-serif;color:${INK}">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;color:${BG}">${escapeHtml(email.preheader)}</div>
<div style="max-width:560px;margin:0 auto;padding:24px 14px">
<p style="margin:0 0 14px;font-size:14px;font-weight:bold;letter-spacing:.06em;text-transform:uppercase;color:${PINK}">TMM · Bienestar y Conexión</p>
<div style="background:#ffffff;border:1px solid ${LINE};border-top:4px solid ${PINK};border-radius:14px;padding:22px 20px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${PINK}">${escapeHtml(email.heading)}</h1>
<p style="margin:0 0 16px;font-size:16px;line-height:1.55;font-weight:bold;color:${INK}">${escapeHtml(email.greeting)}</p>
${body}
<p style="margin:24px 0 0;font-size:16px;line-height:1.55;color:${INK}">Con cariño,<br>${escapeHtml(signature)}</p>
</div>
<div style="padding:14px 6px 0">
<p style="margin:0;font-size:12px;color:${MUTED}">TMM Bienestar y Conexión · Valparaíso, Chile · <a href="${escapeHtml(email.siteUrl)}" style="color:${MUTED}">${escapeHtml(email.siteUrl.replace(/^https?:\/\//, ''))}</a></p>
${footer}
</div>
</div>
</body></html>`;
  return { subject: email.subject, text, html };
}

type Place = { modality: 'PRESENCIAL' | 'ONLINE'; location: string | null; onlineUrl: string | null };

const placeRow = (d: Place): [string, string] =>
  d.modality === 'ONLINE'
    ? ['Enlace de conexión', d.onlineUrl ?? 'Te lo enviaremos antes del taller']
    : ['Lugar', d.location ?? 'Taller TMM, Valparaíso'];

const modalityLabel = (d: Place) => (d.modality === 'ONLINE' ? 'Online' : 'Presencial');

export function renderTemplate<T extends TemplateName>(
  template: T,
  data: TemplateData[T],
  publicUrl: string,
): RenderedEmail {
  const base = publicUrl.replace(/\/+$/, '');
  // Paths become absolute; an absolute http(s) link is kept as given.
  const url = (path: string) =>
    /^https?:\/\//i.test(path) ? path : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
  const d = data as TemplateData[TemplateName];
  const compose = (email: Omit<Email, 'siteUrl'>) => composeEmail({ ...email, siteUrl: `${base}/` });
  switch (template) {
    case 'welcome': {
      const x = d as TemplateData['welcome'];
      return compose({
        subject: 'Bienvenida a TMM',
        preheader: 'Tu cuenta quedó creada: ya puedes inscribirte en talleres y comprar kits.',
        heading: '¡Bienvenido(a) a TMM!',
        greeting: `¡Hola, ${x.name}!`,
        blocks: [
          {
            kind: 'p',
            text: 'Tu cuenta en TMM Bienestar y Conexión quedó creada. Ya puedes inscribirte en talleres, comprar kits y ver tus inscripciones en tu perfil.',
          },
          ...(x.verifyPath
            ? [
                {
                  kind: 'p' as const,
                  text: 'Antes de empezar, confirma que este correo es tuyo:',
                },
                { kind: 'button' as const, label: 'Confirmar mi correo', href: url(x.verifyPath) },
              ]
            : [{ kind: 'button' as const, label: 'Ver talleres', href: url('/talleres/') }]),
          { kind: 'link', label: 'Mi perfil', href: url('/cuenta/perfil/') },
        ],
      });
    }
    case 'verify_email': {
      const x = d as TemplateData['verify_email'];
      return compose({
        subject: 'Confirma tu correo',
        preheader: 'Un clic para confirmar que este correo es tuyo.',
        heading: 'Confirma tu correo',
        greeting: `Hola, ${x.name}`,
        blocks: [
          { kind: 'p', text: 'Para proteger tu cuenta, confirma que este correo es tuyo.' },
          { kind: 'button', label: 'Confirmar mi correo', href: url(x.verifyPath) },
          { kind: 'note', text: 'Si no creaste una cuenta en TMM, puedes ignorar este correo.' },
        ],
      });
    }
    case 'signup_confirmation': {
      const x = d as TemplateData['signup_confirmation'];
      return compose({
        subject: 'Confirma tu correo para crear tu cuenta',
        preheader: 'Un clic y tu cuenta TMM queda lista.',
        heading: 'Activa tu cuenta',
        greeting: `Hola, ${x.name}`,
        blocks: [
          {
            kind: 'p',
            text: `Para terminar de crear tu cuenta en TMM, confirma que este correo es tuyo. El enlace sirve una sola vez y vence en ${x.expiresInHours} horas.`,
          },
          { kind: 'button', label: 'Activar mi cuenta', href: url(x.confirmPath) },
          { kind: 'note', text: 'Si no creaste una cuenta en TMM, ignora este correo: no se creará nada.' },
        ],
      });
    }
    case 'signup_existing_account': {
      const x = d as TemplateData['signup_existing_account'];
      return compose({
        subject: 'Ya tienes una cuenta en TMM',
        preheader: 'Alguien intentó registrarse con tu correo.',
        heading: 'Ya tienes una cuenta',
        greeting: `Hola, ${x.name}`,
        blocks: [
          {
            kind: 'p',
            text: 'Alguien (quizás tú) intentó crear una cuenta en TMM con este correo, pero ya tienes una. No cambiamos nada.',
          },
          { kind: 'button', label: 'Iniciar sesión', href: url('/login/') },
          {
            kind: 'link',
            label: '¿Olvidaste tu contraseña? Elige una nueva',
            href: url('/cuenta/recuperar/'),
          },
          { kind: 'note', text: 'Si no fuiste tú, puedes ignorar este correo: tu cuenta sigue igual.' },
        ],
      });
    }
    case 'password_reset': {
      const x = d as TemplateData['password_reset'];
      return compose({
        subject: 'Recupera tu contraseña',
        preheader: `El enlace vence en ${x.expiresInMinutes} minutos.`,
        heading: 'Recupera tu contraseña',
        greeting: `Hola, ${x.name}`,
        blocks: [
          {
            kind: 'p',
            text: `Recibimos una solicitud para cambiar tu contraseña. El enlace sirve una sola vez y vence en ${x.expiresInMinutes} minutos.`,
          },
          { kind: 'button', label: 'Elegir una contraseña nueva', href: url(x.resetPath) },
          { kind: 'note', text: 'Si no fuiste tú, ignora este correo: tu contraseña no cambia.' },
        ],
      });
    }
    case 'enrollment_confirmation': {
      const x = d as TemplateData['enrollment_confirmation'];
      const when = formatDateTimeLong(x.startsAt);
      return compose({
        subject: `Inscripción confirmada: ${x.workshopName}`,
        preheader: `Tu cupo está reservado para el ${when}.`,
        heading: 'Inscripción confirmada',
        greeting: `¡Hola, ${x.name}!`,
        blocks: [
          { kind: 'p', text: `Tu cupo en «${x.workshopName}» está reservado. ¡Te esperamos!` },
          {
            kind: 'details',
            rows: [
              ['Taller', x.workshopName],
              ['Fecha y hora', when],
              ['Duración', `${x.durationMinutes} minutos`],
              ['Modalidad', modalityLabel(x)],
              placeRow(x),
              ['Monto', formatClp(x.amountDueClp)],
              ['N° de inscripción', String(x.enrollmentId)],
            ],
          },
          ...(x.description ? [{ kind: 'p' as const, text: x.description }] : []),
          ...(x.amountDueClp > 0
            ? [{ kind: 'button' as const, label: 'Pagar mi inscripción', href: url(x.payPath) }]
            : []),
          ...(x.workshopPath
            ? [{ kind: 'link' as const, label: 'Ver el taller', href: url(x.workshopPath) }]
            : []),
          {
            kind: 'note',
            text: 'Adjuntamos el evento (archivo .ics) para que lo agregues a tu calendario.',
          },
        ],
      });
    }
    case 'payment_receipt': {
      const x = d as TemplateData['payment_receipt'];
      return compose({
        subject: `Recibimos tu pago: ${x.workshopName}`,
        preheader: `Pago de ${formatClp(x.amountClp)} recibido.`,
        heading: 'Comprobante de pago',
        greeting: `¡Gracias, ${x.name}!`,
        blocks: [
          { kind: 'p', text: `Recibimos tu pago para «${x.workshopName}».` },
          {
            kind: 'details',
            rows: [
              ['Taller', x.workshopName],
              ['Fecha del taller', formatDateTimeLong(x.startsAt)],
              ['Monto pagado', formatClp(x.amountClp)],
              ['Medio de pago', PAYMENT_METHOD_LABELS[x.method as PaymentMethod] ?? x.method],
              ['Referencia', x.reference],
              ['Pagado el', formatDateTimeLong(x.paidAt)],
              ['Saldo pendiente', x.balanceClp > 0 ? formatClp(x.balanceClp) : 'Sin saldo: está todo pagado'],
            ],
          },
          { kind: 'link', label: 'Ver mis inscripciones', href: url('/cuenta/perfil/') },
        ],
      });
    }
    case 'order_receipt': {
      const x = d as TemplateData['order_receipt'];
      return compose({
        subject: `Tu compra #${x.saleId}`,
        preheader: `Total ${formatClp(x.totalClp)}, ${x.paid ? 'pagado' : 'pendiente de pago'}.`,
        heading: x.paid ? 'Comprobante de compra' : 'Recibimos tu pedido',
        greeting: `¡Gracias, ${x.name}!`,
        blocks: [
          {
            kind: 'list',
            items: x.lines.map(
              (l) =>
                `${l.quantity} × ${l.name}: ${formatClp(l.unitPriceClp * l.quantity)} (${formatClp(l.unitPriceClp)} c/u)`,
            ),
          },
          {
            kind: 'details',
            rows: [
              ['N° de compra', String(x.saleId)],
              ['Total', formatClp(x.totalClp)],
              ['Estado', x.paid ? 'Pagado' : 'Pendiente de pago'],
            ],
          },
          ...(x.payPath && !x.paid
            ? [{ kind: 'button' as const, label: 'Pagar mi compra', href: url(x.payPath) }]
            : []),
          { kind: 'link', label: 'Ver más kits', href: url('/productos/') },
        ],
      });
    }
    case 'cancellation': {
      const x = d as TemplateData['cancellation'];
      return compose({
        subject: `Inscripción anulada: ${x.workshopName}`,
        preheader: `Tu cupo en «${x.workshopName}» fue anulado.`,
        heading: 'Cancelación de cupo',
        greeting: `Hola, ${x.name}`,
        blocks: [
          {
            kind: 'p',
            text: `Tu cupo para el taller «${x.workshopName}» (${formatDateTimeLong(x.startsAt)}) fue anulado.`,
          },
          ...(x.refundDueClp > 0
            ? [
                {
                  kind: 'p' as const,
                  text: `Te devolveremos ${formatClp(x.refundDueClp)}; nos pondremos en contacto para coordinarlo.`,
                },
              ]
            : []),
          { kind: 'p', text: 'Si crees que esto es un error, por favor contáctanos.' },
          { kind: 'button', label: 'Ver otros talleres', href: url('/talleres/') },
        ],
      });
    }
    case 'waitlist_offer': {
      const x = d as TemplateData['waitlist_offer'];
      return compose({
        subject: `¡Se liberó un cupo en ${x.workshopName}!`,
        preheader: `Te guardamos el cupo hasta el ${formatDateTimeLong(x.holdExpiresAt)}.`,
        heading: '¡Se liberó un cupo!',
        greeting: `¡Hola, ${x.name}!`,
        blocks: [
          {
            kind: 'p',
            text: `Estabas en la lista de espera de «${x.workshopName}» y se liberó un cupo. Te lo guardamos por un tiempo limitado.`,
          },
          {
            kind: 'details',
            rows: [
              ['Taller', x.workshopName],
              ['Fecha y hora', formatDateTimeLong(x.startsAt)],
              ['Tu cupo se guarda hasta', formatDateTimeLong(x.holdExpiresAt)],
            ],
          },
          { kind: 'button', label: 'Tomar mi cupo', href: url(x.offerPath) },
          {
            kind: 'note',
            text: 'Si no lo tomas antes de esa hora, el cupo pasa a la siguiente persona de la lista.',
          },
        ],
      });
    }
    case 'workshop_reminder': {
      const x = d as TemplateData['workshop_reminder'];
      const when = formatDateTimeLong(x.startsAt);
      return compose({
        subject: `Recordatorio: ${x.workshopName}`,
        preheader: `Te esperamos el ${when}.`,
        heading: '¡Nos vemos pronto!',
        greeting: `¡Hola, ${x.name}!`,
        blocks: [
          { kind: 'p', text: `Te recordamos que te esperamos en «${x.workshopName}».` },
          {
            kind: 'details',
            rows: [['Fecha y hora', when], ['Modalidad', modalityLabel(x)], placeRow(x)],
          },
          {
            kind: 'note',
            text:
              x.modality === 'ONLINE'
                ? 'Te sugerimos conectarte unos minutos antes para probar audio y cámara.'
                : 'Te sugerimos llegar unos minutos antes. Los materiales están incluidos.',
          },
        ],
      });
    }
    case 'payment_reminder': {
      const x = d as TemplateData['payment_reminder'];
      return compose({
        subject: `Recordatorio de pago: ${x.workshopName}`,
        preheader: `Saldo pendiente: ${formatClp(x.balanceClp)}.`,
        heading: 'Recordatorio de pago',
        greeting: `Hola, ${x.name}`,
        blocks: [
          {
            kind: 'p',
            text: `Tienes un saldo pendiente para «${x.workshopName}». Completa tu pago para asegurar tu cupo.`,
          },
          {
            kind: 'details',
            rows: [
              ['Taller', x.workshopName],
              ['Fecha y hora', formatDateTimeLong(x.startsAt)],
              ['Saldo pendiente', formatClp(x.balanceClp)],
            ],
          },
          { kind: 'button', label: 'Pagar ahora', href: url(x.payPath) },
          { kind: 'note', text: 'Si ya pagaste, ignora este mensaje. ¡Gracias!' },
        ],
      });
    }
    case 'workshop_changed': {
      const x = d as TemplateData['workshop_changed'];
      const refund = x.refundDueClp ?? 0;
      return compose({
        subject: x.cancelled ? `Taller cancelado: ${x.workshopName}` : `Cambio de fecha: ${x.workshopName}`,
        preheader: x.cancelled
          ? `«${x.workshopName}» fue cancelado.`
          : `Nueva fecha: ${formatDateTimeLong(x.startsAt)}.`,
        heading: x.cancelled ? 'Taller cancelado' : 'Cambio de fecha',
        greeting: `Hola, ${x.name}`,
        blocks: x.cancelled
          ? [
              {
                kind: 'p',
                text: `Lamentamos contarte que el taller «${x.workshopName}» (${formatDateTimeLong(x.startsAt)}) fue cancelado. Tu cupo quedó liberado.`,
              },
              ...(refund > 0
                ? [
                    {
                      kind: 'p' as const,
                      text: `Te devolveremos ${formatClp(refund)}; nos pondremos en contacto para coordinarlo.`,
                    },
                  ]
                : []),
              ...(x.note ? [{ kind: 'p' as const, text: x.note }] : []),
              { kind: 'button', label: 'Ver otros talleres', href: url('/talleres/') },
            ]
          : [
              { kind: 'p', text: `El taller «${x.workshopName}» cambió de fecha. Tu cupo se mantiene.` },
              {
                kind: 'details',
                rows: [
                  ...(x.previousStartsAt
                    ? [['Fecha anterior', formatDateTimeLong(x.previousStartsAt)] as [string, string]]
                    : []),
                  ['Nueva fecha', formatDateTimeLong(x.startsAt)],
                ],
              },
              ...(x.note ? [{ kind: 'p' as const, text: x.note }] : []),
              { kind: 'link', label: 'Ver mis inscripciones', href: url('/cuenta/perfil/') },
              {
                kind: 'note',
                text: 'Si la nueva fecha no te acomoda, responde este correo y lo resolvemos juntos.',
              },
            ],
      });
    }
    case 'staff_message': {
      const x = d as TemplateData['staff_message'];
      return compose({
        subject: x.subject,
        preheader: x.body.slice(0, 120),
        heading: x.subject,
        greeting: `Hola, ${x.name}`,
        blocks: [{ kind: 'p', text: x.body }],
        ...(x.senderName ? { signature: `${x.senderName}, equipo TMM` } : {}),
        unsubscribeUrl: x.unsubscribePath ? url(x.unsubscribePath) : null,
      });
    }
  }
  throw new Error(`Plantilla desconocida: ${String(template)}`);
}
