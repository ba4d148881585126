import type { CartLine, CartSummary } from '../../../../domain/cart';
import { plural } from '../../../../domain/vocabulary';
import { formatClp } from '../../../../lib/money';
import { ButtonLink, CsrfField, EmptyState, PageHeader } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { Picture } from '../../../../ui/picture';

type Props = { ctx: PageContext; cart: CartSummary };

function LineProblem({ line }: { line: CartLine }) {
  if (line.problem === 'unavailable')
    return <p class="cart-flag seats-none">Este producto ya no está disponible.</p>;
  if (line.problem === 'out_of_stock') return <p class="cart-flag seats-none">Sin stock por ahora.</p>;
  if (line.problem === 'short')
    return (
      <p class="cart-flag seats-low">
        {line.stock === 1 ? 'Solo queda 1 unidad.' : `Solo quedan ${line.stock} unidades.`}
      </p>
    );
  return null;
}

/** The cart as a list of cards (one per product), so quantity and subtotal fit a phone's width. */
export function CartPage({ ctx, cart }: Props) {
  return (
    <Layout ctx={ctx} title="Mi carrito">
      <PageHeader title="Mi carrito" />
      {cart.lines.length === 0 ? (
        <EmptyState action={{ href: '/productos/', label: 'Ver kits' }}>Tu carrito está vacío.</EmptyState>
      ) : (
        <div class="two-col">
          <section aria-labelledby="productos">
            <h2 id="productos" class="visually-hidden">
              Productos en tu carrito
            </h2>
            <ul class="cart-lines">
              {cart.lines.map((line) => (
                <li
                  data-test={`cart-line-${line.productId}`}
                  class={line.problem ? 'cart-line cart-line-flagged' : 'cart-line'}
                >
                  <Picture name={line.imagePath} alt="" layout="thumb" />
                  <div>
                    <h3 class="cart-line-name">
                      <a href={`/productos/${line.productId}/`}>{line.name}</a>
                    </h3>
                    <p class="meta">Precio unitario: {formatClp(line.priceClp)}</p>
                    <LineProblem line={line} />
                  </div>
                  <div class="cart-line-controls">
                    <form method="post" action="/carrito/update/" class="cart-quantity">
                      <CsrfField token={ctx.csrfToken} />
                      <input type="hidden" name="producto_id" value={String(line.productId)} />
                      <label for={`cantidad-${line.productId}`}>
                        Cantidad<span class="visually-hidden"> de {line.name}</span>
                      </label>
                      <input
                        id={`cantidad-${line.productId}`}
                        name="cantidad"
                        type="number"
                        inputMode="numeric"
                        min={0}
                        max={Math.max(line.stock, line.quantity)}
                        value={String(line.quantity)}
                        data-test={`cart-quantity-${line.productId}`}
                        data-autosubmit
                      />
                      <button
                        type="submit"
                        class="button button-small button-secondary"
                        data-test={`cart-update-${line.productId}`}
                      >
                        Actualizar
                      </button>
                    </form>
                    <form method="post" action={`/carrito/remove/${line.productId}/`} class="inline-form">
                      <CsrfField token={ctx.csrfToken} />
                      <button type="submit" class="link-button" data-test={`cart-remove-${line.productId}`}>
                        Quitar<span class="visually-hidden"> {line.name}</span>
                      </button>
                    </form>
                    <p class="cart-subtotal">
                      <span class="visually-hidden">Subtotal: </span>
                      {formatClp(line.subtotalClp)}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          </section>
          <aside class="panel" aria-labelledby="resumen">
            <h2 id="resumen">Resumen</h2>
            <dl class="summary-list">
              <div>
                <dt>Productos</dt>
                <dd>{plural(cart.itemCount, 'unidad', 'unidades')}</dd>
              </div>
              <div class="summary-total">
                <dt>Total</dt>
                <dd>
                  <span class="price" data-test="cart-total">
                    {formatClp(cart.totalClp)}
                  </span>
                </dd>
              </div>
            </dl>
            {cart.blockedReason ? (
              <p class="flash flash-warning" role="status">
                {cart.blockedReason}
              </p>
            ) : (
              <ButtonLink href="/carrito/checkout/" block data-test="checkout-button">
                Finalizar compra
              </ButtonLink>
            )}
            <p class="meta">
              Los precios son los vigentes hoy. En el paso siguiente eliges retiro en el taller (gratis) o
              despacho a domicilio; al confirmar reservamos tus productos y tienes un plazo para pagar (el
              pago es simulado).
            </p>
            <p>
              <a href="/productos/">← Seguir comprando</a>
            </p>
          </aside>
        </div>
      )}
    </Layout>
  );
}
