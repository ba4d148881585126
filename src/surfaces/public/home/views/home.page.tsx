import type { ProductCardRow } from '../../../../domain/products';
import type { WorkshopCardRow } from '../../../../domain/workshops';
import { EmptyState } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { ProductCard } from '../../shop/views/product-card';
import { WorkshopCard } from '../../workshops/views/workshop-card';

type Props = { ctx: PageContext; workshops: WorkshopCardRow[]; products: ProductCardRow[] };

export function HomePage({ ctx, workshops, products }: Props) {
  return (
    <Layout ctx={ctx} title="Inicio" scripts={['/static/js/seats.js']}>
      <section class="hero">
        <div>
          <h1>Crea, conecta, cuida: talleres que inspiran</h1>
          <p>
            Talleres de resina, encuadernación, timbres y bienestar en Valparaíso y online. Un espacio para
            hacer con las manos, respirar y compartir.
          </p>
          <div class="hero-actions">
            <a class="button" href="/talleres/">
              Ver talleres
            </a>
            <a class="button button-secondary" href="/productos/">
              Kits para crear en casa
            </a>
          </div>
        </div>
        <div>
          <p>
            <strong>¿Eres empresa?</strong> Organizamos talleres para equipos y jornadas de bienestar laboral.{' '}
            <a href={`mailto:${ctx.centre.email}`}>Escríbenos</a>.
          </p>
        </div>
      </section>

      <section class="section" aria-labelledby="proximos">
        <div class="section-head">
          <h2 id="proximos">Próximos talleres</h2>
          <a href="/talleres/">Ver todos los talleres</a>
        </div>
        {workshops.length === 0 ? (
          <EmptyState>En este momento no tenemos talleres disponibles. ¡Vuelve pronto!</EmptyState>
        ) : (
          <div class="grid">
            {workshops.map((w, i) => (
              <WorkshopCard workshop={w} eager={i === 0} />
            ))}
          </div>
        )}
      </section>

      <section class="section" aria-labelledby="kits">
        <div class="section-head">
          <h2 id="kits">Kits y materiales</h2>
          <a href="/productos/">Ver todos los kits</a>
        </div>
        {products.length === 0 ? (
          <EmptyState>Pronto tendremos kits disponibles.</EmptyState>
        ) : (
          <div class="grid">
            {products.map((p) => (
              <ProductCard product={p} />
            ))}
          </div>
        )}
      </section>
    </Layout>
  );
}
