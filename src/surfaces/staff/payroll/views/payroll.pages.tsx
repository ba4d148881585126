import type { PayPeriod, PayPeriodRow } from '../../../../domain/facilitator-pay';
import { plural } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatCalendarDate, formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, Field } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { formatPercentBp } from '../../facilitators/views/pay-rule-text';
import { PAY_LINE_LIST, PAYROLL_LIST } from '../payroll.list';

const HOME = '/gestion/honorarios/';
const range = (p: { startsOn: string; endsOn: string }) =>
  `${formatCalendarDate(p.startsOn)} al ${formatCalendarDate(p.endsOn)}`;

type Form = { values: Record<string, string>; errors: Record<string, string> };

/** Honorarios: the closed periods, closing the next one, and the boleta's withholding rate. */
export function PayrollHomePage({
  ctx,
  periods,
  rateBp,
  close,
  rate,
}: {
  ctx: PageContext;
  periods: PayPeriodRow[];
  rateBp: number;
  close: Form;
  rate: Form;
}) {
  return (
    <StaffLayout ctx={ctx} title="Honorarios" crumbs={[['Gestión', '/gestion/'], ['Honorarios']]}>
      <h1>Honorarios</h1>
      <p class="meta">
        Cerrar un período calcula el pago de cada sesión con su facilitador según las reglas de pago y lo deja
        fijo: cambiar las reglas después no cambia un período cerrado.
      </p>
      <div class="two-col">
        <form method="post" action={`${HOME}cerrar/`} class="panel" novalidate data-test="close-period">
          <h2>Cerrar un período</h2>
          <CsrfField token={ctx.csrfToken} />
          <div class="grid-2">
            <Field
              name="desde"
              label="Desde"
              type="date"
              value={close.values.desde}
              error={close.errors.desde}
              required
            />
            <Field
              name="hasta"
              label="Hasta"
              type="date"
              value={close.values.hasta}
              error={close.errors.hasta}
              required
            />
          </div>
          <button type="submit" class="button">
            Cerrar período
          </button>
        </form>
        <form method="post" action={`${HOME}retencion/`} class="panel" novalidate>
          <h2>Retención de la boleta</h2>
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="retencion"
            label="Tasa de retención (%)"
            value={rate.values.retencion ?? (rateBp / 100).toLocaleString('es-CL')}
            error={rate.errors.retencion}
            inputmode="decimal"
            hint="15,25 % en 2026 (Ley 21.133, sube cada año). Se aplica a los períodos que cierres desde ahora, sobre el bruto de cada facilitador, redondeada al peso."
          />
          <button type="submit" class="button button-secondary">
            Guardar tasa
          </button>
        </form>
      </div>
      <section class="panel" aria-labelledby="periodos">
        <h2 id="periodos">Períodos cerrados</h2>
        {periods.length === 0 ? (
          <p class="empty">Aún no cierras ningún período.</p>
        ) : (
          <div class="table-wrap">
            <table class="staff-table" data-test="periods">
              <caption class="visually-hidden">Períodos cerrados</caption>
              <thead>
                <tr>
                  <th scope="col">Período</th>
                  <th scope="col" class="num">
                    Sesiones
                  </th>
                  <th scope="col" class="num">
                    Bruto
                  </th>
                  <th scope="col" class="from-700">
                    Cerrado
                  </th>
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr>
                    <td>
                      <a href={`${PAYROLL_LIST.path}?periodo=${p.id}`}>{range(p)}</a>
                    </td>
                    <td class="num">{p.sessions}</td>
                    <td class="num">{formatClp(p.grossClp)}</td>
                    <td class="from-700">{formatDateTimeShort(p.closedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </StaffLayout>
  );
}

function PeriodHeader({ period, current }: { period: PayPeriod; current: 'planilla' | 'sesiones' }) {
  return (
    <>
      <h1>Honorarios del {range(period)}</h1>
      <p class="meta">
        Cerrado el {formatDateTimeShort(period.closedAt)} · retención{' '}
        {formatPercentBp(period.withholdingRateBp)} ·{' '}
        {current === 'planilla' ? (
          <a href={`${PAY_LINE_LIST.path}?periodo=${period.id}`}>Ver cada sesión</a>
        ) : (
          <a href={`${PAYROLL_LIST.path}?periodo=${period.id}`}>Ver por facilitador</a>
        )}
      </p>
    </>
  );
}

/** A period's payroll per facilitator, with its totals. */
export function PayrollPage({
  ctx,
  query,
  page,
  totals,
  period,
}: ListDataOf<typeof PAYROLL_LIST> & { ctx: PageContext; period: PayPeriod }) {
  return (
    <StaffLayout
      ctx={ctx}
      title={`Honorarios del ${range(period)}`}
      crumbs={[['Gestión', '/gestion/'], ['Honorarios', HOME], [range(period)]]}
    >
      <PeriodHeader period={period} current="planilla" />
      <dl class="facts payroll-totals" data-test="payroll-totals">
        <dt>Facilitadores</dt>
        <dd>{totals.count}</dd>
        <dt>Bruto</dt>
        <dd>{formatClp(totals.grossClp)}</dd>
        <dt>Retención</dt>
        <dd>{formatClp(totals.withholdingClp)}</dd>
        <dt>Líquido</dt>
        <dd>{formatClp(totals.netClp)}</dd>
      </dl>
      <DataTable
        basePath={PAYROLL_LIST.path}
        query={query}
        page={page}
        caption="Honorarios por facilitador"
        empty="Este período no tuvo sesiones con facilitador."
        rowId={PAYROLL_LIST.rowId}
        columns={PAYROLL_LIST.columns}
      />
    </StaffLayout>
  );
}

/** A period's pay lines, one per session. */
export function PayLinesPage({
  ctx,
  query,
  page,
  period,
}: ListDataOf<typeof PAY_LINE_LIST> & { ctx: PageContext; period: PayPeriod }) {
  return (
    <StaffLayout
      ctx={ctx}
      title={`Sesiones del ${range(period)}`}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Honorarios', HOME],
        [range(period), `${PAYROLL_LIST.path}?periodo=${period.id}`],
        ['Sesiones'],
      ]}
    >
      <PeriodHeader period={period} current="sesiones" />
      <p class="meta">
        {plural(page.total, 'sesión pagada', 'sesiones pagadas')}. Recaudado neto: lo pagado por sus
        inscripciones menos lo devuelto, al cerrar el período.
      </p>
      <DataTable
        basePath={PAY_LINE_LIST.path}
        query={query}
        page={page}
        caption="Sesiones del período"
        empty="Este período no tuvo sesiones con facilitador."
        rowId={PAY_LINE_LIST.rowId}
        columns={PAY_LINE_LIST.columns}
      />
    </StaffLayout>
  );
}
