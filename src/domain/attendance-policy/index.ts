// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { AttendancePolicy, AttendanceTerms, AttendanceTermsInput } from './attendance-policy.service';
export {
  attendancePolicies,
  attendancePolicy,
  centreAttendancePolicy,
  saveCentreAttendancePolicy,
  saveWorkshopAttendancePolicy,
} from './attendance-policy.service';
