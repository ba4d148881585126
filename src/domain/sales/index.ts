// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { shopSalesCheck } from './checkout.consistency';
export { SaleNotPayableError } from './checkout.errors';
export { shopJobs } from './checkout.jobs';
export type { SaleLineView, SaleView } from './checkout.queries';
export { findSale, listCustomerSales, listSaleLines, reassignSales } from './checkout.queries';
export {
  cancelSaleByUser,
  checkout,
  declineSalePayment,
  findSaleFor,
  holdGiftCardOnSale,
  lockSaleForGiftCardSpend,
  markSalePaidAndNotify,
  reinstateLapsedSale,
  salePaymentPath,
} from './checkout.service';
export { applySaleDiscountCode } from './discount-codes.service';
export { fulfilmentCheck } from './fulfilment.consistency';
export { FulfilmentStaleError, FulfilmentStepError, OrderNotPaidError } from './fulfilment.errors';
export type { DeliveryAddress, SaleFulfilment } from './fulfilment.queries';
export { findDeliveryDefaults, findSaleFulfilment, listSaleFulfilments } from './fulfilment.queries';
export { FULFILMENT_STEPS, nextFulfilmentStatus } from './fulfilment.rules';
export type { FulfilmentChoice, PickupPlace } from './fulfilment.service';
export { advanceFulfilment } from './fulfilment.service';
export { checkoutGiftCard, type GiftCardOrderInput } from './gift-card-checkout.service';
export type { ApiSale, ApiSaleLine } from './sales.api.queries';
export { findApiSale, listApiSales } from './sales.api.queries';
export type { FulfilmentFilter, SaleFilters, SaleListRow } from './sales-admin.queries';
export {
  FULFILMENT_FILTERS,
  listSalePayments,
  listSales,
  SALE_SORTS,
  saleTotals,
} from './sales-admin.queries';
export { cancelSaleByStaff } from './sales-admin.service';
