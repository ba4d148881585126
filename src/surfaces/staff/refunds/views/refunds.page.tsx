import type { ListDataOf } from '../../../../http/staff-list';
import { formatDateShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { REFUND_LIST } from '../refunds.list';

const LIST = REFUND_LIST.path;

type Props = ListDataOf<typeof REFUND_LIST> & {
  ctx: PageContext;
  workshops: { id: number; name: string; startsAt: string }[];
};

export function RefundsPage({ ctx, query, page, totals, workshops, currentUrl }: Props) {
  return (
    <StaffLayout
      ctx={ctx}
      title="Devoluciones pendientes"
      crumbs={[['Gestión', '/gestion/'], ['Devoluciones']]}
    >
      <div class="section-head">
        <h1>Devoluciones pendientes</h1>
        <p class="meta" data-test="total-refunds">
          Por devolver: <strong>{formatClp(totals.refundDueClp)}</strong>
        </p>
      </div>
      <p class="meta">
        Lo pagado por inscripciones anuladas que aún no se devuelve. Al registrar la devolución queda en{' '}
        <a href="/gestion/pagos/?tipo=devolucion">Pagos</a> como devolución.
      </p>
      <ListFilters basePath={LIST} query={query} placeholder="Cliente, correo o taller">
        <div class="field">
          <label for="f-taller">Taller</label>
          <select id="f-taller" name="taller">
            <option value="">Todos</option>
            {workshops.map((w) => (
              <option value={String(w.id)} selected={query.filters.taller === w.id}>
                {w.name} ({formatDateShort(w.startsAt)})
              </option>
            ))}
          </select>
        </div>
      </ListFilters>
      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Devoluciones pendientes"
        empty="No hay devoluciones pendientes."
        rowId={REFUND_LIST.rowId}
        columns={REFUND_LIST.columns}
        view={{ ctx, currentUrl }}
      />
    </StaffLayout>
  );
}
