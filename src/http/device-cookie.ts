import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * OWASP's "device cookie": set when someone logs in successfully, signed with SESSION_SECRET, it
 * names the account it was earned for. Login attempts that carry it are counted on their own, so a
 * flood of wrong passwords from elsewhere cannot lock the owner's browser out of the account.
 */
const COOKIE = 'tmm_dispositivo';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export type TrustedDevice = { userId: number; deviceId: string };

export function readTrustedDevice(request: FastifyRequest): TrustedDevice | null {
  const raw = request.cookies[COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const match = /^(\d{1,9})\.([\w-]{22})$/.exec(unsigned.value);
  return match ? { userId: Number(match[1]), deviceId: match[2]! } : null;
}

/** After a successful login: keep this browser's device id when it was already earned for the account. */
export function rememberTrustedDevice(request: FastifyRequest, reply: FastifyReply, userId: number) {
  const current = readTrustedDevice(request);
  const deviceId = current?.userId === userId ? current.deviceId : randomBytes(16).toString('base64url');
  reply.setCookie(COOKIE, `${userId}.${deviceId}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    signed: true,
    maxAge: ONE_YEAR_SECONDS,
  });
}
