import type { PackTerms } from '../../../../domain/packs';
import type { ProductDetail } from '../../../../domain/products';
import { plural } from '../../../../domain/vocabulary';
import { formatClp } from '../../../../lib/money';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { Picture } from '../../../../ui/picture';

type Props = { ctx: PageContext; product: ProductDetail; packTerms?: PackTerms | undefined };

export function ProductPage({ ctx, product, packTerms }: Props) {
  const canBuy = product.isAvailable && product.stock > 0;
  return (
    <Layout ctx={ctx} title={product.name} description={product.description ?? undefined}>
      <p>
        <a href="/productos/">← Volver a los kits</a>
      </p>
      <div class="two-col">
        <section>
          <h1>{product.name}</h1>
          {product.categoryName && <span class="chip">{product.categoryName}</span>}
          {/* The kit's own picture shows what comes in it; the generic illustration says nothing. */}
          <Picture
            class="product-img"
            name={product.imagePath}
            alt={product.imagePath ? product.name : ''}
            layout="page"
            eager
          />
          {packTerms ? (
            <PackTermsBlock terms={packTerms} description={product.description} />
          ) : (
            <>
              <h2>Acerca del kit</h2>
              <p class="prewrap">
                {product.description?.trim() || 'Kit esencial para manualidades creativas.'}
              </p>
            </>
          )}
        </section>
        <aside class="panel">
          <p>
            Precio: <span class="price">{formatClp(product.priceClp)}</span>
          </p>
          {!product.isAvailable ? (
            <p class="seats seats-none">Este kit no está disponible por ahora.</p>
          ) : product.stock <= 0 ? (
            <p class="seats seats-none">Sin stock por ahora. ¡Vuelve pronto!</p>
          ) : (
            <p class={`seats ${product.stock <= 3 ? 'seats-low' : 'seats-ok'}`}>
              {product.stock <= 3 ? `¡Solo quedan ${product.stock}!` : 'Disponible'}
            </p>
          )}
          {canBuy && (
            <form
              method="post"
              action={`/carrito/add/${product.id}/`}
              data-test={`add-to-cart-form-${product.id}`}
            >
              <CsrfField token={ctx.csrfToken} />
              <div class="field">
                <label for="f-cantidad">Cantidad</label>
                <input
                  id="f-cantidad"
                  name="cantidad"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={product.stock}
                  value="1"
                  required
                />
              </div>
              <button type="submit" class="button button-block" data-test={`add-to-cart-${product.id}`}>
                Añadir al carrito
              </button>
            </form>
          )}
        </aside>
      </div>
    </Layout>
  );
}

/** What a class pack gives: its credits, how long they last and which workshops they pay. */
function PackTermsBlock({ terms, description }: { terms: PackTerms; description: string | null }) {
  const scope = [...terms.categories, ...terms.workshops];
  return (
    <div data-test="pack-terms">
      <h2>Acerca del bono</h2>
      {description?.trim() && <p class="prewrap">{description}</p>}
      <ul class="pack-terms">
        <li>{plural(terms.credits, 'crédito', 'créditos')}: cada inscripción usa uno.</li>
        <li>Vence {plural(terms.validityDays, 'día', 'días')} después de la compra.</li>
        <li>
          {scope.length === 0 ? 'Sirve para todos los talleres' : `Sirve para: ${scope.join(', ')}`}
          {terms.isOnlineIncluded ? ', también los online.' : ', solo presenciales.'}
        </li>
        <li>Si anulas una inscripción antes del plazo del taller, el crédito vuelve a tu bono.</li>
      </ul>
    </div>
  );
}
