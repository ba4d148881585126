import { createHash, randomBytes } from 'node:crypto';

/**
 * A card's secrets. The printable page's token is 144 random bits; the code a customer types is
 * derived from it (SHA-256 of the token, written in an alphabet without look-alikes: no 0/O, 1/I/L),
 * so the database keeps neither, only their hashes, and the page can still show the code. Rejected:
 * storing the code (anyone reading the database could spend every card) and encrypting it (a key to
 * keep and rotate, for a page that the token already opens).
 */

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 12;

export const newCardToken = () => randomBytes(18).toString('base64url');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The card's code from its token, grouped for reading: "7KQM-2XHP-RT9A" (~59 bits). */
export function codeOfToken(token: string): string {
  let n = BigInt(`0x${sha256(`tmm-gift-card-code:${token}`)}`);
  const base = BigInt(ALPHABET.length);
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    code += ALPHABET[Number(n % base)];
    n /= base;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A code as typed (any case, spaces, dashes) in the one form that is hashed. */
export const normalizeCardCode = (typed: string) => typed.toUpperCase().replace(/[^0-9A-Z]/g, '');

export const hashCardCode = (typed: string) => sha256(`code:${normalizeCardCode(typed)}`);

export const hashCardToken = (token: string) => sha256(`token:${token}`);

/** What staff see of a code: its last four characters. */
export const maskedCode = (last4: string | null) => (last4 ? `••••-••••-${last4.slice(0, 4)}` : '—');

const CODE_IN_TEXT = new RegExp(`\\b[${ALPHABET}]{4}-[${ALPHABET}]{4}-([${ALPHABET}]{4})\\b`, 'g');
const PAGE_IN_TEXT = /\/tarjetas-regalo\/[A-Za-z0-9_-]{24}\//g;

/**
 * A card e-mail as staff may read it in the e-mail log: the code masked but its last four (as
 * everywhere staff see a card) and the printable page's link hidden, since either spends the card.
 * The copy sent, and "Reenviar" (to the same recipient), keep them.
 */
export const hideCardSecrets = (text: string) =>
  text.replace(CODE_IN_TEXT, '••••-••••-$1').replace(PAGE_IN_TEXT, '/tarjetas-regalo/[enlace privado]/');
