import { MODALITIES } from '../../../../db/schema';
import { MODALITY_LABELS } from '../../../../domain/vocabulary';
import type { AdminWorkshopRow } from '../../../../domain/workshops';
import { formatDateTimeShort } from '../../../../lib/dates';
import type { ListQuery } from '../../../../lib/list-query';
import { formatClp } from '../../../../lib/money';
import type { Page } from '../../../../lib/pagination';
import { SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

const LIST = '/gestion/talleres/';

type Filters = {
  desde: string | null;
  hasta: string | null;
  categoria: number | null;
  modalidad: (typeof MODALITIES)[number] | null;
  activo: 'si' | 'no' | null;
};

type Props = {
  ctx: PageContext;
  query: ListQuery<string, Filters>;
  workshops: Page<AdminWorkshopRow>;
  categories: { id: number; name: string }[];
  now: string;
};

/** "7 / 10 (70 %)" with the seats held for the waitlist, if any. */
export function Occupancy({ w }: { w: { totalSeats: number; seatsTaken: number; seatsHeld: number } }) {
  const pct = w.totalSeats === 0 ? 0 : Math.round((w.seatsTaken / w.totalSeats) * 100);
  const left = w.totalSeats - w.seatsTaken - w.seatsHeld;
  const cls = left <= 0 ? 'seats-none' : left <= 3 ? 'seats-low' : 'seats-ok';
  return (
    <span class={cls} data-test="occupancy">
      {w.seatsTaken} / {w.totalSeats} ({pct} %)
      {w.seatsHeld > 0 && ` · ${w.seatsHeld} guardado${w.seatsHeld === 1 ? '' : 's'}`}
    </span>
  );
}

export function WorkshopStateChip({
  w,
  now,
}: {
  w: { isActive: boolean; cancelledAt: string | null; startsAt: string };
  now: string;
}) {
  if (w.cancelledAt) return <span class="badge badge-ANULADO">Cancelado</span>;
  if (!w.isActive) return <span class="chip">Inactivo</span>;
  if (w.startsAt <= now) return <span class="chip">Realizado</span>;
  return <span class="badge badge-PAGADO">Activo</span>;
}

export function WorkshopsPage({ ctx, query, workshops, categories, now }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Talleres" crumbs={[['Gestión', '/gestion/'], ['Talleres']]}>
      <div class="section-head">
        <h1>Talleres</h1>
        <p>
          <a href="/gestion/talleres/nuevo/" class="button button-small">
            Nuevo taller
          </a>
        </p>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Nombre del taller">
        <div class="field">
          <label for="f-desde">Desde</label>
          <input id="f-desde" name="desde" type="date" value={f.desde ?? ''} />
        </div>
        <div class="field">
          <label for="f-hasta">Hasta</label>
          <input id="f-hasta" name="hasta" type="date" value={f.hasta ?? ''} />
        </div>
        <div class="field">
          <label for="f-categoria">Categoría</label>
          <select id="f-categoria" name="categoria">
            <option value="">Todas</option>
            {categories.map((c) => (
              <option value={String(c.id)} selected={f.categoria === c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <SelectField
          name="modalidad"
          label="Modalidad"
          emptyLabel="Todas"
          options={MODALITIES.map((m) => ({ value: m, label: MODALITY_LABELS[m] }))}
          value={f.modalidad}
        />
        <div class="field">
          <label for="f-activo">Estado</label>
          <select id="f-activo" name="activo">
            <option value="">Todos</option>
            <option value="si" selected={f.activo === 'si'}>
              Activos
            </option>
            <option value="no" selected={f.activo === 'no'}>
              Inactivos
            </option>
          </select>
        </div>
      </ListFilters>
      <DataTable
        basePath={LIST}
        query={query}
        page={workshops}
        caption="Talleres"
        empty="No hay talleres que coincidan con los filtros."
        rowId={(w) => w.id}
        columns={[
          {
            label: 'Taller',
            sort: 'nombre',
            cell: (w) => (
              <a href={`${LIST}${w.id}/`} data-test="workshop-link">
                {w.name}
              </a>
            ),
          },
          { label: 'Categoría', sort: 'categoria', cell: (w) => w.categoryName ?? '—' },
          { label: 'Fecha', sort: 'fecha', cell: (w) => formatDateTimeShort(w.startsAt) },
          { label: 'Modalidad', cell: (w) => MODALITY_LABELS[w.modality] },
          {
            label: 'Precio',
            sort: 'precio',
            num: true,
            cell: (w) => (w.priceClp === 0 ? 'Gratis' : formatClp(w.priceClp)),
          },
          { label: 'Ocupación', sort: 'ocupacion', cell: (w) => <Occupancy w={w} /> },
          { label: 'Estado', cell: (w) => <WorkshopStateChip w={w} now={now} /> },
          {
            label: 'Acciones',
            cell: (w) => (
              <>
                <a href={`${LIST}${w.id}/editar/`}>Editar</a> · <a href={`/talleres/${w.id}/`}>Ver público</a>
              </>
            ),
          },
        ]}
      />
    </StaffLayout>
  );
}
