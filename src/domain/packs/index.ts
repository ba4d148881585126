// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export type { PackTerms } from './pack-products.queries';
export {
  findPackProductRecord,
  findPackTermsOfProduct,
  listCoverableWorkshops,
  listPackProducts,
} from './pack-products.queries';
export type { PackProductInput } from './pack-products.service';
export { createPackProduct, updatePackProduct } from './pack-products.service';
export type { ApiPack, ApiPackFilter } from './packs.api.queries';
export { findApiPack, listApiPacks } from './packs.api.queries';
export { packLedgerCheck, packRedemptionsCheck } from './packs.consistency';
export { NoCompanySeatError, NoPackCreditError, PackAdjustmentError } from './packs.errors';
export { packsJob, REMINDER_DAYS } from './packs.jobs';
export type { EligiblePack, WorkshopTerms } from './packs.queries';
export { listEligiblePacks } from './packs.queries';
export {
  adjustPackCredits,
  assignCompanyBundle,
  expirePack,
  forfeitPacksOfSale,
  issuePacksForSale,
  redeemCredit,
  returnCompanionCredit,
  settleCreditOnCancel,
} from './packs.service';
export type { AccountPack, CreditOptions } from './packs-account.queries';
export { findCreditOptions, listContactBundles, listCustomerPacks } from './packs-account.queries';
export type { PackDetail, PackFilters, PackListRow } from './packs-admin.queries';
export {
  findBundleParties,
  findPackDetail,
  listBundleChoices,
  listPacksOfCustomer,
  listPacksSold,
  PACK_OWNER_FILTERS,
  PACK_SORTS,
  packTotals,
} from './packs-admin.queries';
export type { CreditMovement, PackPeriodFigures } from './packs-report.queries';
export { packPeriodFigures } from './packs-report.queries';
