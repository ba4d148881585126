// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { payEnrollmentBalances } from './bulk-payments.service';
export { ProviderUnavailableError } from './gateways/gateway';
export { createPaymentGateways, type PaymentGateways } from './gateways/registry';
export { giftCardMoneyJob } from './gift-card-payments.jobs';
export {
  payEnrollmentWithGiftCard,
  paySaleWithGiftCard,
  returnGiftCardMoney,
  returnGiftCardMoneyOfEnrollment,
} from './gift-card-payments.service';
export { onlinePaymentsCheck } from './online-payments.consistency';
export {
  LastProviderError,
  NothingToPayError,
  PaymentNotApplicableError,
  PaymentStartFailedError,
  ProviderNotConfiguredError,
  ProviderNotOfferedError,
  RefundConflictError,
  RefundFailedError,
  RefundNotAllowedError,
  UnknownOnlinePaymentError,
} from './online-payments.errors';
export { onlinePaymentsJobs } from './online-payments.jobs';
export {
  type CheckNowOutcome,
  checkAttemptNow,
  RECONCILIATION_DAYS,
  reconcileOnlinePayments,
} from './online-payments.reconcile';
export {
  attemptPath,
  confirmMercadoPagoReturn,
  confirmWebpayReturn,
  describeAttempt,
  handleMercadoPagoWebhook,
  type OnlinePaymentsDeps,
  PROVIDER_PATHS,
  redirectFor,
  startEnrollmentsOnlinePayment,
  startOnlinePayment,
  sweepOnlinePayments,
  type WebpayReturn,
} from './online-payments.service';
export type {
  AttemptFilters,
  AttemptListRow,
  AttemptOutcome,
  AttemptReceipt,
} from './online-payments-admin.queries';
export {
  ATTEMPT_SORTS,
  attemptOutcome,
  attemptTotals,
  findAttemptDetail,
  findAttemptForCustomer,
  listAttempts,
  reconciliationSummary,
} from './online-payments-admin.queries';
export { type RefundLimit, refundLimit, refundOnlinePayment } from './online-refunds.service';
export { rebuildPaymentDays } from './payment-days';
export type { ApiPayment } from './payments.api.queries';
export { findApiPayment, listApiPayments } from './payments.api.queries';
export { enrollmentPaymentsCheck, paymentDaysCheck } from './payments.consistency';
export { AlreadyPaidError, SimulatedPaymentDeclinedError } from './payments.errors';
export {
  insertPayment,
  newPaymentReference,
  recordEnrollmentPayment,
  recordEnrollmentRefund,
} from './payments.service';
export type { PaymentFilters, PaymentListRow } from './payments-admin.queries';
export { listPayments, PAYMENT_SORTS, paymentTotals } from './payments-admin.queries';
export {
  offeredProviders,
  type PaymentChoice,
  type ProviderSettingView,
  providerSettings,
  setProviderEnabled,
} from './provider-settings.service';
export { paySale, recordSalePaymentByStaff } from './sale-payments.service';
export { paySimulatedEnrollment, paySimulatedEnrollments } from './simulated-payments.service';
