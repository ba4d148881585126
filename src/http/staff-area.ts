import type { FastifyInstance, FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import { requireStaff } from './guards';

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
