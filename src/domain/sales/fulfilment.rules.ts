import type { FulfilmentMethod, FulfilmentStatus } from '../../db/schema';

/**
 * The steps of an order on its way to the customer, by how it is handed over: a pickup waits at
 * the studio ("listo para retiro"), a delivery goes out with a courier ("despachado"). One step at
 * a time, never back: a step that was announced by e-mail cannot be taken back by a click.
 */
export const FULFILMENT_STEPS: Record<FulfilmentMethod, readonly FulfilmentStatus[]> = {
  pickup: ['POR_PREPARAR', 'PREPARADO', 'LISTO_PARA_RETIRO', 'ENTREGADO'],
  delivery: ['POR_PREPARAR', 'PREPARADO', 'DESPACHADO', 'ENTREGADO'],
};

/** The step after `current` for this kind of order, or null when it has arrived (or the pair is impossible). */
export function nextFulfilmentStatus(
  method: FulfilmentMethod,
  current: FulfilmentStatus,
): Exclude<FulfilmentStatus, 'POR_PREPARAR'> | null {
  const steps = FULFILMENT_STEPS[method];
  const at = steps.indexOf(current);
  const next = at === -1 ? undefined : steps[at + 1];
  return next && next !== 'POR_PREPARAR' ? next : null;
}
