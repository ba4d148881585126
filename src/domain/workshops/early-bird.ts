import { addHours } from '../../lib/dates';

/** What a workshop costs at a moment, and, while its early-bird price applies, until when. */
export type WorkshopPricing = {
  priceClp: number;
  /** Set while the early-bird price applies: the regular price and the instant it ends. */
  earlyBird: { regularPriceClp: number; until: string } | null;
};

type PricedWorkshop = {
  priceClp: number;
  startsAt: string;
  earlyPriceClp: number | null;
  earlyUntilDays: number | null;
};

/**
 * The early-bird rule: the lower price applies until `earlyUntilDays` whole days (24 h each) before
 * the start, and only when it is lower than the regular price. The catalogue, the workshop page and
 * the enrollment read this one function, so the price shown is the price charged; an enrollment
 * keeps the price it was made at.
 */
export function workshopPricing(w: PricedWorkshop, now: Date): WorkshopPricing {
  if (w.earlyPriceClp === null || w.earlyUntilDays === null || w.earlyPriceClp >= w.priceClp)
    return { priceClp: w.priceClp, earlyBird: null };
  const until = addHours(new Date(w.startsAt), -24 * w.earlyUntilDays);
  if (now >= until) return { priceClp: w.priceClp, earlyBird: null };
  return {
    priceClp: w.earlyPriceClp,
    earlyBird: { regularPriceClp: w.priceClp, until: until.toISOString() },
  };
}
