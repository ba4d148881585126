import type { FastifyInstance, FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import { requireFacilitator, requireStaff, requireUser } from './guards';

/**
 * Everything under /gestion/ is registered through here, so the staff guard is declared once for
 * the whole tree and a route added later cannot escape it. It runs on onRequest, before the body is
 * parsed: an upload from someone who is not staff is refused without reading it. Features pass their staff route
 * plugins (paths relative to /gestion). A part of the tree open to more roles than staff (check-in
 * at the door) is its own staffArea with its own guard.
 */
export function staffArea(
  plugins: FastifyPluginAsync[],
  guard: onRequestHookHandler = requireStaff,
): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.addHook('onRequest', guard);
    for (const plugin of plugins) await app.register(plugin);
  };
}

/**
 * A facilitator's own pages (/gestion/mis-sesiones/), outside the staff guard. A visitor goes to the
 * login page before anything is read (onRequest). The role is checked as each route's last
 * preValidation step, after the CSRF check the app's onRoute hook put there (parents' onRoute hooks
 * run first) and before the body is validated: a forged write learns nothing, and a logged-in
 * customer or staff member gets the same 403 as the rest of /gestion/ gives a facilitator, whatever
 * they send. These routes take no uploads, so reading a small form body first costs nothing. Every
 * query behind them is scoped to the session's facilitator id as well.
 */
export function facilitatorArea(plugins: FastifyPluginAsync[]): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.addHook('onRequest', requireUser);
    app.addHook('onRoute', (route) => {
      route.preValidation = [route.preValidation ?? []].flat().concat(requireFacilitator);
    });
    for (const plugin of plugins) await app.register(plugin);
  };
}
