// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { CancellationPolicy, PolicyTerms } from './cancellation-policy';
export { attendancePoints, cancellationPolicy } from './cancellation-policy';
export type { DoorAttendee, DoorEnrollment, DoorScope, TicketDetails } from './checkin.queries';
export {
  findDoorEnrollment,
  findDoorSession,
  findTicketDetails,
  listDoorAttendees,
  listDoorSessions,
} from './checkin.queries';
export type { CheckInInput, CheckInResult } from './checkin.service';
export { checkIn, describeTicket } from './checkin.service';
export { companionSeatsCheck } from './companions.consistency';
export { cancelCompanion, seatShareClp } from './companions.service';
export type { DebtorFilters, DebtorRow, DebtorState } from './debtors.queries';
export {
  DEBTOR_SORTS,
  DEBTOR_STATES,
  debtorTotals,
  findDebtor,
  findOwingEnrollments,
  listDebtors,
} from './debtors.queries';
export { reminderData, sendPaymentReminders } from './debtors.service';
export { applyEnrollmentDiscountCode } from './discount-codes.service';
export type { ApiEnrollment, ApiEnrollmentFilter } from './enrollments.api.queries';
export { findApiEnrollment, listApiEnrollments } from './enrollments.api.queries';
export {
  AlreadyEnrolledError,
  CancelledTicketError,
  CreditPaymentError,
  EnrollmentNotReinstatableError,
  InvalidSeatsError,
  InvalidTicketError,
  NotEnoughSeatsError,
  WorkshopFullError,
  WrongSessionTicketError,
} from './enrollments.errors';
export { applyNoShowPolicyJob, expireUnpaidEnrollmentsJob } from './enrollments.jobs';
export type { CompanionRow, EnrollmentSummary } from './enrollments.queries';
export {
  companionLabel,
  findActiveEnrollment,
  findEnrollmentSummary,
  findSharedActiveWorkshops,
  isEnrollmentOfWorkshop,
  listActiveCompanions,
  listCalendarEnrollments,
  listCustomerEnrollments,
  reassignEnrollments,
} from './enrollments.queries';
export {
  acceptWaitlistOffer,
  applyPayment,
  applyRefund,
  cancelEnrollment,
  enrollCustomer,
  enrollmentActions,
  joinWaitlist,
  MAX_SEATS,
  queueBookingConfirmation,
  reinstateLapsedEnrollment,
} from './enrollments.service';
export type { EnrollmentFilters, EnrollmentListRow } from './enrollments-admin.queries';
export {
  customerIdsOfEnrollments,
  ENROLLMENT_SORTS,
  enrollmentIdsInScope,
  enrollmentTotals,
  listEnrollments,
  listWorkshopOptions,
} from './enrollments-admin.queries';
export type { CreditPaymentOffer } from './pay-with-credit.service';
export { findCreditPaymentOffer, payEnrollmentWithCredit } from './pay-with-credit.service';
export type { RefundDueRow, RefundFilters } from './refunds.queries';
export { listRefundsDue, REFUND_SORTS, refundsDueTotals } from './refunds.queries';
export type { CancelWorkshopResult } from './workshop-changes.service';
export {
  cancelWholeWorkshop,
  deleteWorkshopByStaff,
  markAttendance,
  updateWorkshopByStaff,
} from './workshop-changes.service';
