import { z } from 'zod';
import type { FulfilmentChoice } from '../../../domain/sales';
import { REGION_CODES } from '../../../domain/shipping';
import { chileanPhone, choice, optionalText, requiredText, text } from '../../../lib/fields';

/** The address of a delivery, checked only when the customer chose "Despacho a domicilio". */
const deliveryAddress = z.object({
  nombre_recibe: requiredText(150, 'Escribe el nombre de quien recibe el pedido.'),
  telefono: chileanPhone(),
  direccion: requiredText(
    200,
    'Escribe la calle y el número, por ejemplo Av. Alemania 1234, depto 5.',
  ).refine(
    (v) => /\d/.test(v) || /\bs\/?n\b/i.test(v),
    'Incluye el número de la dirección (o «s/n» si no tiene).',
  ),
  comuna: requiredText(100, 'Escribe la comuna.'),
  region: choice(REGION_CODES, 'Elige la región.'),
  indicaciones: optionalText(300),
});

/**
 * "Finalizar compra": pickup at the studio (what a form without the field means, like the cart's
 * old one-click button) or delivery with its address. The address fields are ignored for a pickup,
 * so what a customer typed before switching back to pickup never blocks the order.
 */
export const checkoutForm = z
  .object({
    entrega: text(),
    nombre_recibe: z.unknown().optional(),
    telefono: z.unknown().optional(),
    direccion: z.unknown().optional(),
    comuna: z.unknown().optional(),
    region: z.unknown().optional(),
    indicaciones: z.unknown().optional(),
  })
  .transform((body, ctx): FulfilmentChoice => {
    if (body.entrega !== 'despacho') return { method: 'pickup' };
    const parsed = deliveryAddress.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    const a = parsed.data;
    return {
      method: 'delivery',
      address: {
        recipient: a.nombre_recibe,
        phone: a.telefono,
        street: a.direccion,
        comuna: a.comuna,
        regionCode: a.region,
        notes: a.indicaciones,
      },
    };
  });
