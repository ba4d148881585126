import type { CartLine, CartSummary } from '../../../../domain/cart';
import { formatClp } from '../../../../lib/money';
import { CsrfField, EmptyState } from '../../../../ui/components';
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

export function CartPage({ ctx, cart }: Props) {
  return (
    <Layout ctx={ctx} title="Mi Carrito de Compras">
      <h1>Mi Carrito de Compras</h1>
      {cart.lines.length === 0 ? (
        <>
          <EmptyState>Tu carrito está vacío.</EmptyState>
          <p>
            <a href="/productos/">« Volver al Catálogo de Kits</a>
          </p>
        </>
      ) : (
        <div class="two-col">
          <div class="table-wrap">
            <table class="cart-table">
              <thead>
                <tr>
                  <th scope="col">Producto</th>
                  <th scope="col">Cantidad</th>
                  <th scope="col">Subtotal</th>
                </tr>
              </thead>
              <tbody>
                {cart.lines.map((line) => (
                  <tr
                    data-test={`cart-line-${line.productId}`}
                    class={line.problem ? 'cart-line-flagged' : undefined}
                  >
                    <td>
                      <div class="cart-product">
                        <Picture class="cart-thumb" name={line.imagePath} alt="" layout="thumb" />
                        <div>
                          <a href={`/productos/${line.productId}/`}>{line.name}</a>
                          <p class="meta">Precio unitario: {formatClp(line.priceClp)}</p>
                          <LineProblem line={line} />
                        </div>
                      </div>
                    </td>
                    <td>
                      <form method="post" action="/carrito/update/" class="cart-quantity">
                        <CsrfField token={ctx.csrfToken} />
                        <input type="hidden" name="producto_id" value={String(line.productId)} />
                        <label class="visually-hidden" for={`cantidad-${line.productId}`}>
                          Cantidad de {line.name}
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
                          Quitar
                        </button>
                      </form>
                    </td>
                    <td>{formatClp(line.subtotalClp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <aside class="panel">
            <h2>Resumen</h2>
            <p>
              Productos: <strong>{cart.itemCount}</strong>
            </p>
            <p>
              Subtotal: <strong>{formatClp(cart.totalClp)}</strong>
            </p>
            <p>
              Total Final:{' '}
              <span class="price" data-test="cart-total">
                {formatClp(cart.totalClp)}
              </span>
            </p>
            {cart.blockedReason ? (
              <p class="flash flash-warning" role="status">
                {cart.blockedReason}
              </p>
            ) : (
              <form method="post" action="/carrito/checkout/">
                <CsrfField token={ctx.csrfToken} />
                <button type="submit" class="button button-block" data-test="checkout-button">
                  Finalizar Compra y Pagar
                </button>
              </form>
            )}
            <p class="meta">
              Los precios son los vigentes hoy. Al finalizar reservamos tu stock y tienes un plazo para pagar
              (el pago es simulado).
            </p>
            <p>
              <a href="/productos/">« Seguir comprando</a>
            </p>
          </aside>
        </div>
      )}
    </Layout>
  );
}
