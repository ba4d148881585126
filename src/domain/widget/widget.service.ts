import type { Tx } from '../../db/database';
import { NotFoundError, ValidationError } from '../../lib/errors';
import type { ServiceContext } from '../context';
import { deleteWidgetOrigin, insertWidgetOrigin } from './widget.queries';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * A site allowed to show the widget, as CSP `frame-ancestors` needs it: scheme, host and port,
 * nothing else ("https://ejemplo.cl/talleres" becomes "https://ejemplo.cl"). https only, except
 * this machine over http outside production (a site being built). No wildcards: each site is
 * listed on purpose. Throws ValidationError.
 */
export function widgetOrigin(raw: string, allowLocalHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ValidationError({ origen: 'Escribe la dirección del sitio, por ejemplo https://ejemplo.cl.' });
  }
  const local = allowLocalHttp && url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !local)
    throw new ValidationError({ origen: 'El sitio debe empezar con https://.' });
  if (url.username || url.password || url.hostname.includes('*'))
    throw new ValidationError({ origen: 'Escribe solo la dirección del sitio, sin usuario ni comodines.' });
  return url.origin;
}

/** Lists a site; false when it was already listed. Throws ValidationError. */
export async function addWidgetOrigin(
  trx: Tx,
  raw: string,
  ctx: Pick<ServiceContext, 'now'> & { allowLocalHttp: boolean },
): Promise<{ origin: string; added: boolean }> {
  const origin = widgetOrigin(raw, ctx.allowLocalHttp);
  return { origin, added: await insertWidgetOrigin(trx, origin, ctx.now.toISOString()) };
}

/** Stops a site from showing the widget. Throws NotFoundError. */
export async function removeWidgetOrigin(trx: Tx, id: number): Promise<void> {
  if (!(await deleteWidgetOrigin(trx, id))) throw new NotFoundError('Ese sitio ya no estaba en la lista.');
}

/**
 * The widget's `frame-ancestors` value: exactly the listed sites, or 'none' when there are none
 * (the widget then refuses every site, like every other page).
 */
export const frameAncestors = (origins: readonly string[]) => (origins.length ? origins.join(' ') : "'none'");
