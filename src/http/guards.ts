import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database';
import type { UserRole } from '../db/schema';
import { findSessionUser } from '../domain/users';
import { ForbiddenError } from '../lib/errors';
import type { CurrentUser } from './types';

/** Loads the session's user once per request (one indexed query). Disabled accounts are logged out. */
export async function loadCurrentUser(db: Db, request: FastifyRequest): Promise<void> {
  request.user = null;
  const userId = request.session?.userId;
  if (!userId) return;
  const row = await findSessionUser(db, userId);
  if (!row?.isActive) {
    request.session.userId = undefined;
    return;
  }
  const user: CurrentUser = {
    id: row.id,
    email: row.email,
    username: row.username,
    name: row.name,
    role: row.role,
    customerId: row.customerId ?? null,
    facilitatorId: row.facilitatorId ?? null,
  };
  request.user = user;
}

export function loginRedirect(request: FastifyRequest, reply: FastifyReply) {
  const next =
    request.method === 'GET'
      ? request.url
      : (request.headers.referer && safeLocalPath(new URL(request.headers.referer, 'http://x').pathname)) ||
        request.url.split('?')[0] ||
        '/';
  return reply.redirect(`/login/?next=${encodeURIComponent(next)}`, 303);
}

/** onRequest: any logged-in user. Anonymous visitors go to the login page and come back. */
export async function requireUser(request: FastifyRequest, reply: FastifyReply) {
  if (!request.user) return loginRedirect(request, reply);
}

/** onRequest for the whole /gestion/ tree: staff or admin. */
export async function requireStaff(request: FastifyRequest, reply: FastifyReply) {
  if (!request.user) return loginRedirect(request, reply);
  if (request.user.role !== 'staff' && request.user.role !== 'admin') throw new ForbiddenError();
}

/**
 * onRequest for a facilitator's own pages (/gestion/mis-sesiones/): an account with the facilitator
 * role and its record. Staff and admins are refused too: they have the whole back office, and these
 * pages are scoped to the facilitator's id.
 */
export async function requireFacilitator(request: FastifyRequest, reply: FastifyReply) {
  if (!request.user) return loginRedirect(request, reply);
  if (request.user.role !== 'facilitator' || request.user.facilitatorId === null) throw new ForbiddenError();
}

/**
 * Who may check people in at the door (/gestion/asistencia/): the one place that says so. The
 * check-in pages are their own part of /gestion/ behind `requireCheckIn` (app.ts), so letting
 * another role in (facilitators) is adding it to this list.
 */
export const CHECK_IN_ROLES: readonly UserRole[] = ['staff', 'admin', 'facilitator'];

/** onRequest for the check-in pages: a logged-in user whose role is in CHECK_IN_ROLES. */
export async function requireCheckIn(request: FastifyRequest, reply: FastifyReply) {
  if (!request.user) return loginRedirect(request, reply);
  if (!CHECK_IN_ROLES.includes(request.user.role)) throw new ForbiddenError();
}

/** onRequest for managing users and roles. */
export async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
  if (!request.user) return loginRedirect(request, reply);
  if (request.user.role !== 'admin') throw new ForbiddenError('Solo un administrador puede hacer esto.');
}

/**
 * A redirect target from user input (`next`), accepted only when it is a path on this site.
 * Rejects "//evil.example", "https://evil.example", "/\evil" and anything with a scheme.
 */
export function safeLocalPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  if ([...raw].some((c) => c === '\\' || c.charCodeAt(0) < 0x20)) return null;
  try {
    const url = new URL(raw, 'http://tmm.invalid');
    if (url.origin !== 'http://tmm.invalid') return null;
    const path = `${url.pathname}${url.search}`;
    // Dot segments collapse while parsing: "/.//evil.example" becomes "//evil.example", which a
    // browser reads as another host. Check the result, not only the input.
    return path.startsWith('//') ? null : path;
  } catch {
    return null;
  }
}
