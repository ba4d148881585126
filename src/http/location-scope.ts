import type { FastifyRequest } from 'fastify';
import { staffLocationScope } from '../domain/locations';
import { isWorkshopInScope } from '../domain/workshops';
import { NotFoundError } from '../lib/errors';

/**
 * Staff limited to some locations (sedes) see and manage only the workshops there: the scope is read
 * once per request from the domain, and every back-office route of one workshop answers 404 for a
 * workshop outside it, as if it did not exist (the list queries filter by the same scope).
 */
export function locationScope(request: FastifyRequest): Promise<number[] | null> {
  const user = request.user;
  if (!user) return Promise.resolve([]);
  return staffLocationScope(request.server.deps.database.db, user);
}

/**
 * A preValidation hook for routes with a workshop `:id`: 404 when it lies outside the user's
 * locations. It runs before the body is validated, so an invalid form cannot show (422) the page
 * of a workshop the user may not see; an id that is not a number is left to the params schema.
 */
export async function requireWorkshopInScope(request: FastifyRequest) {
  const raw = (request.params as { id?: unknown }).id;
  const id = typeof raw === 'number' ? raw : /^\d{1,9}$/.test(String(raw)) ? Number(raw) : null;
  if (id === null) return;
  if (!(await isWorkshopInScope(request.server.deps.database.db, id, await locationScope(request))))
    throw new NotFoundError('Ese taller no existe.');
}
