import { PAYMENT_METHODS, type PaymentMethod } from '../../../../db/schema';
import type { PaymentListRow } from '../../../../domain/payments';
import { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import type { ListQuery } from '../../../../lib/list-query';
import { formatClp } from '../../../../lib/money';
import type { Page } from '../../../../lib/pagination';
import { CsrfField, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkSubmit, DateRangeFields, FormatSelect, ListTotals } from '../../lists/admin-lists.components';

const LIST = '/gestion/pagos/';
const BULK = 'bulk-pagos';

type Filters = {
  metodo: PaymentMethod | null;
  tipo: 'pago' | 'devolucion' | null;
  origen: 'talleres' | 'kits' | null;
  desde: string | null;
  hasta: string | null;
  ids: number[];
};

type Props = {
  ctx: PageContext;
  query: ListQuery<string, Filters>;
  payments: Page<PaymentListRow>;
  totals: { received: number; refunded: number; net: number };
  currentUrl: string;
};

export function PaymentsPage({ ctx, query, payments, totals, currentUrl }: Props) {
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

      <form id={BULK} method="post" action={`${LIST}acciones/`} class="panel bulk-panel" data-bulk>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="volver" value={currentUrl} />
        <input type="hidden" name="accion" value="exportar" />
        <div class="bulk-row">
          <p class="meta">Exportar los pagos seleccionados</p>
          <FormatSelect />
        </div>
        <BulkSubmit formId={BULK} />
      </form>

      <DataTable
        basePath={LIST}
        query={query}
        page={payments}
        caption="Pagos"
        bulkForm={BULK}
        empty="No hay pagos que coincidan con los filtros."
        rowId={(p) => p.id}
        columns={[
          { label: 'Fecha', sort: 'fecha', cell: (p) => formatDateTimeShort(p.paidAt) },
          {
            label: 'Cliente',
            sort: 'cliente',
            cell: (p) => <a href={`/gestion/clientes/${p.customerId}/`}>{p.customerName}</a>,
          },
          {
            label: 'Concepto',
            cell: (p) =>
              p.saleId !== null ? (
                <a href={`/gestion/ventas/${p.saleId}/`}>Pedido N° {p.saleId}</a>
              ) : (
                <>
                  <a href={`/gestion/talleres/${p.workshopId}/`}>{p.workshopName}</a>
                  <br />
                  <span class="meta">Inscripción N° {p.enrollmentId}</span>
                </>
              ),
          },
          {
            label: 'Tipo',
            cell: (p) =>
              p.kind === 'REFUND' ? (
                <span class="badge badge-ANULADO">{PAYMENT_KIND_LABELS.REFUND}</span>
              ) : (
                PAYMENT_KIND_LABELS.PAYMENT
              ),
          },
          { label: 'Medio', sort: 'metodo', cell: (p) => PAYMENT_METHOD_LABELS[p.method] },
          { label: 'Referencia', cell: (p) => p.reference },
          {
            label: 'Monto',
            sort: 'monto',
            num: true,
            cell: (p) => formatClp(p.kind === 'REFUND' ? -p.amountClp : p.amountClp),
          },
          {
            label: 'Registrado por',
            cell: (p) => p.recordedBy ?? <span class="meta">Cliente (en línea)</span>,
          },
        ]}
      />
    </StaffLayout>
  );
}
