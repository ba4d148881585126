import type { OnlineProvider } from '../../../../db/schema';
import { PAYMENT_PROVIDER_LABELS } from '../../../../domain/vocabulary';
import { formatClp } from '../../../../lib/money';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = {
  ctx: PageContext;
  provider: OnlineProvider;
  amountClp: number;
  redirect: { method: 'GET' | 'POST'; url: string; fields: Record<string, string> };
};

/**
 * The step between our page and the provider's: a form (Webpay takes token_ws by POST) or a link,
 * followed at once by payment-redirect.js, and by hand when scripts are off.
 */
export function PaymentRedirectPage({ ctx, provider, amountClp, redirect }: Props) {
  const name = PAYMENT_PROVIDER_LABELS[provider];
  return (
    <Layout ctx={ctx} title={`Pagar con ${name}`} scripts={['/static/js/payment-redirect.js']}>
      <section class="panel payment-redirect">
        <h1>Te llevamos a {name}</h1>
        <p>
          Vas a pagar <strong>{formatClp(amountClp)}</strong> en la página segura de {name}. Al terminar
          volverás aquí y verás el resultado.
        </p>
        {redirect.method === 'POST' ? (
          <form method="post" action={redirect.url} data-auto-forward>
            {Object.entries(redirect.fields).map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <button type="submit" class="button button-block" data-test="continue-to-provider">
              Continuar a {name}
            </button>
          </form>
        ) : (
          <a
            href={redirect.url}
            class="button button-block"
            data-auto-forward
            data-test="continue-to-provider"
          >
            Continuar a {name}
          </a>
        )}
      </section>
    </Layout>
  );
}
