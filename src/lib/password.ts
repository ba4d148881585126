import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

/**
 * Passwords are hashed with Argon2id at OWASP's minimum (m = 19 MiB, t = 2, p = 1) through
 * @node-rs/argon2, a maintained binding that ships prebuilt binaries as npm packages (nothing is
 * compiled or downloaded at install). It costs ~20 ms of CPU here, against ~170 ms for the scrypt
 * (N=2^15) it replaces, which was also below OWASP's scrypt minimum (N=2^17). Hashes from the
 * scrypt years ("scrypt$N$r$p$salt$hash") still verify and are rehashed at the next good login.
 *
 * The binding hashes on libuv's thread pool. Each hash holds 19 MiB while it runs, so a login
 * storm could otherwise multiply that by the pool size and queue every other file or DNS task
 * behind it: at most MAX_CONCURRENT_HASHES run at once per process, the rest wait their turn.
 */
/** Algorithm.Argon2id of the binding: a const enum, which isolated modules cannot import. */
const ARGON2ID = 2;
export const ARGON2_PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const MAX_CONCURRENT_HASHES = 2;

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next waiter (running stays the same), or free it.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

const normalize = (password: string) => password.normalize('NFKC');

export function hashPassword(password: string): Promise<string> {
  return limited(() => argon2Hash(normalize(password), { algorithm: ARGON2ID, ...ARGON2_PARAMS }));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2id$')) {
    return limited(() => argon2Verify(stored, normalize(password))).catch(() => false);
  }
  const legacy = parseScrypt(stored);
  if (!legacy) return false;
  const key = await limited(() => scrypt(normalize(password), legacy.salt, legacy.params));
  return key.length === legacy.key.length && timingSafeEqual(key, legacy.key);
}

/** True for anything but an Argon2id hash with today's parameters (scrypt, older Argon2 settings). */
export function needsRehash(stored: string): boolean {
  const { memoryCost, timeCost, parallelism } = ARGON2_PARAMS;
  return !stored.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`);
}

/** A hash to compare against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}

// ---- scrypt, read only: hashes stored before Argon2id ---------------------------------------------

type ScryptParams = { N: number; r: number; p: number };

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password, salt, 32, { ...params, maxmem: 256 * params.N * params.r * params.p }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

function parseScrypt(stored: string) {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // A stored hash is data: refuse parameters no honest hash of ours ever had rather than let one
  // row make the process allocate gigabytes.
  if (
    ![params.N, params.r, params.p].every(Number.isSafeInteger) ||
    params.N > 2 ** 17 ||
    params.r > 16 ||
    params.p > 4
  )
    return null;
  return { params, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}
