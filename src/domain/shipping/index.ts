// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { RegionCode } from './regions';
export { REGION_CODES } from './regions';
export { DeliveryUnavailableError } from './shipping.errors';
export type { ShippingRate } from './shipping.queries';
export { listShippingRates } from './shipping.queries';
export type { ShippingPreview } from './shipping.service';
export { previewCheckout, quoteDelivery, saveShippingRates } from './shipping.service';
