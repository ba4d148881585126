import type { Tx } from '../../db/database';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { recordAudit } from '../audit';
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

/** Lists a site; added is false when it was already listed. Throws ValidationError. Audited. */
export async function addWidgetOrigin(
  trx: Tx,
  raw: string,
  ctx: Pick<ServiceContext, 'now' | 'actor'> & { allowLocalHttp: boolean },
): Promise<{ origin: string; added: boolean }> {
  const origin = widgetOrigin(raw, ctx.allowLocalHttp);
  const id = await insertWidgetOrigin(trx, origin, ctx.now.toISOString());
  if (id !== undefined)
    await recordAudit(
      trx,
      { entityType: 'widget_origin', entityId: id, action: 'create', after: { origin } },
      ctx,
    );
  return { origin, added: id !== undefined };
}

/** Stops a site from showing the widget. Throws NotFoundError. Audited. */
export async function removeWidgetOrigin(
  trx: Tx,
  id: number,
  ctx: Pick<ServiceContext, 'now' | 'actor'>,
): Promise<void> {
  const origin = await deleteWidgetOrigin(trx, id);
  if (origin === undefined) throw new NotFoundError('Ese sitio ya no estaba en la lista.');
  await recordAudit(
    trx,
    { entityType: 'widget_origin', entityId: id, action: 'delete', before: { origin } },
    ctx,
  );
}

/**
 * The widget's `frame-ancestors` value: exactly the listed sites, or 'none' when there are none
 * (the widget then refuses every site, like every other page).
 */
export const frameAncestors = (origins: readonly string[]) => (origins.length ? origins.join(' ') : "'none'");
