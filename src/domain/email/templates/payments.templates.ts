import type { PaymentMethod } from '../../../db/schema';
import { formatDateTimeLong } from '../../../lib/dates';
import { formatClp } from '../../../lib/money';
import { PAYMENT_METHOD_LABELS } from '../../vocabulary';
import type { Template } from './content';
import { fulfilmentBlocks, shippingRows } from './orders.templates';

export const paymentReceipt: Template<'payment_receipt'> = (d, url) => ({
  subject: `Recibimos tu pago: ${d.workshopName}`,
  preheader: `Pago de ${formatClp(d.amountClp)} recibido.`,
  heading: 'Comprobante de pago',
  greeting: `¡Gracias, ${d.name}!`,
  blocks: [
    { kind: 'paragraph', text: `Recibimos tu pago para «${d.workshopName}».` },
    {
      kind: 'details',
      rows: [
        ['Taller', d.workshopName],
        ['Fecha del taller', formatDateTimeLong(d.startsAt)],
        ['Monto pagado', formatClp(d.amountClp)],
        ['Medio de pago', PAYMENT_METHOD_LABELS[d.method as PaymentMethod] ?? d.method],
        ['Referencia', d.reference],
        ['Pagado el', formatDateTimeLong(d.paidAt)],
        ['Saldo pendiente', d.balanceClp > 0 ? formatClp(d.balanceClp) : 'Sin saldo: está todo pagado'],
      ],
    },
    { kind: 'link', label: 'Ver mis inscripciones', href: url('/cuenta/perfil/') },
  ],
});

export const paymentReminder: Template<'payment_reminder'> = (d, url) => ({
  subject: `Recordatorio de pago: ${d.workshopName}`,
  preheader: `Saldo pendiente: ${formatClp(d.balanceClp)}.`,
  heading: 'Recordatorio de pago',
  greeting: `Hola, ${d.name}`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Tienes un saldo pendiente para «${d.workshopName}». Completa tu pago para asegurar tu cupo.`,
    },
    {
      kind: 'details',
      rows: [
        ['Taller', d.workshopName],
        ['Fecha y hora', formatDateTimeLong(d.startsAt)],
        ['Saldo pendiente', formatClp(d.balanceClp)],
      ],
    },
    { kind: 'button', label: 'Pagar ahora', href: url(d.payPath) },
    { kind: 'note', text: 'Si ya pagaste, ignora este mensaje. ¡Gracias!' },
  ],
});

export const orderReceipt: Template<'order_receipt'> = (d, url) => ({
  subject: `Tu compra #${d.saleId}`,
  preheader: `Total ${formatClp(d.totalClp)}, ${d.paid ? 'pagado' : 'pendiente de pago'}.`,
  heading: d.paid ? 'Comprobante de compra' : 'Recibimos tu pedido',
  greeting: `¡Gracias, ${d.name}!`,
  blocks: [
    {
      kind: 'list',
      items: d.lines.map(
        (l) =>
          `${l.quantity} × ${l.name}: ${formatClp(l.unitPriceClp * l.quantity)} (${formatClp(l.unitPriceClp)} c/u)`,
      ),
    },
    {
      kind: 'details',
      rows: [
        ['N° de compra', String(d.saleId)],
        ...shippingRows(d.fulfilment),
        ...(d.discountClp ? ([['Descuento', `−${formatClp(d.discountClp)}`]] as [string, string][]) : []),
        ['Total', formatClp(d.totalClp)],
        ...(d.giftCardClp
          ? ([
              ['Pagado con tarjeta de regalo', formatClp(d.giftCardClp)],
              ['Pagado con otro medio', formatClp(d.totalClp - d.giftCardClp)],
            ] as [string, string][])
          : []),
        ['Estado', d.paid ? 'Pagado' : 'Pendiente de pago'],
      ],
    },
    ...fulfilmentBlocks(d.fulfilment),
    d.payPath && !d.paid ? { kind: 'button', label: 'Pagar mi compra', href: url(d.payPath) } : null,
    { kind: 'link', label: 'Ver más kits', href: url('/productos/') },
  ],
});

export const refundReceipt: Template<'refund_receipt'> = (d, url) => ({
  subject: `Te devolvimos ${formatClp(d.amountClp)}`,
  preheader: `Devolución de ${formatClp(d.amountClp)} por ${d.subject}.`,
  heading: 'Comprobante de devolución',
  greeting: `Hola, ${d.name}`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Hicimos una devolución de ${formatClp(d.amountClp)} por ${d.subject}, al mismo medio con que pagaste.`,
    },
    {
      kind: 'details',
      rows: [
        ['Monto devuelto', formatClp(d.amountClp)],
        ['Medio de pago', PAYMENT_METHOD_LABELS[d.method as PaymentMethod] ?? d.method],
        ['Referencia', d.reference],
        ['Fecha', formatDateTimeLong(d.refundedAt)],
      ],
    },
    {
      kind: 'note',
      text: 'El banco o Mercado Pago puede tardar algunos días hábiles en mostrarla en tu cartola.',
    },
    { kind: 'link', label: 'Ver mi cuenta', href: url('/cuenta/perfil/') },
  ],
});

export const latePaymentRefunded: Template<'late_payment_refunded'> = (d, url) => ({
  subject: d.refunded ? `Te devolvimos tu pago de ${formatClp(d.amountClp)}` : 'Vamos a devolver tu pago',
  preheader: d.reason,
  heading: d.refunded ? 'Devolvimos tu pago' : 'Tu pago será devuelto',
  greeting: `Hola, ${d.name}`,
  blocks: [
    {
      kind: 'paragraph',
      text: `Recibimos tu pago de ${formatClp(d.amountClp)} por ${d.subject}, pero no pudimos registrarlo: ${d.reason}`,
    },
    {
      kind: 'paragraph',
      text: d.refunded
        ? 'Por eso lo devolvimos completo, al mismo medio con que pagaste.'
        : 'Lo devolveremos completo al mismo medio con que pagaste; te avisaremos cuando esté hecho.',
    },
    {
      kind: 'details',
      rows: [
        ['Monto', formatClp(d.amountClp)],
        ['Medio de pago', PAYMENT_METHOD_LABELS[d.method as PaymentMethod] ?? d.method],
      ],
    },
    d.payPath ? { kind: 'button', label: 'Ver cómo quedó', href: url(d.payPath) } : null,
    { kind: 'note', text: 'Si tienes dudas, responde este correo y lo vemos juntos.' },
  ],
});

export const paymentAlert: Template<'payment_alert'> = (d, url) => ({
  subject: `Pagos en línea: ${d.title}`,
  preheader: d.message,
  heading: d.title,
  greeting: 'Hola, equipo:',
  blocks: [
    { kind: 'paragraph', text: d.message },
    d.rows.length > 0 ? { kind: 'details', rows: d.rows } : null,
    { kind: 'button', label: 'Revisar en Pagos en línea', href: url(d.path) },
  ],
});
