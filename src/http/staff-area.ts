import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { requireStaff } from './guards';

/**
 * Everything under /gestion/ is registered through here, so the staff guard is declared once for
 * the whole tree and a route added later cannot escape it. It runs on onRequest, before the body is
 * parsed: an upload from someone who is not staff is refused without reading it. Features pass their staff route
 * plugins (paths relative to /gestion).
 */
export function staffArea(plugins: FastifyPluginAsync[]): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    app.addHook('onRequest', requireStaff);
    for (const plugin of plugins) await app.register(plugin);
  };
}
