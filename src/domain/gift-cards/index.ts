// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { ApiGiftCard, ApiGiftCardFilter } from './gift-cards.api.queries';
export { findApiGiftCard, listApiGiftCards } from './gift-cards.api.queries';
export { codeOfToken, hashCardToken, hideCardSecrets, maskedCode } from './gift-cards.codes';
export { giftCardHoldsCheck, giftCardLedgerCheck, giftCardPaymentsCheck } from './gift-cards.consistency';
export {
  GiftCardAdjustmentError,
  GiftCardAmountError,
  GiftCardBalanceError,
  GiftCardDiscountError,
  GiftCardExpiredError,
  GiftCardForGiftCardError,
  GiftCardNotFoundError,
} from './gift-cards.errors';
export { findCardByTokenHash, saleHasGiftCard } from './gift-cards.queries';
export {
  adjustGiftCard,
  checkGiftCardAmount,
  createPendingGiftCard,
  GIFT_CARD_LIMITS,
  GIFT_CARD_VALIDITY_DAYS,
  type GiftCardSpend,
  giftCardHoldsOfSale,
  giftCardMoneyOfEnrollment,
  giftCardPagePath,
  issueGiftCardsForSale,
  markHoldPaid,
  releaseGiftCardHolds,
  retakeGiftCardHolds,
  returnToGiftCard,
  spendGiftCard,
  voidGiftCardsOfSale,
} from './gift-cards.service';
export type { AccountGiftCards } from './gift-cards-account.queries';
export { listAccountGiftCards } from './gift-cards-account.queries';
export type {
  CustomerGiftCards,
  GiftCardDetail,
  GiftCardFilters,
  GiftCardListRow,
  GiftCardReport,
  GiftCardSort,
  GiftCardState,
} from './gift-cards-admin.queries';
export {
  findGiftCardDetail,
  GIFT_CARD_SORTS,
  GIFT_CARD_STATES,
  giftCardReport,
  giftCardState,
  giftCardTotals,
  listGiftCards,
  listGiftCardsOfCustomer,
} from './gift-cards-admin.queries';
