import { CsrfField, Field } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

type Props = { ctx: PageContext; values: { email?: string }; errors: Record<string, string> };

export function ResetRequestPage({ ctx, values, errors }: Props) {
  return (
    <Layout ctx={ctx} title="Recuperar contraseña">
      <section class="panel form-narrow">
        <h1>Recupera tu contraseña</h1>
        <p>Escribe el correo de tu cuenta y te enviaremos un enlace para elegir una contraseña nueva.</p>
        <form method="post" action="/cuenta/recuperar/" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="email"
            label="Correo electrónico"
            type="email"
            value={values.email}
            error={errors.email}
            required
            autocomplete="email"
            inputmode="email"
          />
          <button type="submit" class="button button-block" id="resetRequestSubmit">
            Enviar enlace
          </button>
        </form>
        <p>
          <a href="/login/">Volver a iniciar sesión</a>
        </p>
      </section>
    </Layout>
  );
}
