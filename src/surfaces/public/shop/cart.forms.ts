import { z } from 'zod';
import { text } from '../../../lib/fields';

/** A quantity typed in a form: digits only ("2", " 3 "); the add form's default is one unit. */
const quantity = (fallback?: number) =>
  text()
    .transform((v) => (v === '' && fallback !== undefined ? String(fallback) : v))
    .pipe(z.string().regex(/^\d{1,6}$/, 'Cantidad inválida.'))
    .transform(Number);

/** Adding a kit from its page (or the old site's +1 link, with no quantity). */
export const addToCartForm = z.object({ cantidad: quantity(1) });

/** Changing a line of the cart; a product id that is not one is ignored (the cart is shown again). */
export const updateCartForm = z.object({
  producto_id: text().transform((v) => (/^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : null)),
  cantidad: quantity(),
});
