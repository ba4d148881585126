import type { FastifyRequest } from 'fastify';

/**
 * The one place a user's session starts (login, sign-up): a new session id, so a session id
 * planted before login (session fixation) is worthless after it. regenerate() also deletes the
 * old session row. Returns the previous session id, for features that move anonymous state
 * (an anonymous cart) to the account.
 */
export async function logIn(request: FastifyRequest, userId: number): Promise<string> {
  const previousSessionId = request.session.sessionId;
  await request.session.regenerate();
  request.session.userId = userId;
  return previousSessionId;
}

/** Ends the session (a new, empty one takes its place so the flash message survives). */
export async function logOut(request: FastifyRequest): Promise<void> {
  await request.session.regenerate();
}
