import { plural } from '../../../../domain/vocabulary';
import type { WorkshopCardRow } from '../../../../domain/workshops';
import type { Page } from '../../../../lib/pagination';
import { EmptyState, PageHeader, Pagination } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { type CatalogueQuery, publicFilterQuery } from '../workshops.forms';
import { CatalogueFilters, ViewToggle } from './catalogue-filters';
import { WorkshopCard } from './workshop-card';

type Props = {
  ctx: PageContext;
  page: Page<WorkshopCardRow>;
  query: CatalogueQuery;
  categories: { id: number; name: string }[];
  locations: { id: number; name: string }[];
  months: { value: string; label: string }[];
};

export function CataloguePage({ ctx, page, query, categories, locations, months }: Props) {
  const { values } = query;
  const filtered = Object.keys(values).length > 0;
  return (
    <Layout ctx={ctx} title="Catálogo de talleres" scripts={['/static/js/seats.js']}>
      <PageHeader
        title="Catálogo de talleres"
        lead="Elige tu próximo taller: manualidades, bienestar y conexión, presencial en Valparaíso u online."
      />

      <ViewToggle query={query} />
      <CatalogueFilters query={query} categories={categories} locations={locations} months={months} />

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
          {/* The cards' titles are h3: this names the list they belong to (headings in order). */}
          <h2 class="visually-hidden">Talleres</h2>
          <p class="meta">
            Mostrando {page.from}–{page.to} de {plural(page.total, 'taller', 'talleres')}
          </p>
          <div class="grid">
            {page.items.map((w, i) => (
              <WorkshopCard workshop={w} eager={i === 0} />
            ))}
          </div>
          <Pagination page={page.page} pages={page.pages} query={values} basePath="/talleres/" />
        </>
      )}
      <p class="meta cal-subscribe">
        <a href={`/talleres/calendario.ics${publicFilterQuery(values)}`} data-test="calendar-feed">
          {values.categoria || values.modalidad ? 'Suscríbete a estos talleres' : 'Suscríbete a los talleres'}{' '}
          en tu calendario
        </a>{' '}
        (Google Calendar, Apple, Outlook): los nuevos aparecen solos.
      </p>
    </Layout>
  );
}
