import {
  countPayLines,
  listPayLines,
  listPayroll,
  PAY_LINE_SORTS,
  PAYROLL_SORTS,
  payrollTotals,
} from '../../../domain/facilitator-pay';
import { PAY_RULE_SCOPE_LABELS } from '../../../domain/vocabulary';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatCalendarDate, formatDateTimeShort } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { formatRut } from '../../../lib/rut';
import { formatPercentBp, payRuleText } from '../facilitators/views/pay-rule-text';

const PERIOD_QUERY = { filters: { periodo: filter.id() } };

/**
 * The payroll of a closed period, per facilitator: gross, the boleta de honorarios withholding and
 * net (/gestion/honorarios/planilla/?periodo=N, with its CSV and XLSX).
 */
export const PAYROLL_LIST = defineList({
  path: '/gestion/honorarios/planilla/',
  exportName: 'honorarios',
  sheet: 'Honorarios',
  query: {
    ...PERIOD_QUERY,
    sortable: PAYROLL_SORTS,
    defaultSort: 'nombre' as const,
    defaultDir: 'asc' as const,
  },
  criteria: (query) => ({ periodId: query.filters.periodo }),
  totals: payrollTotals,
  rows: listPayroll,
  rowId: (r) => r.facilitatorId,
  columns: [
    {
      label: 'Facilitador',
      sort: 'nombre',
      cell: (r) => <a href={`/gestion/facilitadores/${r.facilitatorId}/`}>{r.name}</a>,
      exportValue: (r) => r.name,
    },
    {
      label: 'RUT',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (r) => formatRut(r.rut),
      exportValue: (r) => formatRut(r.rut),
    },
    { label: 'Sesiones', num: true, showFrom: 700, cell: (r) => r.sessions, exportValue: (r) => r.sessions },
    {
      label: 'Bruto',
      exportLabel: 'Bruto (CLP)',
      sort: 'bruto',
      num: true,
      cell: (r) => formatClp(r.grossClp),
      exportValue: (r) => r.grossClp,
    },
    {
      label: 'Retención',
      exportLabel: 'Retención (CLP)',
      num: true,
      cell: (r) => formatClp(r.withholdingClp),
      exportValue: (r) => r.withholdingClp,
    },
    {
      label: 'Tasa',
      showFrom: 1080,
      exportLabel: 'Tasa de retención',
      num: true,
      cell: (r) => formatPercentBp(r.rateBp),
      exportValue: (r) => formatPercentBp(r.rateBp),
    },
    {
      label: 'Líquido',
      exportLabel: 'Líquido (CLP)',
      num: true,
      cell: (r) => <strong>{formatClp(r.netClp)}</strong>,
      exportValue: (r) => r.netClp,
    },
  ],
});

/** A closed period's pay lines: each session with the rule that paid it and its inputs. */
export const PAY_LINE_LIST = defineList({
  path: '/gestion/honorarios/sesiones/',
  exportName: 'honorarios-sesiones',
  sheet: 'Sesiones',
  query: {
    ...PERIOD_QUERY,
    sortable: PAY_LINE_SORTS,
    defaultSort: 'fecha' as const,
    defaultDir: 'asc' as const,
  },
  criteria: (query) => ({ periodId: query.filters.periodo }),
  totals: countOnly(countPayLines),
  rows: listPayLines,
  rowId: (l) => l.id,
  pageSize: 50,
  columns: [
    {
      label: 'Fecha',
      sort: 'fecha',
      cellClass: 'nowrap',
      cell: (l) => formatDateTimeShort(l.startsAt),
      exportValue: (l) => formatDateTimeShort(l.startsAt),
    },
    { label: 'Taller', cell: (l) => l.workshopName, exportValue: (l) => l.workshopName },
    {
      label: 'Facilitador',
      sort: 'nombre',
      cell: (l) => l.facilitatorName,
      exportValue: (l) => l.facilitatorName,
    },
    {
      label: 'Regla',
      showFrom: 700,
      cell: (l) =>
        l.ruleKind ? (
          <>
            {payRuleText({
              kind: l.ruleKind,
              amountClp: l.ruleAmountClp ?? 0,
              percentBp: l.rulePercentBp,
              attendeeBasis: l.ruleBasis ?? 'attended',
              bonusThreshold: l.ruleBonusThreshold,
              bonusClp: l.ruleBonusClp,
            })}
            <small class="meta">
              {' '}
              · {PAY_RULE_SCOPE_LABELS[l.ruleScope ?? ''] ?? ''} desde{' '}
              {formatCalendarDate(l.ruleEffectiveFrom ?? '')}
            </small>
          </>
        ) : (
          <span class="badge badge-warn">Sin regla</span>
        ),
      exportValue: (l) =>
        l.ruleKind
          ? `${payRuleText({
              kind: l.ruleKind,
              amountClp: l.ruleAmountClp ?? 0,
              percentBp: l.rulePercentBp,
              attendeeBasis: l.ruleBasis ?? 'attended',
              bonusThreshold: l.ruleBonusThreshold,
              bonusClp: l.ruleBonusClp,
            })} (${PAY_RULE_SCOPE_LABELS[l.ruleScope ?? ''] ?? ''} desde ${formatCalendarDate(l.ruleEffectiveFrom ?? '')})`
          : 'Sin regla',
    },
    {
      label: 'Inscritos',
      num: true,
      showFrom: 1080,
      cell: (l) => l.bookedCount,
      exportValue: (l) => l.bookedCount,
    },
    {
      label: 'Asistieron',
      num: true,
      showFrom: 1080,
      cell: (l) => l.attendedCount,
      exportValue: (l) => l.attendedCount,
    },
    {
      label: 'Recaudado',
      exportLabel: 'Recaudado neto (CLP)',
      num: true,
      showFrom: 1300,
      cell: (l) => formatClp(l.revenueClp),
      exportValue: (l) => l.revenueClp,
    },
    {
      label: 'Bono',
      exportLabel: 'Bono (CLP)',
      num: true,
      showFrom: 1300,
      cell: (l) => formatClp(l.bonusClp),
      exportValue: (l) => l.bonusClp,
    },
    {
      label: 'Bruto',
      exportLabel: 'Bruto (CLP)',
      sort: 'bruto',
      num: true,
      cell: (l) => formatClp(l.grossClp),
      exportValue: (l) => l.grossClp,
    },
  ],
});
