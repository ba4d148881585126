import type { PaymentChoice } from '../../../../domain/payments';
import type { SaleLineView, SaleView } from '../../../../domain/sales';
import { SALE_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeLong } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, DataList, PageHeader, ResponsiveTable, StatusBadge } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { FulfilmentDetails, type FulfilmentView } from '../../../../ui/fulfilment';
import { Layout } from '../../../../ui/layout';
import { DiscountCodeBox } from '../../discounts/views/discount-code-box';
import { GiftCardBox } from '../../gift-cards/views/gift-card-box';
import { DemoPaymentActions, NoProviderNotice, ProviderChoice } from '../../payments/views/provider-choice';

type Props = {
  ctx: PageContext;
  sale: SaleView;
  lines: SaleLineView[];
  expired: boolean;
  choice: PaymentChoice;
  fulfilment: FulfilmentView;
  pickup: { address: string; hours: string };
  appliedCode: { code: string; discountClp: number } | undefined;
  /** Set for an order that sells a gift card: why a card cannot pay it (and it has nothing to hand over). */
  giftCardRefusal?: string | undefined;
};

/**
 * An order's payment page: its lines, how it is handed over, the providers staff offer with
 * "Pagar" as the main action (the simulated page's own when it is the only one), the demo's
 * simulated payment kept quiet.
 */
export function SalePaymentPage({
  ctx,
  sale,
  lines,
  expired,
  choice,
  fulfilment,
  pickup,
  appliedCode,
  giftCardRefusal,
}: Props) {
  const payable = sale.status === 'PENDIENTE' && !expired;
  // What gift cards hold of the order is paid already as far as the customer is concerned.
  const restClp = sale.totalClp - sale.giftCardClp;
  return (
    <Layout ctx={ctx} title={`Pago de tu compra #${sale.id}`}>
      <PageHeader
        title={`Pago de tu compra #${sale.id}`}
        back={{ href: '/cuenta/perfil/', label: 'Mi cuenta' }}
      />
      <div class="two-col two-col-even">
        <aside class="panel" aria-labelledby="pago">
          <h2 id="pago">Pago</h2>
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
              {/* A code is applied before paying: once a card paid part, the server refuses it. */}
              {!giftCardRefusal && sale.giftCardClp === 0 && (
                <DiscountCodeBox
                  action={`/pago/venta/${sale.id}/codigo/`}
                  csrfToken={ctx.csrfToken}
                  applied={appliedCode}
                />
              )}
              <GiftCardBox
                action={`/pago/venta/${sale.id}/tarjeta-regalo/`}
                csrfToken={ctx.csrfToken}
                refusal={giftCardRefusal}
              />
              {sale.giftCardClp > 0 && (
                <p data-test="sale-gift-card">
                  Tu tarjeta de regalo paga {formatClp(sale.giftCardClp)}. Te falta pagar{' '}
                  <strong>{formatClp(restClp)}</strong>; si el pedido se anula o vence, el monto vuelve a la
                  tarjeta.
                </p>
              )}
              <ProviderChoice
                action={`/pago/venta/${sale.id}/en-linea/`}
                choice={choice}
                amountClp={restClp}
                csrfToken={ctx.csrfToken}
              />
              {!choice.simulated && choice.online.length === 0 && (
                <NoProviderNotice email={ctx.centre.email} />
              )}
              {choice.simulated && choice.online.length === 0 && (
                <form method="post" action={`/pago/venta/${sale.id}/`} class="pay-actions">
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="accion_pago" value="pagar" />
                  <button type="submit" class="button button-block" data-test="pay-sale">
                    Pagar {formatClp(restClp)}
                  </button>
                </form>
              )}
              <form method="post" action={`/pago/venta/${sale.id}/`} data-confirm="¿Anular este pedido?">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="accion_pago" value="anular" />
                <button type="submit" class="link-button" data-test="cancel-sale">
                  Anular pedido
                </button>
              </form>
              {choice.simulated && (
                <DemoPaymentActions
                  action={`/pago/venta/${sale.id}/`}
                  csrfToken={ctx.csrfToken}
                  withPay={choice.online.length > 0}
                  payTest="pay-sale"
                  failTest="decline-sale"
                />
              )}
            </>
          )}
          <p>
            <a href="/productos/">← Seguir viendo kits</a>
          </p>
        </aside>
        <section class="panel" aria-labelledby="pedido">
          <h2 id="pedido">Resumen del pedido</h2>
          <ResponsiveTable
            caption="Productos del pedido"
            rows={lines}
            rowAttributes={(l) => ({ 'data-test': `sale-line-${l.productId}` })}
            columns={[
              { label: 'Producto', title: true, cell: (l) => l.name },
              { label: 'Cantidad', numeric: true, cell: (l) => l.quantity },
              { label: 'Precio unitario', numeric: true, cell: (l) => formatClp(l.unitPriceClp) },
              { label: 'Subtotal', numeric: true, cell: (l) => formatClp(l.unitPriceClp * l.quantity) },
            ]}
          />
          <DataList
            items={[
              { label: 'Nombre', value: sale.customerName },
              { label: 'Correo', value: sale.customerEmail },
              ...(sale.discountClp > 0
                ? [{ label: 'Descuento', value: `−${formatClp(sale.discountClp)}` }]
                : []),
              {
                label: 'Total',
                value: (
                  <span class="price" data-test="sale-total">
                    {formatClp(sale.totalClp)}
                  </span>
                ),
              },
              ...(sale.giftCardClp > 0
                ? [
                    {
                      label: sale.status === 'PAGADO' ? 'Pagado con tarjeta de regalo' : 'Tarjeta de regalo',
                      value: (
                        <span data-test="sale-gift-card-clp">
                          {sale.status === 'PAGADO' ? '' : '−'}
                          {formatClp(sale.giftCardClp)}
                        </span>
                      ),
                    },
                    ...(sale.status === 'PENDIENTE'
                      ? [
                          {
                            label: 'Por pagar',
                            value: (
                              <span class="price" data-test="sale-rest">
                                {formatClp(restClp)}
                              </span>
                            ),
                          },
                        ]
                      : []),
                  ]
                : []),
              {
                label: 'Estado',
                value: (
                  <StatusBadge
                    status={sale.status}
                    label={SALE_STATUS_LABELS[sale.status]}
                    data-test="sale-status"
                  />
                ),
              },
            ]}
          />
          {/* A gift card's order is handed over by e-mail: nothing to pick up. */}
          {!giftCardRefusal && (
            <>
              <h3 class="panel-subhead">Entrega</h3>
              <FulfilmentDetails f={fulfilment} pickup={pickup} />
            </>
          )}
        </section>
      </div>
    </Layout>
  );
}
