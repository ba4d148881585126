import { formatDateTimeLong } from '../../../lib/dates';
import { formatClp } from '../../../lib/money';
import type { RenderedEmail, TemplateData, TemplateName } from './types';

/**
 * Renders a template to subject, plain text and HTML. Pure: the caller passes the public URL
 * that makes links absolute.
 */

const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'button'; label: string; href: string }
  | { kind: 'list'; items: string[] };

function compose(subject: string, greeting: string, blocks: Block[]): RenderedEmail {
  const text = [
    greeting,
    '',
    ...blocks.map((b) =>
      b.kind === 'p'
        ? b.text
        : b.kind === 'button'
          ? `${b.label}: ${b.href}`
          : b.items.map((i) => `- ${i}`).join('\n'),
    ),
    '',
    'Con cariño,',
    'Equipo TMM Bienestar y Conexión',
  ]
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n');
  const body = blocks
    .map((b) => {
      if (b.kind === 'p')
        return `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(b.text).replace(/\n/g, '<br>')}</p>`;
      if (b.kind === 'list')
        return `<ul style="margin:0 0 16px;padding-left:20px">${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
      return `<p style="margin:24px 0"><a href="${escapeHtml(b.href)}" style="background:#d63384;color:#ffffff;padding:12px 22px;border-radius:999px;text-decoration:none;font-weight:bold;display:inline-block">${escapeHtml(b.label)}</a></p>`;
    })
    .join('\n');
  const html = `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;background:#fdf8fb;font-family:Arial,Helvetica,sans-serif;color:#2b2230">
<div style="max-width:560px;margin:0 auto;padding:24px 16px">
<h1 style="color:#d63384;font-size:22px;margin:0 0 16px">TMM Bienestar y Conexión</h1>
<div style="background:#ffffff;border:1px solid #eadfe6;border-radius:14px;padding:20px">
<p style="margin:0 0 16px;font-weight:bold">${escapeHtml(greeting)}</p>
${body}
</div>
<p style="color:#6b5f70;font-size:12px;margin-top:16px">TMM Bienestar y Conexión · Valparaíso, Chile</p>
</div></body></html>`;
  return { subject, text, html };
}

const where = (d: {
  modality: 'PRESENCIAL' | 'ONLINE';
  location: string | null;
  onlineUrl: string | null;
}) =>
  d.modality === 'ONLINE'
    ? `Modalidad online. Enlace de conexión: ${d.onlineUrl ?? 'te lo enviaremos antes del taller'}`
    : `Lugar: ${d.location ?? 'Taller TMM, Valparaíso'}`;

export function renderTemplate<T extends TemplateName>(
  template: T,
  data: TemplateData[T],
  publicUrl: string,
): RenderedEmail {
  const url = (path: string) => `${publicUrl}${path}`;
  const d = data as TemplateData[TemplateName];
  switch (template) {
    case 'welcome': {
      const x = d as TemplateData['welcome'];
      return compose('Bienvenida a TMM', `¡Hola, ${x.name}!`, [
        {
          kind: 'p',
          text: 'Tu cuenta en TMM Bienestar y Conexión quedó creada. Ya puedes inscribirte en talleres y comprar kits.',
        },
        ...(x.verifyPath
          ? [{ kind: 'button' as const, label: 'Confirmar mi correo', href: url(x.verifyPath) }]
          : []),
        { kind: 'button', label: 'Ver talleres', href: url('/talleres/') },
      ]);
    }
    case 'verify_email': {
      const x = d as TemplateData['verify_email'];
      return compose('Confirma tu correo', `Hola, ${x.name}`, [
        { kind: 'p', text: 'Para proteger tu cuenta, confirma que este correo es tuyo.' },
        { kind: 'button', label: 'Confirmar mi correo', href: url(x.verifyPath) },
      ]);
    }
    case 'password_reset': {
      const x = d as TemplateData['password_reset'];
      return compose('Recupera tu contraseña', `Hola, ${x.name}`, [
        {
          kind: 'p',
          text: `Recibimos una solicitud para cambiar tu contraseña. El enlace sirve una sola vez y vence en ${x.expiresInMinutes} minutos.`,
        },
        { kind: 'button', label: 'Elegir una contraseña nueva', href: url(x.resetPath) },
        { kind: 'p', text: 'Si no fuiste tú, ignora este correo: tu contraseña no cambia.' },
      ]);
    }
    case 'enrollment_confirmation': {
      const x = d as TemplateData['enrollment_confirmation'];
      return compose(`Inscripción confirmada: ${x.workshopName}`, `¡Hola, ${x.name}!`, [
        { kind: 'p', text: `Tu cupo en «${x.workshopName}» está reservado.` },
        {
          kind: 'list',
          items: [
            `Fecha: ${formatDateTimeLong(x.startsAt)}`,
            `Duración: ${x.durationMinutes} minutos`,
            where(x),
            `Monto: ${formatClp(x.amountDueClp)}`,
          ],
        },
        { kind: 'button', label: 'Pagar mi inscripción', href: url(x.payPath) },
        { kind: 'p', text: 'Adjuntamos el evento para tu calendario.' },
      ]);
    }
    case 'payment_receipt': {
      const x = d as TemplateData['payment_receipt'];
      return compose(`Recibimos tu pago: ${x.workshopName}`, `¡Gracias, ${x.name}!`, [
        {
          kind: 'list',
          items: [
            `Taller: ${x.workshopName}`,
            `Fecha del taller: ${formatDateTimeLong(x.startsAt)}`,
            `Monto pagado: ${formatClp(x.amountClp)}`,
            `Medio: ${x.method}`,
            `Referencia: ${x.reference}`,
            `Pagado el: ${formatDateTimeLong(x.paidAt)}`,
            ...(x.balanceClp > 0 ? [`Saldo pendiente: ${formatClp(x.balanceClp)}`] : []),
          ],
        },
      ]);
    }
    case 'order_receipt': {
      const x = d as TemplateData['order_receipt'];
      return compose(`Tu compra #${x.saleId}`, `¡Gracias, ${x.name}!`, [
        {
          kind: 'list',
          items: x.lines.map((l) => `${l.quantity} x ${l.name} (${formatClp(l.unitPriceClp)} c/u)`),
        },
        { kind: 'p', text: `Total: ${formatClp(x.totalClp)} — ${x.paid ? 'pagado' : 'pendiente de pago'}` },
        ...(x.payPath && !x.paid
          ? [{ kind: 'button' as const, label: 'Pagar mi compra', href: url(x.payPath) }]
          : []),
      ]);
    }
    case 'cancellation': {
      const x = d as TemplateData['cancellation'];
      return compose(`Inscripción anulada: ${x.workshopName}`, `Hola, ${x.name}`, [
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
      ]);
    }
    case 'waitlist_offer': {
      const x = d as TemplateData['waitlist_offer'];
      return compose(`¡Se liberó un cupo en ${x.workshopName}!`, `¡Hola, ${x.name}!`, [
        {
          kind: 'p',
          text: `Estabas en la lista de espera de «${x.workshopName}» (${formatDateTimeLong(x.startsAt)}). Te guardamos un cupo hasta el ${formatDateTimeLong(x.holdExpiresAt)}.`,
        },
        { kind: 'button', label: 'Tomar mi cupo', href: url(x.offerPath) },
      ]);
    }
    case 'workshop_reminder': {
      const x = d as TemplateData['workshop_reminder'];
      return compose(`Recordatorio: ${x.workshopName}`, `¡Hola, ${x.name}!`, [
        { kind: 'p', text: `Te esperamos en «${x.workshopName}» el ${formatDateTimeLong(x.startsAt)}.` },
        { kind: 'p', text: where(x) },
      ]);
    }
    case 'payment_reminder': {
      const x = d as TemplateData['payment_reminder'];
      return compose(`Recordatorio de pago: ${x.workshopName}`, `Hola, ${x.name}`, [
        {
          kind: 'p',
          text: `Tienes un saldo pendiente de ${formatClp(x.balanceClp)} para «${x.workshopName}» (${formatDateTimeLong(x.startsAt)}).`,
        },
        { kind: 'button', label: 'Pagar ahora', href: url(x.payPath) },
      ]);
    }
    case 'workshop_changed': {
      const x = d as TemplateData['workshop_changed'];
      return compose(
        x.cancelled ? `Taller cancelado: ${x.workshopName}` : `Cambio de fecha: ${x.workshopName}`,
        `Hola, ${x.name}`,
        [
          {
            kind: 'p',
            text: x.cancelled
              ? `Lamentamos contarte que el taller «${x.workshopName}» fue cancelado. Tu cupo quedó liberado y te contactaremos por cualquier devolución.`
              : `El taller «${x.workshopName}» cambió de fecha${x.previousStartsAt ? ` (antes: ${formatDateTimeLong(x.previousStartsAt)})` : ''}. Nueva fecha: ${formatDateTimeLong(x.startsAt)}.`,
          },
          ...(x.note ? [{ kind: 'p' as const, text: x.note }] : []),
        ],
      );
    }
    case 'staff_message': {
      const x = d as TemplateData['staff_message'];
      return compose(x.subject, `Hola, ${x.name}`, [
        { kind: 'p', text: x.body },
        ...(x.unsubscribePath
          ? [{ kind: 'p' as const, text: `Para no recibir más novedades: ${url(x.unsubscribePath)}` }]
          : []),
      ]);
    }
  }
  throw new Error(`Plantilla desconocida: ${String(template)}`);
}
