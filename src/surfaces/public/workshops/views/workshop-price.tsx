import type { WorkshopPricing } from '../../../../domain/workshops';
import { formatDateTimeLong, formatDayLong, santiagoTime } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';

/**
 * A workshop's price as it applies now: the early-bird price beside the regular one struck
 * through, and until when it lasts (`short` on the catalogue's cards).
 */
export function WorkshopPrice({ pricing, short = false }: { pricing: WorkshopPricing; short?: boolean }) {
  if (!pricing.earlyBird)
    return <span class="price">{pricing.priceClp === 0 ? 'Gratis' : formatClp(pricing.priceClp)}</span>;
  const until = pricing.earlyBird.until;
  return (
    <span class="price-early" data-test="early-price">
      <span class="price">{formatClp(pricing.priceClp)}</span>{' '}
      <s class="price-regular">
        <span class="visually-hidden">Precio normal </span>
        {formatClp(pricing.earlyBird.regularPriceClp)}
      </s>{' '}
      <span class="early-note">
        Preventa hasta el{' '}
        {short ? `${formatDayLong(until)}, ${santiagoTime(new Date(until))} hrs` : formatDateTimeLong(until)}
      </span>
    </span>
  );
}
