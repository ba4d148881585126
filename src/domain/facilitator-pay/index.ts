// The module's public face: what other modules may use. Everything else in this folder is
// its own business (dependency-cruiser refuses imports that bypass this file).

export { PayPeriodNotOverError, PayPeriodOverlapError, PayRuleNotFoundError } from './pay.errors';
export type {
  PayLineRow,
  PayLineSort,
  PayPeriod,
  PayPeriodRow,
  PayrollCriteria,
  PayrollRow,
  PayrollSort,
} from './pay-periods.queries';
export {
  countPayLines,
  findPayPeriod,
  findWithholdingRate,
  listPayLines,
  listPayPeriods,
  listPayroll,
  PAY_LINE_SORTS,
  PAYROLL_SORTS,
  payrollTotals,
} from './pay-periods.queries';
export { closePayPeriod, setWithholdingRate } from './pay-periods.service';
export type { PayInputs, PayRule, PayRuleScope, PaySession } from './pay-rules';
export { computePay, honorarios, PAY_RULE_PRECEDENCE, percentOf, pickPayRule } from './pay-rules';
export type { FacilitatorPayRule } from './pay-rules.queries';
export { listFacilitatorPayRules, listRuleSeriesOptions, listRuleWorkshopOptions } from './pay-rules.queries';
export type { PayRuleInput } from './pay-rules.service';
export { addPayRule, deletePayRule } from './pay-rules.service';
