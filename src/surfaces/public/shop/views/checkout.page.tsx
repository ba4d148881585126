import type { CartSummary } from '../../../../domain/cart';
import type { ShippingPreview, ShippingRate } from '../../../../domain/shipping';
import type { FormErrors } from '../../../../http/forms';
import { formatClp } from '../../../../lib/money';
import {
  CsrfField,
  Field,
  JsonDataIsland,
  PageHeader,
  SelectField,
  TextAreaField,
} from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = {
  ctx: PageContext;
  cart: CartSummary;
  rates: ShippingRate[];
  pickup: { address: string; hours: string };
  preview: { shipping: ShippingPreview; totalClp: number | null; cheapestClp: number | null };
  values: Record<string, string>;
  errors: FormErrors;
};

function shippingText(shipping: ShippingPreview): string {
  switch (shipping.kind) {
    case 'free':
      return 'Gratis';
    case 'price':
      return formatClp(shipping.priceClp);
    case 'choose_region':
      return 'Elige tu región';
    case 'unavailable':
      return 'Sin despacho a esa región';
  }
}

const regionLabel = (r: ShippingRate) =>
  r.isAvailable ? `${r.regionName} — ${formatClp(r.priceClp)}` : `${r.regionName} — sin despacho por ahora`;

/**
 * "Finalizar compra": how the order is received (pickup at the studio, free; or delivery to an
 * address, priced by region) and the summary with the shipping and the total, then "Confirmar
 * pedido". checkout.js keeps the summary in step with the choice; without it, the region list
 * shows each price and the payment page shows the total before paying.
 */
export function CheckoutPage({ ctx, cart, rates, pickup, preview, values, errors }: Props) {
  const delivery = values.entrega === 'despacho';
  const canDeliver = preview.cheapestClp !== null;
  const prices = Object.fromEntries(rates.map((r) => [r.regionCode, r.isAvailable ? r.priceClp : null]));
  return (
    <Layout ctx={ctx} title="Finalizar compra" scripts={['/static/js/checkout.js']}>
      <PageHeader title="Finalizar compra" back={{ href: '/carrito/', label: 'Volver al carrito' }} />
      {Object.keys(errors).length > 0 && (
        <p class="flash flash-error" role="alert">
          Revisa los datos marcados para poder confirmar el pedido.
        </p>
      )}
      <form method="post" action="/carrito/checkout/" class="two-col checkout" data-checkout>
        <CsrfField token={ctx.csrfToken} />
        <div>
          <fieldset class="panel choices">
            <legend>¿Cómo quieres recibir tu pedido?</legend>
            <label class="choice" data-test="choose-pickup">
              <input type="radio" name="entrega" value="retiro" checked={!delivery} />
              <span class="choice-body">
                <span class="choice-title">
                  Retiro en el taller <span class="choice-price">Gratis</span>
                </span>
                <span class="choice-detail">{pickup.address}</span>
                <span class="choice-detail">{pickup.hours}. Te avisamos por correo cuando esté listo.</span>
              </span>
            </label>
            <label class={canDeliver ? 'choice' : 'choice choice-disabled'} data-test="choose-delivery">
              <input type="radio" name="entrega" value="despacho" checked={delivery} disabled={!canDeliver} />
              <span class="choice-body">
                <span class="choice-title">
                  Despacho a domicilio{' '}
                  <span class="choice-price">
                    {preview.cheapestClp === null
                      ? 'No disponible'
                      : `Desde ${formatClp(preview.cheapestClp)}`}
                  </span>
                </span>
                <span class="choice-detail">
                  {canDeliver
                    ? 'A tu dirección, con un costo según la región.'
                    : 'Por ahora no hacemos despachos: retira tu pedido en el taller.'}
                </span>
              </span>
            </label>
          </fieldset>

          {canDeliver && (
            <fieldset class="panel delivery-fields" id="despacho" data-delivery-fields>
              <legend>Dirección de despacho</legend>
              <p class="meta">
                Solo si elegiste despacho. Todos los datos son obligatorios, salvo las indicaciones.
              </p>
              <Field
                name="nombre_recibe"
                label="Nombre de quien recibe"
                value={values.nombre_recibe}
                error={errors.nombre_recibe}
                autocomplete="shipping name"
              />
              <Field
                name="telefono"
                label="Teléfono"
                type="tel"
                inputmode="tel"
                value={values.telefono}
                error={errors.telefono}
                autocomplete="shipping tel"
                hint="Para coordinar la entrega. Ej.: +56 9 1234 5678"
              />
              <Field
                name="direccion"
                label="Calle y número"
                value={values.direccion}
                error={errors.direccion}
                autocomplete="shipping address-line1"
                hint="Con depto, block o casa si corresponde. Ej.: Av. Alemania 1234, depto 5"
              />
              <div class="field-row">
                <Field
                  name="comuna"
                  label="Comuna"
                  value={values.comuna}
                  error={errors.comuna}
                  autocomplete="shipping address-level2"
                />
                <SelectField
                  name="region"
                  label="Región"
                  emptyLabel="Elige tu región"
                  options={rates.map((r) => ({ value: r.regionCode, label: regionLabel(r) }))}
                  value={values.region}
                  error={errors.region}
                />
              </div>
              <TextAreaField
                name="indicaciones"
                label="Indicaciones para el despacho (opcional)"
                rows={2}
                value={values.indicaciones}
                error={errors.indicaciones}
                hint="Ej.: dejar en conserjería, timbre malo, llamar al llegar."
              />
            </fieldset>
          )}
        </div>

        <aside class="panel" aria-labelledby="resumen">
          <h2 id="resumen">Resumen</h2>
          <ul class="checkout-lines">
            {cart.lines.map((line) => (
              <li>
                <span>
                  {line.quantity} × {line.name}
                </span>
                <span>{formatClp(line.subtotalClp)}</span>
              </li>
            ))}
          </ul>
          <dl class="summary-list">
            <div>
              <dt>Productos</dt>
              <dd data-test="checkout-subtotal">{formatClp(cart.totalClp)}</dd>
            </div>
            <div>
              <dt>Entrega</dt>
              <dd data-shipping data-test="checkout-shipping">
                {shippingText(preview.shipping)}
              </dd>
            </div>
            <div class="summary-total">
              <dt>Total</dt>
              <dd>
                <span class="price" data-total data-test="checkout-total">
                  {preview.totalClp === null ? '—' : formatClp(preview.totalClp)}
                </span>
              </dd>
            </div>
          </dl>
          <button type="submit" class="button button-block" data-test="confirm-order">
            Confirmar pedido
          </button>
          <p class="meta">
            Al confirmar reservamos tus productos; pagas en el paso siguiente. El despacho se cobra según la
            región, con el precio de hoy.
          </p>
        </aside>
        <JsonDataIsland id="checkout-data" data={{ subtotalClp: cart.totalClp, prices }} />
      </form>
    </Layout>
  );
}
