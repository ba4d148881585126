import { z } from 'zod';
import { REGION_CODES, type RegionCode } from '../../../domain/shipping';
import { checkbox, text } from '../../../lib/fields';
import { parseClp } from '../../../lib/money';

const MAX_RATE = 1_000_000;
const PRICE_MESSAGE = 'Escribe el precio en pesos, sin decimales: por ejemplo 4900 o 4.900.';

/**
 * The rates page: per region, "despachamos" (a checkbox) and its price (`precio_VS`, `despacho_VS`).
 * A region delivered to needs a price; one that is not may leave it blank and keeps its last one.
 */
export const shippingRatesForm = z
  .object(
    Object.fromEntries(
      REGION_CODES.flatMap((code) => [
        [`precio_${code}`, text()],
        [`despacho_${code}`, checkbox()],
      ]),
    ) as Record<`precio_${RegionCode}`, ReturnType<typeof text>> &
      Record<`despacho_${RegionCode}`, ReturnType<typeof checkbox>>,
  )
  .transform((body, ctx) =>
    REGION_CODES.map((regionCode) => {
      const typed = body[`precio_${regionCode}`];
      const isAvailable = body[`despacho_${regionCode}`];
      const priceClp = typed === '' ? null : parseClp(typed);
      if ((typed !== '' && priceClp === null) || (priceClp !== null && priceClp > MAX_RATE))
        ctx.addIssue({ code: 'custom', path: [`precio_${regionCode}`], message: PRICE_MESSAGE });
      else if (isAvailable && priceClp === null)
        ctx.addIssue({
          code: 'custom',
          path: [`precio_${regionCode}`],
          message: 'Escribe el precio del despacho a esta región, o desmarca «Despachamos».',
        });
      return { regionCode, priceClp, isAvailable };
    }),
  );
