import { formatDateShort } from '../../../lib/dates';
import { formatClp } from '../../../lib/money';
import type { Template } from './content';

/** To the recipient when the order that bought the card is paid: what to type, and the printable card. */
export const giftCardIssued: Template<'gift_card_issued'> = (d, url) => ({
  subject: `${d.buyerName} te regaló una tarjeta de regalo de ${formatClp(d.amountClp)}`,
  preheader: `Úsala en talleres y kits de TMM hasta el ${formatDateShort(d.expiresAt)}.`,
  heading: 'Tienes una tarjeta de regalo',
  greeting: `¡Hola, ${d.recipientName}!`,
  blocks: [
    {
      kind: 'paragraph',
      text: `${d.buyerName} te regaló ${formatClp(d.amountClp)} para usar en los talleres y kits de TMM.`,
    },
    d.message ? { kind: 'paragraph', text: `«${d.message}»` } : null,
    {
      kind: 'details',
      rows: [
        ['Código', d.code],
        ['Monto', formatClp(d.amountClp)],
        ['Válida hasta', formatDateShort(d.expiresAt)],
      ],
    },
    {
      kind: 'paragraph',
      text: 'Para usarla, inscríbete en un taller o compra un kit y, en la página de pago, escribe el código en «¿Tienes una tarjeta de regalo?». Puedes usarla en varias compras hasta agotar su saldo.',
    },
    { kind: 'button', label: 'Ver e imprimir la tarjeta', href: url(d.cardPath) },
    { kind: 'button', label: 'Ver talleres', href: url('/talleres/') },
    {
      kind: 'note',
      text: 'Guarda este correo: el código es como dinero, no lo compartas con quien no deba usarlo.',
    },
  ],
});
