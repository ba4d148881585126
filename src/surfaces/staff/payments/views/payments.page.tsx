import { PAYMENT_METHODS } from '../../../../db/schema';
import { PAYMENT_METHOD_LABELS, plural } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatClp } from '../../../../lib/money';
import { SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkExportForm, DateRangeFields, ListTotals } from '../../lists/admin-lists.components';
import { PAYMENT_LIST } from '../payments.list';

const LIST = PAYMENT_LIST.path;
const BULK = 'bulk-pagos';

type Props = ListDataOf<typeof PAYMENT_LIST> & {
  ctx: PageContext;
  /** Refunds owed and not yet recorded (all of them, not only this list's filter). */
  refundsDue: { count: number; refundDueClp: number };
};

export function PaymentsPage({ ctx, query, page, totals, currentUrl, refundsDue }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Pagos" crumbs={[['Gestión', '/gestion/'], ['Pagos']]}>
      <div class="section-head">
        <h1>Pagos</h1>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Cliente, taller, referencia o N° de pedido">
        <SelectField
          name="metodo"
          label="Medio"
          emptyLabel="Todos"
          options={PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))}
          value={f.metodo}
        />
        <div class="field">
          <label for="f-tipo">Tipo</label>
          <select id="f-tipo" name="tipo">
            <option value="">Todos</option>
            <option value="pago" selected={f.tipo === 'pago'}>
              Pagos
            </option>
            <option value="devolucion" selected={f.tipo === 'devolucion'}>
              Devoluciones
            </option>
          </select>
        </div>
        <div class="field">
          <label for="f-origen">Origen</label>
          <select id="f-origen" name="origen">
            <option value="">Todos</option>
            <option value="talleres" selected={f.origen === 'talleres'}>
              Talleres
            </option>
            <option value="kits" selected={f.origen === 'kits'}>
              Kits (tienda)
            </option>
          </select>
        </div>
        <DateRangeFields from={f.desde} to={f.hasta} />
        {f.ids.map((id) => (
          <input type="hidden" name="ids" value={String(id)} />
        ))}
      </ListFilters>

      <ListTotals
        items={[
          ['Recibido', totals.received],
          ['Devuelto', totals.refunded],
          ['Neto', totals.net],
        ]}
      />
      {refundsDue.count > 0 && (
        <p class="meta list-totals-rule" data-test="refunds-due">
          Además quedan {formatClp(refundsDue.refundDueClp)} por devolver de{' '}
          {plural(refundsDue.count, 'inscripción anulada', 'inscripciones anuladas')}:{' '}
          <a href="/gestion/devoluciones/">ver devoluciones pendientes</a>.
        </p>
      )}

      <BulkExportForm
        formId={BULK}
        listPath={LIST}
        csrfToken={ctx.csrfToken}
        currentUrl={currentUrl}
        label="Exportar los pagos seleccionados"
      />

      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Pagos"
        bulkForm={BULK}
        empty="No hay pagos que coincidan con los filtros."
        rowId={PAYMENT_LIST.rowId}
        columns={PAYMENT_LIST.columns}
      />
    </StaffLayout>
  );
}
