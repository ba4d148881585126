import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../../../../db/schema';
import type { EnrollmentListRow } from '../../../../domain/enrollments';
import {
  ENROLLMENT_STATUS_LABELS,
  PAYMENT_METHOD_LABELS,
  STAFF_PAYMENT_METHODS,
} from '../../../../domain/vocabulary';
import { formatDateShort, formatDateTimeShort } from '../../../../lib/dates';
import type { ListQuery } from '../../../../lib/list-query';
import { formatClp } from '../../../../lib/money';
import type { Page } from '../../../../lib/pagination';
import { CsrfField, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkSubmit, DateRangeFields, FormatSelect, ListTotals } from '../../lists/admin-lists.components';

const LIST = '/gestion/inscripciones/';
const BULK = 'bulk-inscripciones';

type Filters = {
  estado: EnrollmentStatus | null;
  taller: number | null;
  desde: string | null;
  hasta: string | null;
  ids: number[];
};

type Props = {
  ctx: PageContext;
  query: ListQuery<string, Filters>;
  enrollments: Page<EnrollmentListRow>;
  totals: { due: number; paid: number; owed: number };
  workshops: { id: number; name: string; startsAt: string }[];
  currentUrl: string;
  submission: string;
};

const owed = (e: EnrollmentListRow) =>
  e.status === 'ANULADO' ? 0 : Math.max(0, e.amountDueClp - e.amountPaidClp);

export function EnrollmentsPage({
  ctx,
  query,
  enrollments,
  totals,
  workshops,
  currentUrl,
  submission,
}: Props) {
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
          ['Total a cobrar', totals.due],
          ['Pagado', totals.paid],
          ['Por cobrar', totals.owed],
        ]}
      />

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
        page={enrollments}
        caption="Inscripciones"
        bulkForm={BULK}
        empty="No hay inscripciones que coincidan con los filtros."
        rowId={(e) => e.id}
        columns={[
          { label: 'N°', cell: (e) => String(e.id) },
          {
            label: 'Cliente',
            sort: 'cliente',
            cell: (e) => (
              <>
                <a href={`/gestion/clientes/${e.customerId}/`}>{e.customerName}</a>
                <br />
                <span class="meta">{e.customerEmail}</span>
              </>
            ),
          },
          {
            label: 'Taller',
            sort: 'taller',
            cell: (e) => (
              <>
                <a href={`/gestion/talleres/${e.workshopId}/`}>{e.workshopName}</a>
                <br />
                <span class="meta">{formatDateTimeShort(e.workshopStartsAt)}</span>
              </>
            ),
          },
          { label: 'Inscrita', sort: 'fecha', cell: (e) => formatDateShort(e.createdAt) },
          {
            label: 'Estado',
            sort: 'estado',
            cell: (e) => <span class={`badge badge-${e.status}`}>{ENROLLMENT_STATUS_LABELS[e.status]}</span>,
          },
          { label: 'Monto', sort: 'monto', num: true, cell: (e) => formatClp(e.amountDueClp) },
          { label: 'Pagado', sort: 'pagado', num: true, cell: (e) => formatClp(e.amountPaidClp) },
          { label: 'Debe', sort: 'debe', num: true, cell: (e) => (owed(e) > 0 ? formatClp(owed(e)) : '—') },
        ]}
      />
    </StaffLayout>
  );
}
