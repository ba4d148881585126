import { createHash, randomBytes } from 'node:crypto';

/**
 * One-time links (e-mail verification, password reset): 256 random bits in the URL, only their
 * SHA-256 in the database, so a leaked database or backup cannot be replayed as links.
 * A fast hash is enough here (unlike passwords): the token is random, not guessable.
 */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens are base64url of 32 bytes; anything else is rejected before touching the database. */
export const looksLikeToken = (raw: string) => /^[\w-]{43}$/.test(raw);
