// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { AttendanceLine, AttendanceReport } from './attendance.queries';
export { attendanceReport } from './attendance.queries';
export type { StaffDashboard } from './dashboard.queries';
export { loadDashboard } from './dashboard.queries';
export type { Period } from './reports.period';
export { choosePeriod } from './reports.period';
export type { PaymentFilter } from './reports.queries';
export { listCategories, listPayments, paymentTotals } from './reports.queries';
export type { Dashboard, DescribedPayment, Slice } from './reports.service';
export {
  buildDashboard,
  buildPackReport,
  describePayments,
  EXPORT_HEADER,
  EXPORT_MAX_ROWS,
  exportRows,
  SOURCES,
} from './reports.service';
