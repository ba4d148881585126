import type { DebtorState } from '../../../../domain/enrollments';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatDateShort } from '../../../../lib/dates';
import { listHref } from '../../../../lib/list-query';
import { formatClp } from '../../../../lib/money';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { DEBTOR_LIST } from '../debtors.list';

const LIST = DEBTOR_LIST.path;
const BULK = 'recordatorio-lote';

const STATE_TABS: [DebtorState | null, string][] = [
  [null, 'Con deuda'],
  ['PENDIENTE', 'Sin pagos'],
  ['ABONADO', 'Abonados'],
  ['PAGADO', 'Pagados'],
];

type Props = ListDataOf<typeof DEBTOR_LIST> & {
  ctx: PageContext;
  workshops: { id: number; name: string; startsAt: string }[];
  paymentTokens: Record<number, string>;
};

export function DebtorsPage({ ctx, query, page, totals, workshops, currentUrl, paymentTokens }: Props) {
  const f = query.filters;
  const state = f.estado === 'DEUDA' ? null : f.estado;
  const tabHref = (s: DebtorState | null) =>
    listHref(LIST, { params: query.params.filter(([k]) => k !== 'estado').concat(s ? [['estado', s]] : []) });
  return (
    <StaffLayout ctx={ctx} title="Deudores" crumbs={[['Gestión', '/gestion/'], ['Deudores']]}>
      <div class="section-head">
        <h1>Deudores</h1>
        <p class="meta" data-test="total-owed">
          Total adeudado: <strong>{formatClp(totals.owedClp)}</strong>
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
        page={page}
        caption="Deudores"
        bulkForm={state !== 'PAGADO' ? BULK : undefined}
        empty="No hay inscripciones con el estado de pago seleccionado."
        rowId={DEBTOR_LIST.rowId}
        columns={DEBTOR_LIST.columns}
        view={{ ctx, paymentTokens, currentUrl }}
      />
    </StaffLayout>
  );
}
