/**
 * How long to wait after each failed attempt before the next: exponential, from a minute to a day,
 * so a receiver that is down for a deploy gets the event within minutes and one down over a long
 * weekend still gets it. Nine attempts in all over 72 h 36 min (about three days); when the last
 * fails the endpoint is disabled. The rejected alternative, a fixed interval, either hammers a dead
 * receiver or leaves a briefly-down one waiting for hours.
 */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 360, 720, 1440, 1680] as const;

/** Attempts a delivery gets before it fails for good: the first and one per delay. */
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/** When to try again after the `attempts`-th failed attempt (1-based), or null when none is left. */
export function nextRetryAt(attempts: number, failedAt: Date): Date | null {
  const minutes = RETRY_DELAYS_MINUTES[attempts - 1];
  return minutes === undefined ? null : new Date(failedAt.getTime() + minutes * 60_000);
}

/** How long a claimed delivery stays locked: far longer than one attempt's timeout. */
export const DELIVERY_LOCK_MS = 2 * 60_000;
/** One attempt's time limit, connection and answer included. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
/** How long deliveries and their attempts are kept. */
export const DELIVERY_LOG_DAYS = 30;
