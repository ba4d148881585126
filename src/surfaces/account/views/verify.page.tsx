import { CsrfField } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

/**
 * The page a verification link opens. The address is confirmed by the button (a POST), not by
 * opening the link: GET never changes state, and mail scanners that pre-open links cannot use it.
 */
export function VerifyEmailPage({ ctx, token }: { ctx: PageContext; token: string }) {
  return (
    <Layout ctx={ctx} title="Confirma tu correo">
      <section class="panel form-narrow">
        <h1>Confirma tu correo</h1>
        <p>Un paso más: confirma que este correo es tuyo para proteger tu cuenta.</p>
        <form method="post" action={`/cuenta/verificar/${token}/`}>
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button button-block" id="verifySubmit">
            Confirmar mi correo
          </button>
        </form>
      </section>
    </Layout>
  );
}
