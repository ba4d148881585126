import { MODALITIES } from '../../../db/schema';
import { MODALITY_LABELS } from '../../../domain/vocabulary';
import { countAdminWorkshops, listAdminWorkshops, WORKSHOP_SORTS } from '../../../domain/workshops';
import { countOnly, defineList } from '../../../http/staff-list';
import { formatDateShort, formatDateTimeShort, santiagoTime } from '../../../lib/dates';
import { filter } from '../../../lib/list-query';
import { formatClp } from '../../../lib/money';
import { santiagoDayRange } from '../lists/admin-lists.dates';
import { Occupancy, occupancyPercent, WorkshopStateChip } from './views/workshop-status';

const LIST = '/gestion/talleres/';

const WORKSHOP_QUERY = {
  sortable: WORKSHOP_SORTS,
  defaultSort: 'fecha' as const,
  defaultDir: 'desc' as const,
  filters: {
    desde: filter.date(),
    hasta: filter.date(),
    categoria: filter.id(),
    modalidad: filter.oneOf(MODALITIES),
    activo: filter.oneOf(['si', 'no'] as const),
  },
};

/** What the page hands the table: "now", to tell a held workshop from an upcoming one. */
type WorkshopView = { now: string };

/** Workshops in the back office: /gestion/talleres/. */
export const WORKSHOP_LIST = defineList({
  path: LIST,
  exportName: 'talleres',
  sheet: 'Talleres',
  query: WORKSHOP_QUERY,
  criteria: (query) => {
    const f = query.filters;
    const days = santiagoDayRange(f.desde, f.hasta);
    return {
      q: query.q,
      fromUtc: days.from,
      toUtc: days.to,
      categoryId: f.categoria,
      modality: f.modalidad,
      active: f.activo === null ? null : f.activo === 'si',
    };
  },
  totals: countOnly(countAdminWorkshops),
  rows: listAdminWorkshops,
  rowId: (w) => w.id,
  columns: [
    {
      label: 'Taller',
      exportLabel: 'Nombre',
      sort: 'nombre',
      cell: (w) => (
        <a href={`${LIST}${w.id}/`} class="clip clip-wide" title={w.name} data-test="workshop-link">
          {w.name}
        </a>
      ),
      exportValue: (w) => w.name,
    },
    {
      label: 'Categoría',
      sort: 'categoria',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (w) => w.categoryName ?? '—',
      exportValue: (w) => w.categoryName,
    },
    {
      label: 'Fecha',
      sort: 'fecha',
      cellClass: 'nowrap',
      cell: (w) => formatDateTimeShort(w.startsAt),
      exportValue: (w) => formatDateShort(w.startsAt),
    },
    { label: 'Hora', exportValue: (w) => santiagoTime(new Date(w.startsAt)) },
    {
      label: 'Modalidad',
      showFrom: 1300,
      cell: (w) => MODALITY_LABELS[w.modality],
      exportValue: (w) => MODALITY_LABELS[w.modality],
    },
    {
      label: 'Precio',
      exportLabel: 'Precio (CLP)',
      sort: 'precio',
      num: true,
      cell: (w) => (w.priceClp === 0 ? 'Gratis' : formatClp(w.priceClp)),
      exportValue: (w) => w.priceClp,
    },
    { label: 'Cupos', exportValue: (w) => w.totalSeats },
    { label: 'Ocupados', exportValue: (w) => w.seatsTaken },
    { label: 'Guardados', exportValue: (w) => w.seatsHeld },
    {
      label: 'Ocupación',
      exportLabel: 'Ocupación (%)',
      sort: 'ocupacion',
      cellClass: 'nowrap',
      cell: (w) => <Occupancy w={w} />,
      exportValue: occupancyPercent,
    },
    {
      label: 'Estado',
      cell: (w, { now }: WorkshopView) => <WorkshopStateChip w={w} now={now} />,
      exportValue: (w) => (w.cancelledAt ? 'Cancelado' : w.isActive ? 'Activo' : 'Inactivo'),
    },
    {
      label: 'Acciones',
      showFrom: 700,
      cellClass: 'nowrap',
      cell: (w) => (
        <>
          <a href={`${LIST}${w.id}/editar/`}>Editar</a> · <a href={`/talleres/${w.id}/`}>Ver público</a>
        </>
      ),
    },
  ],
});
