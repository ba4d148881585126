import { ENROLLMENT_STATUSES } from '../../../../db/schema';
import {
  ENROLLMENT_STATUS_LABELS,
  PAYMENT_METHOD_LABELS,
  STAFF_PAYMENT_METHODS,
} from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatDateShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkSubmit, DateRangeFields, FormatSelect, ListTotals } from '../../lists/admin-lists.components';
import { ENROLLMENT_LIST } from '../enrollments.list';

const LIST = ENROLLMENT_LIST.path;
const BULK = 'bulk-inscripciones';

type Props = ListDataOf<typeof ENROLLMENT_LIST> & {
  ctx: PageContext;
  workshops: { id: number; name: string; startsAt: string }[];
  submission: string;
};

export function EnrollmentsPage({ ctx, query, page, totals, workshops, currentUrl, submission }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Inscripciones" crumbs={[['Gestión', '/gestion/'], ['Inscripciones']]}>
      <div class="section-head">
        <h1>Inscripciones</h1>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Cliente, correo, taller o N°">
        <SelectField
          name="estado"
          label="Estado"
          emptyLabel="Todos"
          options={ENROLLMENT_STATUSES.map((s) => ({ value: s, label: ENROLLMENT_STATUS_LABELS[s] }))}
          value={f.estado}
        />
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
        <DateRangeFields from={f.desde} to={f.hasta} label="Inscripción" />
        {f.ids.map((id) => (
          <input type="hidden" name="ids" value={String(id)} />
        ))}
      </ListFilters>

      <ListTotals
        items={[
          ['Total', totals.total],
          ['Pagado', totals.paid],
          ['Debe', totals.owed],
          ['Devuelto', totals.refunded],
        ]}
      />
      <p class="meta list-totals-rule" data-test="totals-rule">
        Total = pagado + debe + devuelto. Una inscripción vigente cuenta por su precio; una anulada, por lo
        que se pagó de ella (no debe nada).
        {totals.refundDue > 0 && (
          <>
            {' '}
            De lo pagado, {formatClp(totals.refundDue)} es de inscripciones anuladas y está{' '}
            <a href="/gestion/devoluciones/">por devolver</a>.
          </>
        )}
      </p>

      <form id={BULK} method="post" action={`${LIST}acciones/`} class="panel bulk-panel" data-bulk>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="volver" value={currentUrl} />
        <input type="hidden" name="envio" value={submission} />
        <div class="bulk-row">
          <div class="field">
            <label for="f-accion">Acción con las seleccionadas</label>
            <select id="f-accion" name="accion" data-bulk-action>
              <option value="pagar">Marcar como pagadas (registra el saldo)</option>
              <option value="correo">Enviar un correo a sus clientes</option>
              <option value="exportar">Exportar seleccionadas</option>
            </select>
          </div>
          <div class="field" data-for-action="pagar">
            <label for="f-metodo">Medio de pago</label>
            <select id="f-metodo" name="metodo">
              {STAFF_PAYMENT_METHODS.map((m) => (
                <option value={m}>{PAYMENT_METHOD_LABELS[m]}</option>
              ))}
            </select>
          </div>
          <FormatSelect />
        </div>
        <BulkSubmit formId={BULK} />
      </form>

      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Inscripciones"
        bulkForm={BULK}
        empty="No hay inscripciones que coincidan con los filtros."
        rowId={ENROLLMENT_LIST.rowId}
        columns={ENROLLMENT_LIST.columns}
      />
    </StaffLayout>
  );
}
