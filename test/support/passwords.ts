import { randomBytes, scryptSync } from 'node:crypto';

/**
 * A password hash in the format TMM stored before Argon2id ("scrypt$N$r$p$salt$key", N=2^15), made
 * the way the old code made it, so tests can prove such accounts still log in and get upgraded.
 */
export function legacyScryptHash(password: string, N = 2 ** 15): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N, r: 8, p: 1, maxmem: 256 * N * 8 });
  return ['scrypt', N, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}
