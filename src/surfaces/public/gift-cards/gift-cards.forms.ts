import { z } from 'zod';
import { GIFT_CARD_LIMITS } from '../../../domain/gift-cards';
import { email, money, optionalText, requiredText, text } from '../../../lib/fields';
import { formatClp } from '../../../lib/money';

const { minClp, maxClp, stepClp } = GIFT_CARD_LIMITS;
const AMOUNT_MESSAGE = `Elige un monto entre ${formatClp(minClp)} y ${formatClp(maxClp)}, en miles de pesos.`;

/** "Comprar tarjeta de regalo": the amount, who receives it and an optional message. */
export const giftCardPurchaseForm = z.object({
  monto: money({ message: AMOUNT_MESSAGE }).refine(
    (v) => v >= minClp && v <= maxClp && v % stepClp === 0,
    AMOUNT_MESSAGE,
  ),
  nombre: requiredText(120, 'Escribe el nombre de quien recibe la tarjeta.'),
  correo: email('Escribe el correo de quien recibe la tarjeta.'),
  mensaje: optionalText(500),
});

// Any text: the order's owner is checked before the code, and the gift-cards module answers a blank
// or unknown code in words.
export const giftCardCodeForm = z.object({ codigo_tarjeta: text() });
