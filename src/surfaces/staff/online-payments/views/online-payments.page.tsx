import { ATTEMPT_STATES, ONLINE_PROVIDERS } from '../../../../db/schema';
import { ATTEMPT_STATE_LABELS, PAYMENT_PROVIDER_LABELS, plural } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatDateTimeShort } from '../../../../lib/dates';
import { CsrfField, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { DateRangeFields, ListTotals } from '../../lists/admin-lists.components';
import { ATTEMPT_LIST } from '../online-payments.list';

const LIST = ATTEMPT_LIST.path;

type Props = ListDataOf<typeof ATTEMPT_LIST> & {
  ctx: PageContext;
  days: number;
  reconciliation: {
    total: number;
    matched: number;
    mismatched: number;
    notYet: number;
    lastRun: string | null;
  };
};

/** "Pagos en línea": every attempt by state, with filters, and the reconciliation of the last days. */
export function OnlinePaymentsPage({ ctx, query, page, totals, days, reconciliation }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Pagos en línea" crumbs={[['Gestión', '/gestion/'], ['Pagos en línea']]}>
      <div class="section-head">
        <h1>Pagos en línea</h1>
        <p>
          <a href={`${LIST}medios/`} class="button button-small button-secondary">
            Medios de pago
          </a>
        </p>
      </div>

      <section class="panel reconciliation" aria-labelledby="conciliacion" data-test="reconciliation">
        <h2 id="conciliacion">Conciliación de los últimos {plural(days, 'día')}</h2>
        <p>
          {reconciliation.total === 0
            ? 'No hubo pagos en línea en estos días.'
            : reconciliation.mismatched === 0 && reconciliation.notYet === 0
              ? `Todo coincide: ${plural(reconciliation.matched, 'pago revisado', 'pagos revisados')} con su proveedor y el libro de pagos.`
              : `${plural(reconciliation.matched, 'pago coincide', 'pagos coinciden')}, ${plural(reconciliation.mismatched, 'con diferencias', 'con diferencias')} y ${plural(reconciliation.notYet, 'sin revisar', 'sin revisar')}.`}{' '}
          {reconciliation.lastRun && (
            <span class="meta">Última revisión: {formatDateTimeShort(reconciliation.lastRun)}.</span>
          )}
        </p>
        <div class="actions-row">
          {reconciliation.mismatched > 0 && (
            <a
              href={`${LIST}?conciliacion=diferencia`}
              class="button button-small"
              data-test="show-mismatches"
            >
              Ver diferencias
            </a>
          )}
          <form method="post" action={`${LIST}conciliar/`} class="inline-form">
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" class="button button-small button-secondary" data-test="reconcile-now">
              Conciliar ahora
            </button>
          </form>
        </div>
      </section>

      <ListFilters basePath={LIST} query={query} placeholder="Cliente, taller, orden de compra o N°">
        <SelectField
          name="proveedor"
          label="Medio"
          emptyLabel="Todos"
          options={ONLINE_PROVIDERS.map((p) => ({ value: p, label: PAYMENT_PROVIDER_LABELS[p] }))}
          value={f.proveedor}
        />
        <SelectField
          name="estado"
          label="Estado"
          emptyLabel="Todos"
          options={ATTEMPT_STATES.map((s) => ({ value: s, label: ATTEMPT_STATE_LABELS[s] }))}
          value={f.estado}
        />
        <SelectField
          name="origen"
          label="Origen"
          emptyLabel="Todos"
          options={[
            { value: 'talleres', label: 'Talleres' },
            { value: 'kits', label: 'Kits (tienda)' },
          ]}
          value={f.origen}
        />
        <SelectField
          name="conciliacion"
          label="Conciliación"
          emptyLabel="Todas"
          options={[
            { value: 'coincide', label: 'Coincide' },
            { value: 'diferencia', label: 'Con diferencias' },
          ]}
          value={f.conciliacion}
        />
        <div class="field field-check">
          <label>
            <input type="checkbox" name="problemas" value="1" checked={f.problemas} /> Solo los que requieren
            atención
          </label>
        </div>
        <DateRangeFields from={f.desde} to={f.hasta} />
      </ListFilters>

      <ListTotals
        items={[
          ['Aprobado', totals.approvedClp],
          ['Devuelto', totals.refundedClp],
        ]}
      >
        <div>
          <dt>Pendientes</dt>
          <dd data-test="pending-count">{totals.pending}</dd>
        </div>
      </ListTotals>

      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Pagos en línea"
        empty="No hay pagos en línea que coincidan con los filtros."
        rowId={ATTEMPT_LIST.rowId}
        rowTest={(a) => `attempt-${a.id}`}
        columns={ATTEMPT_LIST.columns}
      />
    </StaffLayout>
  );
}
