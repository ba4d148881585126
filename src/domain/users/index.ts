// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { InvalidTokenError } from './account.errors';
export {
  changePasswordForm,
  newPasswordForm,
  profileForm,
  registerForm,
  resetRequestForm,
} from './account.input';
export { findProfileAccount, findSessionUser } from './account.queries';
export {
  changePassword,
  confirmSignup,
  findResetAccount,
  findSignupRequest,
  reissueAccessLink,
  requestPasswordReset,
  requestSignup,
  resendVerification,
  resetPassword,
  updateProfile,
  verifyEmail,
} from './account.service';
export { InvalidLoginError, TooManyLoginAttemptsError } from './auth.errors';
export { purgeAuthRecordsJob } from './auth.jobs';
export { authenticate } from './auth.service';
export {
  findCalendarFeedCustomer,
  renewCalendarFeed,
  revokeCalendarFeed,
} from './calendar-feed';
export { deleteSession, findLiveSession, saveSession } from './sessions.queries';
export { createTestUsers, writeUsersCsv } from './test-users.service';
export { FacilitatorRoleChangeError } from './users.errors';
export { countUsers, listAdminEmails, listUsers } from './users.queries';
export { changeUserAccess, createFacilitatorUser, createStaffUser } from './users.service';
