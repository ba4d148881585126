import type { EnrollmentStatus } from '../../../../db/schema';
import type { DebtorRow, DebtorState } from '../../../../domain/enrollments';
import { ENROLLMENT_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateShort, formatDateTimeShort } from '../../../../lib/dates';
import { type ListQuery, listHref } from '../../../../lib/list-query';
import { formatClp } from '../../../../lib/money';
import type { Page } from '../../../../lib/pagination';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { PaymentMiniForm } from '../../workshops/views/payment-mini-form';

const LIST = '/gestion/deudores/';
const BULK = 'recordatorio-lote';

const STATE_TABS: [DebtorState | null, string][] = [
  [null, 'Con deuda'],
  ['PENDIENTE', 'Sin pagos'],
  ['ABONADO', 'Abonados'],
  ['PAGADO', 'Pagados'],
];

type Props = {
  ctx: PageContext;
  query: ListQuery<string, { estado: DebtorState | null; taller: number | null }>;
  debtors: Page<DebtorRow & { days: number }>;
  owedClp: number;
  workshops: { id: number; name: string; startsAt: string }[];
  currentUrl: string;
  paymentTokens: Record<number, string>;
};

export function DebtorsPage({ ctx, query, debtors, owedClp, workshops, currentUrl, paymentTokens }: Props) {
  const f = query.filters;
  const state = f.estado === 'DEUDA' ? null : f.estado;
  const tabHref = (s: DebtorState | null) =>
    listHref(LIST, { params: query.params.filter(([k]) => k !== 'estado').concat(s ? [['estado', s]] : []) });
  return (
    <StaffLayout ctx={ctx} title="Deudores" crumbs={[['Gestión', '/gestion/'], ['Deudores']]}>
      <div class="section-head">
        <h1>Deudores</h1>
        <p class="meta" data-test="total-owed">
          Total adeudado: <strong>{formatClp(owedClp)}</strong>
        </p>
      </div>
      <nav class="tabs" aria-label="Estado de pago">
        {STATE_TABS.map(([s, label]) => (
          <a href={tabHref(s)} aria-current={state === s ? 'page' : undefined} class="chip">
            {label}
          </a>
        ))}
      </nav>
      <ListFilters basePath={LIST} query={query} placeholder="Cliente, correo o taller">
        <div class="field">
          <label for="f-taller">Taller</label>
          <select id="f-taller" name="taller">
            <option value="">Todos</option>
            {workshops.map((w) => (
              <option value={String(w.id)} selected={f.taller === w.id}>
                {w.name} ({formatDateShort(w.startsAt)})
              </option>
            ))}
          </select>
        </div>
        {f.estado && <input type="hidden" name="estado" value={f.estado} />}
      </ListFilters>

      {state !== 'PAGADO' && (
        <form id={BULK} method="get" action={`${LIST}recordatorio/`} class="panel bulk-panel" data-bulk>
          <p class="bulk-submit">
            <button type="submit" class="button button-small" data-test="remind-selected">
              Enviar recordatorio de pago a la selección…
            </button>{' '}
            <span class="meta" data-selected-count={BULK} aria-live="polite" />
          </p>
          <p class="meta">Verás el correo antes de enviarlo.</p>
        </form>
      )}

      <DataTable
        basePath={LIST}
        query={query}
        page={debtors}
        caption="Deudores"
        bulkForm={state !== 'PAGADO' ? BULK : undefined}
        empty="No hay inscripciones con el estado de pago seleccionado."
        rowId={(d) => d.id}
        columns={[
          {
            label: 'Cliente',
            sort: 'cliente',
            cell: (d) => (
              <>
                <a href={`/gestion/clientes/${d.customerId}/`}>{d.fullName}</a>
                <br />
                <span class="meta">
                  {d.email}
                  {d.phone && ` · ${d.phone}`}
                </span>
              </>
            ),
          },
          {
            label: 'Taller',
            sort: 'taller',
            cell: (d) => <a href={`/gestion/talleres/${d.workshopId}/`}>{d.workshopName}</a>,
          },
          { label: 'Fecha', sort: 'fecha', cell: (d) => formatDateTimeShort(d.startsAt) },
          {
            label: 'Estado',
            cell: (d) => (
              <span class={`badge badge-${d.status}`}>
                {ENROLLMENT_STATUS_LABELS[d.status as EnrollmentStatus]}
              </span>
            ),
          },
          {
            label: 'Pagado',
            num: true,
            cell: (d) => `${formatClp(d.amountPaidClp)} de ${formatClp(d.amountDueClp)}`,
          },
          {
            label: 'Debe',
            sort: 'monto',
            num: true,
            cell: (d) => (
              <strong data-test="debtor-owed">{formatClp(d.amountDueClp - d.amountPaidClp)}</strong>
            ),
          },
          {
            label: 'Desde',
            sort: 'antiguedad',
            cell: (d) => (
              <span title={formatDateShort(d.createdAt)}>
                {d.days === 0 ? 'hoy' : d.days === 1 ? 'hace 1 día' : `hace ${d.days} días`}
              </span>
            ),
          },
          {
            label: 'Registrar pago',
            cell: (d) =>
              d.amountDueClp > d.amountPaidClp ? (
                <>
                  <PaymentMiniForm
                    ctx={ctx}
                    action={`${LIST}${d.id}/pago/`}
                    balance={d.amountDueClp - d.amountPaidClp}
                    token={paymentTokens[d.id] ?? ''}
                    back={currentUrl}
                  />
                  <a href={`${LIST}${d.id}/pago/`} class="meta">
                    más opciones
                  </a>
                </>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </StaffLayout>
  );
}
