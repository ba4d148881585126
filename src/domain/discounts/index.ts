// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { discountCodesCheck } from './discounts.consistency';
export { codeRejections, DiscountCodeRejectedError, DuplicateDiscountCodeError } from './discounts.errors';
export type { DiscountTarget } from './discounts.queries';
export { findAppliedCode, reassignDiscountUses } from './discounts.queries';
export type { DiscountCodeInput, OrderLine } from './discounts.rules';
export { normalizeCode, SCOPE_MATCHES, SCOPES_WITH_ITEMS } from './discounts.rules';
export {
  discountShares,
  redeemDiscountCode,
  releaseDiscountCode,
  restoreDiscountCode,
} from './discounts.service';
export type {
  CodeState,
  DiscountCodeFilters,
  DiscountCodeListRow,
  DiscountCodeSort,
} from './discounts-admin.queries';
export {
  CODE_STATES,
  countDiscountCodes,
  DISCOUNT_CODE_SORTS,
  discountCodeTotals,
  findCodeRecord,
  listDiscountCodes,
} from './discounts-admin.queries';
export { createDiscountCode, setDiscountCodeActive, updateDiscountCode } from './discounts-admin.service';
