import type { CatalogueQuery, CatalogueView } from '../workshops.forms';
import { MODALITY_LABEL } from './workshop-card';

const VIEW_LABEL: Record<CatalogueView, string> = { lista: 'Lista', calendario: 'Calendario' };

/** "Lista | Calendario": the same filters, shown as cards or as a month. */
export function ViewToggle({ query }: { query: CatalogueQuery }) {
  const { categoria, modalidad, mes, sede } = query.values;
  const href = (view: CatalogueView) => {
    const params = new URLSearchParams();
    if (view === 'calendario') params.set('vista', 'calendario');
    if (categoria) params.set('categoria', categoria);
    if (modalidad) params.set('modalidad', modalidad);
    if (sede) params.set('sede', sede);
    // A list filtered to a month opens the calendar on that month.
    if (view === 'calendario' && mes) params.set('mes', mes);
    const search = params.toString();
    return `/talleres/${search ? `?${search}` : ''}`;
  };
  return (
    <nav class="view-toggle" aria-label="Ver los talleres como">
      {(Object.keys(VIEW_LABEL) as CatalogueView[]).map((view) => (
        <a
          href={href(view)}
          aria-current={query.view === view ? 'page' : undefined}
          data-test={`vista-${view}`}
        >
          {VIEW_LABEL[view]}
        </a>
      ))}
    </nav>
  );
}

type FiltersProps = {
  query: CatalogueQuery;
  categories: { id: number; name: string }[];
  /** The locations (sedes); the filter shows only when there is more than one. */
  locations: { id: number; name: string }[];
  /** The list filters by month; the calendar moves between months with its own links. */
  months: { value: string; label: string }[] | null;
};

export function CatalogueFilters({ query, categories, locations, months }: FiltersProps) {
  const { values } = query;
  const filtered = Boolean(values.categoria || values.modalidad || values.sede || (months && values.mes));
  const clear =
    query.view === 'calendario' ? `/talleres/?vista=calendario&mes=${query.month?.value}` : '/talleres/';
  return (
    <form method="get" action="/talleres/" class="filters" aria-label="Filtrar talleres">
      {query.view === 'calendario' && (
        <>
          <input type="hidden" name="vista" value="calendario" />
          <input type="hidden" name="mes" value={query.month?.value} />
        </>
      )}
      <div class="field">
        <label for="f-categoria">Categoría</label>
        <select id="f-categoria" name="categoria" data-autosubmit>
          <option value="">Todas</option>
          {categories.map((c) => (
            <option value={String(c.id)} selected={values.categoria === String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-modalidad">Modalidad</label>
        <select id="f-modalidad" name="modalidad" data-autosubmit>
          <option value="">Todas</option>
          {Object.entries(MODALITY_LABEL).map(([value, label]) => (
            <option value={value} selected={values.modalidad === value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {locations.length > 1 && (
        <div class="field">
          <label for="f-sede">Sede</label>
          <select id="f-sede" name="sede" data-autosubmit>
            <option value="">Todas</option>
            {locations.map((l) => (
              <option value={String(l.id)} selected={values.sede === String(l.id)}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {months && (
        <div class="field">
          <label for="f-mes">Mes</label>
          <select id="f-mes" name="mes" data-autosubmit>
            <option value="">Todos</option>
            {months.map((m) => (
              <option value={m.value} selected={values.mes === m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="filter-buttons">
        <button type="submit" class="button button-small">
          Filtrar
        </button>
        {filtered && (
          <a href={clear} class="button button-small button-secondary">
            Quitar filtros
          </a>
        )}
      </div>
    </form>
  );
}
