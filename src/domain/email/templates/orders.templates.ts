import { formatClp } from '../../../lib/money';
import type { Block, Template } from './content';
import type { DeliveryAddressData, OrderFulfilmentData } from './types';

/** An address as a courier's label reads it, on one line. */
const addressLine = (a: DeliveryAddressData) => `${a.street}, ${a.comuna}, ${a.region}`;

const addressRows = (a: DeliveryAddressData): [string, string][] => [
  ['Recibe', a.recipient],
  ['Dirección', addressLine(a)],
  ['Teléfono', a.phone],
  ...(a.notes ? ([['Indicaciones', a.notes]] as [string, string][]) : []),
];

/** The receipt's shipping row, for a delivery. */
export const shippingRows = (f: OrderFulfilmentData | undefined): [string, string][] =>
  f?.method === 'delivery' ? [['Despacho', f.shippingClp > 0 ? formatClp(f.shippingClp) : 'Sin costo']] : [];

/** What the receipt says about handing the order over (nothing for receipts from before it could be chosen). */
export function fulfilmentBlocks(f: OrderFulfilmentData | undefined): Block[] {
  if (!f) return [];
  if (f.method === 'pickup')
    return [
      {
        kind: 'paragraph',
        text: 'Retiro en el taller: te escribiremos cuando tu pedido esté listo para retirar.',
      },
    ];
  return [
    { kind: 'paragraph', text: 'Despacho a domicilio: te avisaremos cuando salga hacia esta dirección.' },
    { kind: 'details', rows: addressRows(f.address) },
  ];
}

export const orderPrepared: Template<'order_prepared'> = (d, url) => ({
  subject: `Tu pedido #${d.saleId} está preparado`,
  preheader:
    d.method === 'pickup' ? 'Pronto estará listo para retirar.' : 'Pronto saldrá hacia tu dirección.',
  heading: 'Pedido preparado',
  greeting: `¡Hola, ${d.name}!`,
  blocks: [
    {
      kind: 'paragraph',
      text:
        d.method === 'pickup'
          ? `Ya armamos tu pedido #${d.saleId}. Te escribiremos cuando esté listo para retirar en el taller.`
          : `Ya armamos tu pedido #${d.saleId}. Te escribiremos cuando lo despachemos.`,
    },
    { kind: 'link', label: 'Ver mis compras', href: url('/cuenta/perfil/') },
  ],
});

export const orderReadyForPickup: Template<'order_ready_for_pickup'> = (d, url) => ({
  subject: `Tu pedido #${d.saleId} está listo para retiro`,
  preheader: `Te esperamos en ${d.address}.`,
  heading: 'Listo para retiro',
  greeting: `¡Hola, ${d.name}!`,
  blocks: [
    { kind: 'paragraph', text: `Tu pedido #${d.saleId} te espera en el taller.` },
    {
      kind: 'details',
      rows: [
        ['Dirección', d.address],
        ['Horario de retiro', d.hours],
        ['N° de pedido', String(d.saleId)],
      ],
    },
    {
      kind: 'note',
      text: 'Al retirar, di tu nombre y el número de pedido. Si lo retira otra persona, avísanos respondiendo este correo.',
    },
    { kind: 'link', label: 'Ver mis compras', href: url('/cuenta/perfil/') },
  ],
});

export const orderShipped: Template<'order_shipped'> = (d, url) => ({
  subject: `Tu pedido #${d.saleId} va en camino`,
  preheader: d.courier ? `Lo despachamos con ${d.courier}.` : 'Lo despachamos hoy.',
  heading: 'Pedido despachado',
  greeting: `¡Hola, ${d.name}!`,
  blocks: [
    { kind: 'paragraph', text: `Despachamos tu pedido #${d.saleId} a esta dirección:` },
    {
      kind: 'details',
      rows: [
        ...addressRows(d.address),
        ...(d.courier ? ([['Empresa de despacho', d.courier]] as [string, string][]) : []),
        ...(d.trackingCode ? ([['N° de seguimiento', d.trackingCode]] as [string, string][]) : []),
      ],
    },
    d.trackingCode
      ? {
          kind: 'note',
          text: 'Con el número de seguimiento puedes ver en qué va tu envío en el sitio de la empresa de despacho.',
        }
      : null,
    { kind: 'link', label: 'Ver mis compras', href: url('/cuenta/perfil/') },
  ],
});

export const orderDelivered: Template<'order_delivered'> = (d, url) => ({
  subject: `Tu pedido #${d.saleId} fue entregado`,
  preheader: '¡Que disfrutes tus kits!',
  heading: 'Pedido entregado',
  greeting: `¡Hola, ${d.name}!`,
  blocks: [
    {
      kind: 'paragraph',
      text:
        d.method === 'pickup'
          ? `Retiraste tu pedido #${d.saleId}. ¡Gracias por tu compra y que disfrutes tus kits!`
          : `Tu pedido #${d.saleId} fue entregado. ¡Gracias por tu compra y que disfrutes tus kits!`,
    },
    { kind: 'note', text: 'Si algo no llegó como esperabas, responde este correo y lo vemos.' },
    { kind: 'link', label: 'Ver más kits', href: url('/productos/') },
  ],
});
