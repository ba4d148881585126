import { ValidationError } from '../../lib/errors';

/** A delivery to a region staff marked unavailable: the checkout form shows it on the region field. */
export class DeliveryUnavailableError extends ValidationError {
  constructor(regionName: string) {
    const message = `Por ahora no hacemos despachos a ${regionName}. Elige «Retiro en el taller» o escríbenos para coordinarlo.`;
    super({ region: message }, message);
  }
}
