import { randomBytes } from 'node:crypto';
import { signerFactory } from '@fastify/cookie';
import type { Db } from '../../src/db/database';

/**
 * Logged-in sessions without logging in: rows in the sessions table and signed `sessionid` cookies,
 * exactly what @fastify/session would have made. Race tests and benchmarks need hundreds of
 * distinct logged-in users, and logging each in over HTTP would mostly measure password hashing.
 */
export async function createSessionCookies(
  db: Db,
  secret: string,
  userIds: number[],
): Promise<Map<number, string>> {
  const signer = signerFactory(secret);
  const now = new Date();
  const expires = new Date(now.getTime() + 24 * 3600_000);
  const rows = userIds.map((userId) => ({
    id: randomBytes(24).toString('base64url'),
    userId,
    data: JSON.stringify({
      cookie: {
        expires: expires.toISOString(),
        originalMaxAge: 24 * 3600_000,
        sameSite: 'lax',
        secure: false,
        path: '/',
        httpOnly: true,
        domain: null,
      },
      userId,
    }),
    expiresAt: expires.toISOString(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('sessions')
      .values(rows.slice(i, i + 500))
      .execute();
  return new Map(rows.map((r) => [r.userId, `sessionid=${encodeURIComponent(signer.sign(r.id))}`]));
}

/** A CSRF pair (secret cookie + token) taken from one page of a running server; valid for any session. */
export async function fetchCsrf(baseUrl: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${baseUrl}/login/`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const token = decodeURIComponent(
    cookies.find((c) => c.startsWith('csrftoken='))!.slice('csrftoken='.length),
  );
  const secret = cookies.find((c) => c.startsWith('_csrf_secret='))!;
  return { cookie: `${secret}; csrftoken=${encodeURIComponent(token)}`, token };
}
