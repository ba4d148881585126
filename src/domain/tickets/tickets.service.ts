import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db, Tx } from '../../db/database';
import { ticketSecret } from './tickets.queries';

/**
 * An enrollment's ticket: `<enrollment id>.<mac>`, where the mac is an HMAC-SHA256 of the id with
 * the ticket key (128 bits kept, base64url). Checking one needs no table of issued tickets: the id
 * and the mac say it all, and nobody can make the mac of another id without the key. The rejected
 * alternative, a random token stored per enrollment, needs a column, a unique index and a write at
 * every enrollment path for the same guarantee. A cancelled enrollment keeps a valid signature;
 * the check-in refuses it by its status.
 */

const TOKEN = /^(\d{1,12})\.([\w-]{22})$/;

const mac = (enrollmentId: number, secret: string) =>
  createHmac('sha256', secret).update(`ticket:v1:${enrollmentId}`).digest('base64url').slice(0, 22);

/** The token printed in an enrollment's QR code and in its "Mi entrada" address. */
export async function ticketToken(db: Db | Tx, enrollmentId: number): Promise<string> {
  return `${enrollmentId}.${mac(enrollmentId, await ticketSecret(db))}`;
}

/**
 * The enrollment a scanned text names, or null when it is not one of our tickets (forged, cut
 * short, another QR code). Accepts the bare token or the "Mi entrada" address that carries it,
 * which is what the QR code holds (a customer's own camera app then opens their ticket).
 */
export async function enrollmentOfTicket(db: Db | Tx, scanned: string): Promise<number | null> {
  const text = scanned.trim();
  const fromUrl = /\/entradas\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(text);
  const match = TOKEN.exec(fromUrl ? fromUrl[1]! : text);
  if (!match) return null;
  const enrollmentId = Number(match[1]);
  const expected = Buffer.from(mac(enrollmentId, await ticketSecret(db)));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? enrollmentId : null;
}

/** The public address of a ticket ("Mi entrada"), which the QR code also holds. */
export const ticketPath = (token: string) => `/entradas/${token}/`;

/** The QR code of a ticket as a PNG, for e-mails (mail apps block data: images). */
export const ticketImagePath = (token: string) => `/entradas/${token}/qr.png`;
