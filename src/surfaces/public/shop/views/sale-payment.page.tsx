import type { PaymentChoice } from '../../../../domain/payments';
import type { SaleLineView, SaleView } from '../../../../domain/sales';
import { SALE_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';
import { NoProviderNotice, ProviderChoice } from '../../payments/views/provider-choice';

type Props = {
  ctx: PageContext;
  sale: SaleView;
  lines: SaleLineView[];
  expired: boolean;
  choice: PaymentChoice;
};

export function SalePaymentPage({ ctx, sale, lines, expired, choice }: Props) {
  const payable = sale.status === 'PENDIENTE' && !expired;
  return (
    <Layout ctx={ctx} title={`Pago de tu compra #${sale.id}`}>
      <h1>Pago de tu compra #{sale.id}</h1>
      <div class="two-col">
        <section class="panel">
          <h2>Resumen del Pedido</h2>
          <p>
            Cliente: {sale.customerName} ({sale.customerEmail})
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Producto</th>
                  <th scope="col">Cantidad</th>
                  <th scope="col">Precio unitario</th>
                  <th scope="col">Subtotal</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => (
                  <tr data-test={`sale-line-${l.productId}`}>
                    <td>{l.name}</td>
                    <td>{l.quantity}</td>
                    <td>{formatClp(l.unitPriceClp)}</td>
                    <td>{formatClp(l.unitPriceClp * l.quantity)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            Total:{' '}
            <span class="price" data-test="sale-total">
              {formatClp(sale.totalClp)}
            </span>
          </p>
          <p>
            Estado actual:{' '}
            <span class={`badge badge-${sale.status}`} data-test="sale-status">
              {SALE_STATUS_LABELS[sale.status]}
            </span>
          </p>
        </section>
        <aside class="panel">
          {sale.status === 'PAGADO' && (
            <p class="seats seats-ok" data-test="sale-paid">
              ✅ ¡Compra pagada{sale.paidAt ? ` el ${formatDateTimeLong(sale.paidAt)}` : ''}! Te enviamos el
              comprobante por correo.
            </p>
          )}
          {sale.status === 'ANULADO' && <p class="seats seats-none">Este pedido fue anulado.</p>}
          {sale.status === 'PENDIENTE' && expired && (
            <p class="seats seats-none">
              El plazo para pagar este pedido venció; se anulará y los productos volverán a la tienda.
            </p>
          )}
          {payable && (
            <>
              {sale.expiresAt && (
                <p>
                  Tus productos están reservados hasta el{' '}
                  <strong>{formatDateTimeLong(sale.expiresAt)}</strong>. Si no pagas antes, el pedido se anula
                  solo.
                </p>
              )}
              <ProviderChoice
                action={`/pago/venta/${sale.id}/en-linea/`}
                choice={choice}
                amountClp={sale.totalClp}
                csrfToken={ctx.csrfToken}
              />
              {!choice.simulated && choice.online.length === 0 && <NoProviderNotice />}
              {choice.simulated && (
                <>
                  <p class="meta">El pago es simulado: no se cobra nada real.</p>
                  <form method="post" action={`/pago/venta/${sale.id}/`}>
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="accion_pago" value="pagar" />
                    <button type="submit" class="button button-block" data-test="pay-sale">
                      Pagar {formatClp(sale.totalClp)}
                    </button>
                  </form>
                  <form method="post" action={`/pago/venta/${sale.id}/`}>
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="accion_pago" value="fallar" />
                    <button
                      type="submit"
                      class="button button-block button-secondary"
                      data-test="decline-sale"
                    >
                      Simular pago rechazado
                    </button>
                  </form>
                </>
              )}
              <form method="post" action={`/pago/venta/${sale.id}/`} data-confirm="¿Anular este pedido?">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="accion_pago" value="anular" />
                <button type="submit" class="link-button" data-test="cancel-sale">
                  Anular pedido
                </button>
              </form>
            </>
          )}
          <p>
            <a href="/productos/">← Volver al Catálogo de Kits</a>
          </p>
        </aside>
      </div>
    </Layout>
  );
}
