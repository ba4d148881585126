import type { FormErrors } from '../../../../http/forms';
import { formatClp } from '../../../../lib/money';
import { CsrfField, Field, PageHeader, TextAreaField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = {
  ctx: PageContext;
  limits: { minClp: number; maxClp: number; stepClp: number };
  validityDays: number;
  values: Record<string, string>;
  errors: FormErrors;
};

/**
 * The shop's gift card: the customer chooses an amount and who receives it; the order is paid on
 * its payment page, and the card goes to the recipient by e-mail once it is paid.
 */
export function GiftCardPurchasePage({ ctx, limits, validityDays, values, errors }: Props) {
  const years = Math.round(validityDays / 365);
  return (
    <Layout ctx={ctx} title="Tarjetas de regalo">
      <PageHeader
        title="Tarjetas de regalo"
        lead="Regala un taller o un kit: elige el monto y se lo enviamos por correo a quien quieras."
        back={{ href: '/productos/', label: 'Tienda' }}
      />
      <div class="two-col two-col-even">
        <section class="panel" aria-labelledby="comprar">
          <h2 id="comprar">Comprar una tarjeta</h2>
          {ctx.user ? (
            <form method="post" action="/tarjetas-regalo/" class="stack" data-test="gift-card-purchase">
              <CsrfField token={ctx.csrfToken} />
              <Field
                name="monto"
                label="Monto"
                inputmode="numeric"
                value={values.monto}
                error={errors.monto}
                required
                placeholder="$20.000"
                hint={`Entre ${formatClp(limits.minClp)} y ${formatClp(limits.maxClp)}, en miles de pesos.`}
              />
              <Field
                name="nombre"
                label="Nombre de quien la recibe"
                value={values.nombre}
                error={errors.nombre}
                required
                autocomplete="off"
              />
              <Field
                name="correo"
                label="Correo de quien la recibe"
                type="email"
                inputmode="email"
                value={values.correo}
                error={errors.correo}
                required
                autocomplete="off"
                hint="Le enviaremos la tarjeta apenas se pague el pedido."
              />
              <TextAreaField
                name="mensaje"
                label="Mensaje (opcional)"
                value={values.mensaje}
                error={errors.mensaje}
                rows={3}
                hint="Hasta 500 caracteres; va en el correo y en la tarjeta."
              />
              <button type="submit" class="button button-block" data-test="buy-gift-card">
                Continuar al pago
              </button>
            </form>
          ) : (
            <p>
              <a href="/login/?next=/tarjetas-regalo/" class="button">
                Inicia sesión para comprar
              </a>
            </p>
          )}
        </section>
        <section class="panel" aria-labelledby="como">
          <h2 id="como">Cómo funciona</h2>
          <ul class="stack">
            <li>Pagas la tarjeta como cualquier pedido de la tienda.</li>
            <li>Quien la recibe obtiene por correo un código y una tarjeta para imprimir.</li>
            <li>
              Sirve para pagar talleres y pedidos de kits, todo o una parte (el resto se paga con otro medio),
              en una o varias compras hasta agotar su saldo.
            </li>
            <li>
              Es válida por {years} {years === 1 ? 'año' : 'años'} desde que se paga. Una tarjeta de regalo no
              se puede pagar con otra tarjeta de regalo.
            </li>
          </ul>
        </section>
      </div>
    </Layout>
  );
}
