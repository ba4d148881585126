import type { Tx } from '../../db/database';
import { formatClp } from '../../lib/money';
import { recordAudit } from '../audit';
import type { ServiceContext } from '../context';
import { DeliveryUnavailableError } from './shipping.errors';
import {
  findShippingRate,
  listShippingRates,
  type ShippingRate,
  updateShippingRate,
} from './shipping.queries';

/**
 * What a delivery to a region costs now, read in the checkout's transaction (the order keeps this
 * price even if staff change the rate later). Throws DeliveryUnavailableError when staff marked
 * the region unavailable; an unknown code is treated the same way (a form only offers known ones).
 */
export async function quoteDelivery(
  trx: Tx,
  regionCode: string,
): Promise<{ regionName: string; priceClp: number }> {
  const rate = await findShippingRate(trx, regionCode);
  if (!rate) throw new DeliveryUnavailableError('esa región');
  if (!rate.isAvailable) throw new DeliveryUnavailableError(rate.regionName);
  return { regionName: rate.regionName, priceClp: rate.priceClp };
}

/** A rate as the change history shows it, under the region's name: "$3.500" or "Sin despacho ($3.500)". */
const described = (rate: { priceClp: number; isAvailable: boolean }) =>
  rate.isAvailable ? formatClp(rate.priceClp) : `Sin despacho (${formatClp(rate.priceClp)})`;

/**
 * Staff set the price of each region and whether it is delivered to. Regions not named keep what
 * they had, and so does a price left blank (a region marked unavailable keeps its last price).
 * Orders already placed keep the price they were placed with. Each region that changed gets an
 * audit entry keyed by the region's name, so the history reads "Valparaíso: $3.000 → $3.500".
 * Returns how many changed.
 */
export async function saveShippingRates(
  trx: Tx,
  input: { regionCode: string; priceClp: number | null; isAvailable: boolean }[],
  ctx: ServiceContext,
): Promise<number> {
  const current = new Map((await listShippingRates(trx)).map((r) => [r.regionCode, r]));
  let changed = 0;
  for (const given of input) {
    const before = current.get(given.regionCode);
    if (!before) continue;
    const rate = { priceClp: given.priceClp ?? before.priceClp, isAvailable: given.isAvailable };
    if (before.priceClp === rate.priceClp && before.isAvailable === rate.isAvailable) continue;
    await updateShippingRate(
      trx,
      before.id,
      { priceClp: rate.priceClp, isAvailable: rate.isAvailable },
      ctx.now,
    );
    await recordAudit(
      trx,
      {
        entityType: 'shipping_rate',
        entityId: before.id,
        action: 'update',
        before: { [before.regionName]: described(before) },
        after: { [before.regionName]: described(rate) },
      },
      ctx,
    );
    changed++;
  }
  return changed;
}

/** What the checkout page says about shipping before the order exists. */
export type ShippingPreview =
  | { kind: 'free' }
  | { kind: 'price'; priceClp: number }
  | { kind: 'choose_region' }
  | { kind: 'unavailable'; regionName: string };

/**
 * The checkout's summary for what the form holds: shipping and total (null until a delivery has a
 * region it can go to). The order's real total is computed again at checkout from the table.
 */
export function previewCheckout(
  subtotalClp: number,
  choice: { delivery: boolean; regionCode: string },
  rates: ShippingRate[],
): { shipping: ShippingPreview; totalClp: number | null; cheapestClp: number | null } {
  const available = rates.filter((r) => r.isAvailable).map((r) => r.priceClp);
  const cheapestClp = available.length > 0 ? Math.min(...available) : null;
  if (!choice.delivery) return { shipping: { kind: 'free' }, totalClp: subtotalClp, cheapestClp };
  const rate = rates.find((r) => r.regionCode === choice.regionCode);
  if (!rate) return { shipping: { kind: 'choose_region' }, totalClp: null, cheapestClp };
  if (!rate.isAvailable)
    return { shipping: { kind: 'unavailable', regionName: rate.regionName }, totalClp: null, cheapestClp };
  return {
    shipping: { kind: 'price', priceClp: rate.priceClp },
    totalClp: subtotalClp + rate.priceClp,
    cheapestClp,
  };
}
