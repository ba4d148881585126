import type { ProductCardRow } from '../../../../domain/products';
import { plural } from '../../../../domain/vocabulary';
import type { Page } from '../../../../lib/pagination';
import { EmptyState, PageHeader, Pagination } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { ProductCard } from './product-card';

type Props = {
  ctx: PageContext;
  page: Page<ProductCardRow>;
  q: string;
  categoryId: number | null;
  categories: { id: number; name: string }[];
};

export function CataloguePage({ ctx, page, q, categoryId, categories }: Props) {
  const filtered = q !== '' || categoryId !== null;
  const query: Record<string, string> = {};
  if (q) query.q = q;
  if (categoryId !== null) query.categoria = String(categoryId);
  return (
    <Layout ctx={ctx} title="Kits e insumos">
      <PageHeader
        title="Kits e insumos"
        lead="Todo lo que necesitas para seguir creando en casa después de tus talleres."
      />
      <p class="gift-card-promo" data-test="gift-card-promo">
        🎁 ¿Buscas un regalo? <a href="/tarjetas-regalo/">Regala una tarjeta de regalo</a> por el monto que
        elijas.
      </p>
      <form method="get" action="/productos/" class="filters" aria-label="Buscar kits">
        <div class="field">
          <label for="f-q">Buscar por nombre</label>
          <input id="f-q" name="q" type="search" value={q} placeholder="Ej.: resina" />
        </div>
        <div class="field">
          <label for="f-categoria">Categoría</label>
          <select id="f-categoria" name="categoria" data-autosubmit>
            <option value="">Todas</option>
            {categories.map((c) => (
              <option value={String(c.id)} selected={c.id === categoryId}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div class="filter-buttons">
          <button type="submit" class="button button-small">
            Filtrar
          </button>
          {filtered && (
            <a href="/productos/" class="button button-small button-secondary">
              Quitar filtros
            </a>
          )}
        </div>
      </form>
      {page.total === 0 ? (
        <EmptyState action={filtered ? { href: '/productos/', label: 'Ver todos los kits' } : undefined}>
          {filtered
            ? 'No encontramos kits con esos filtros. Prueba con otra palabra o categoría.'
            : 'En este momento no tenemos kits disponibles. ¡Vuelve pronto!'}
        </EmptyState>
      ) : (
        <>
          {/* The cards' titles are h3: this names the list they belong to (headings in order). */}
          <h2 class="visually-hidden">Kits</h2>
          <p class="meta">
            Mostrando {page.from}–{page.to} de {plural(page.total, 'kit')}
          </p>
          <div class="grid">
            {page.items.map((p, i) => (
              <ProductCard product={p} eager={i === 0} />
            ))}
          </div>
          <Pagination page={page.page} pages={page.pages} query={query} basePath="/productos/" />
        </>
      )}
    </Layout>
  );
}
