// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { payEnrollmentBalances } from './bulk-payments.service';
export { rebuildPaymentDays } from './payment-days';
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
