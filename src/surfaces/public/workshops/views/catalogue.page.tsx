import { plural } from '../../../../domain/vocabulary';
import type { WorkshopCardRow } from '../../../../domain/workshops';
import type { Page } from '../../../../lib/pagination';
import { EmptyState, PageHeader, Pagination } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import type { CatalogueQuery } from '../workshops.forms';
import { MODALITY_LABEL, WorkshopCard } from './workshop-card';

type Props = {
  ctx: PageContext;
  page: Page<WorkshopCardRow>;
  query: CatalogueQuery;
  categories: { id: number; name: string }[];
  months: { value: string; label: string }[];
};

export function CataloguePage({ ctx, page, query, categories, months }: Props) {
  const { values } = query;
  const filtered = Object.keys(values).length > 0;
  return (
    <Layout ctx={ctx} title="Catálogo de talleres" scripts={['/static/js/seats.js']}>
      <PageHeader
        title="Catálogo de talleres"
        lead="Elige tu próximo taller: manualidades, bienestar y conexión, presencial en Valparaíso u online."
      />

      <form method="get" action="/talleres/" class="filters" aria-label="Filtrar talleres">
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
        <div class="filter-buttons">
          <button type="submit" class="button button-small">
            Filtrar
          </button>
          {filtered && (
            <a href="/talleres/" class="button button-small button-secondary">
              Quitar filtros
            </a>
          )}
        </div>
      </form>

      {query.notices.map((notice) => (
        <p class="flash flash-warning" role="status">
          {notice}
        </p>
      ))}

      {page.total === 0 ? (
        <EmptyState action={filtered ? { href: '/talleres/', label: 'Ver todos los talleres' } : undefined}>
          {filtered
            ? 'No hay talleres que coincidan con esos filtros. Prueba con otros.'
            : 'En este momento no tenemos talleres disponibles. ¡Vuelve pronto!'}
        </EmptyState>
      ) : (
        <>
          <p class="meta">
            Mostrando {page.from}–{page.to} de {plural(page.total, 'taller', 'talleres')}
          </p>
          <div class="grid">
            {page.items.map((w) => (
              <WorkshopCard workshop={w} />
            ))}
          </div>
          <Pagination page={page.page} pages={page.pages} query={values} basePath="/talleres/" />
        </>
      )}
    </Layout>
  );
}
