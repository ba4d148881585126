import type { ShippingRate } from '../../../../domain/shipping';
import type { FormErrors } from '../../../../http/forms';
import { formatDateTimeShort } from '../../../../lib/dates';
import { CsrfField, ResponsiveTable } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  rates: ShippingRate[];
  /** What staff typed, when the form comes back with errors; null shows the stored rates. */
  values: Record<string, string> | null;
  errors: FormErrors;
};

/**
 * The price of a delivery to each of Chile's regions, north to south, in one form: "Despachamos"
 * and the price per region. The shop shows unchecked regions as "sin despacho por ahora".
 */
export function ShippingRatesPage({ ctx, rates, values, errors }: Props) {
  const price = (r: ShippingRate) => (values ? (values[`precio_${r.regionCode}`] ?? '') : String(r.priceClp));
  const available = (r: ShippingRate) =>
    values ? values[`despacho_${r.regionCode}`] !== undefined : r.isAvailable;
  return (
    <StaffLayout
      ctx={ctx}
      title="Tarifas de despacho"
      crumbs={[['Gestión', '/gestion/'], ['Ventas', '/gestion/ventas/'], ['Tarifas de despacho']]}
    >
      <div class="section-head">
        <h1>Tarifas de despacho</h1>
        <p>
          <a href="/gestion/ventas/?entrega=por_despachar">Ver pedidos por despachar</a>
        </p>
      </div>
      <p class="lead">
        Lo que cuesta despachar un pedido a cada región. El precio se suma al pedido cuando el cliente
        confirma la compra; cambiarlo no cambia los pedidos ya hechos. Las regiones sin «Despachamos» aparecen
        en la tienda como «sin despacho por ahora».
      </p>
      {Object.keys(errors).length > 0 && (
        <p class="flash flash-error" role="alert">
          Revisa los precios marcados: no se guardó nada.
        </p>
      )}
      <form method="post" action="/gestion/despachos/" class="panel rates-form">
        <CsrfField token={ctx.csrfToken} />
        <ResponsiveTable
          caption="Tarifas de despacho por región"
          rows={rates}
          rowAttributes={(r) => ({ 'data-test': `rate-${r.regionCode}` })}
          columns={[
            { label: 'Región', title: true, cell: (r) => r.regionName },
            {
              label: 'Despachamos',
              cell: (r) => (
                <label class="inline-check">
                  <input
                    type="checkbox"
                    name={`despacho_${r.regionCode}`}
                    value="1"
                    checked={available(r)}
                    aria-label={`Despachamos a ${r.regionName}`}
                  />{' '}
                  Sí
                </label>
              ),
            },
            {
              label: 'Precio',
              cell: (r) => {
                const error = errors[`precio_${r.regionCode}`];
                const id = `f-precio_${r.regionCode}`;
                return (
                  <div class={error ? 'field-invalid rate-price' : 'rate-price'}>
                    <input
                      id={id}
                      name={`precio_${r.regionCode}`}
                      inputMode="numeric"
                      value={price(r)}
                      aria-label={`Precio del despacho a ${r.regionName}`}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                    />
                    {error && (
                      <small id={`${id}-error`} class="error">
                        {error}
                      </small>
                    )}
                  </div>
                );
              },
            },
            {
              label: 'Cambiada el',
              cell: (r) => (r.updatedAt ? formatDateTimeShort(r.updatedAt) : 'Nunca'),
            },
          ]}
        />
        <p>
          <button type="submit" class="button" data-test="save-rates">
            Guardar tarifas
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
