import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One-click unsubscribe links: `/correo/baja/<customer id>-<mac>/`, where the mac is an HMAC of
 * the customer id with the session secret. The link works without logging in (that is the point
 * of one click) and cannot be forged for another customer. It never expires: a newsletter read a
 * year later must still unsubscribe. The rejected alternative, a random token stored per
 * customer, needs a migration and a lookup table for the same guarantee.
 */

const mac = (customerId: number, secret: string) =>
  createHmac('sha256', secret).update(`marketing-unsubscribe:${customerId}`).digest('base64url').slice(0, 32);

export function unsubscribeToken(customerId: number, secret: string): string {
  return `${customerId}-${mac(customerId, secret)}`;
}

export const unsubscribePath = (customerId: number, secret: string) =>
  `/correo/baja/${unsubscribeToken(customerId, secret)}/`;

/** The customer id a token names, or null when it was not made with our secret. */
export function verifyUnsubscribeToken(token: string, secret: string): number | null {
  const match = /^(\d{1,12})-([\w-]{32})$/.exec(token);
  if (!match) return null;
  const customerId = Number(match[1]);
  const expected = Buffer.from(mac(customerId, secret));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? customerId : null;
}
