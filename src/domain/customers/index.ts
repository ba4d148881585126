// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { type CompanyFormData, companyForm } from './companies.input';
export type { CompanyRecord, CompanyRow } from './companies.queries';
export {
  COMPANY_SORTS,
  companyNameKey,
  countCompanies,
  countCompanyContacts,
  findCompany,
  listCompanies,
  listCompanyContacts,
  listCompanyOptions,
} from './companies.queries';
export { createCompany, deleteCompany, updateCompany } from './companies.service';
export type { ApiCompany, ApiCustomer } from './customers.api.queries';
export { findApiCompany, findApiCustomer, listApiCompanies, listApiCustomers } from './customers.api.queries';
export { EmailVerificationRequiredError } from './customers.errors';
export type { CustomerFormData } from './customers.input';
export { bulkForm, customerForm, mergeForm } from './customers.input';
export { customerJobs } from './customers.jobs';
export type { CustomerFilters, CustomerListRow, CustomerRecord } from './customers.queries';
export {
  amountsOwedBy,
  CUSTOMER_SORTS,
  countCustomers,
  customerNamesByIds,
  findCustomerByEmail,
  findCustomerContact,
  findCustomerForEnrollment,
  findCustomerRecord,
  findMarketingState,
  interestNamesFor,
  listComunas,
  listCustomerEmails,
  listCustomerEnrollments,
  listCustomerOrders,
  listCustomerPayments,
  listCustomers,
  listInterestIdsOf,
} from './customers.queries';
export type { StaffCustomerInput } from './customers.service';
export {
  absorbDuplicate,
  addCustomerInterest,
  assertMergeable,
  createCustomerByStaff,
  createCustomerForAccount,
  createCustomersForLoadTest,
  customerForUser,
  customerSearchText,
  mayReceiveMarketing,
  noteCustomerActivity,
  optOutOfMarketing,
  recordMarketingConsent,
  setLifecycleStage,
  updateCustomerByStaff,
  updateCustomerPhone,
  updateOwnCustomerData,
} from './customers.service';
export { decodeCsvBytes } from './imports.csv';
export { ImportRejectedError } from './imports.errors';
export type { ImportKind, ImportReport } from './imports.service';
export { isImportable, planCompanyImport, planCustomerImport, runImport } from './imports.service';
export type { InteractionRow } from './interactions.queries';
export { listDueFollowUps, listInteractionsFor } from './interactions.queries';
export { logInteraction, markFollowUpDone } from './interactions.service';
export type { InterestRecord, InterestRow } from './interests.queries';
export {
  countInterests,
  findInterest,
  INTEREST_SORTS,
  INTEREST_USES,
  interestNameKey,
  interestUsage,
  listCustomerInterestNames,
  listInterestOptions,
  listInterests,
} from './interests.queries';
export { createInterest, deleteInterest, updateInterest } from './interests.service';
