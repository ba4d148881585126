import { CsrfField, Field } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = {
  ctx: PageContext;
  values: { username?: string; next?: string };
  errors: Record<string, string>;
  formError?: string;
};

export function LoginPage({ ctx, values, errors, formError }: Props) {
  return (
    <Layout ctx={ctx} title="Iniciar sesión">
      <section class="panel form-narrow">
        <h1>Accede a tu cuenta TMM</h1>
        {formError && (
          <div class="flash flash-error" role="alert">
            {formError}
          </div>
        )}
        <form method="post" action="/login/" novalidate>
          <CsrfField token={ctx.csrfToken} />
          {values.next && <input type="hidden" name="next" value={values.next} />}
          <Field
            name="username"
            label="Usuario o correo"
            value={values.username}
            error={errors.username}
            required
            autocomplete="username"
          />
          <Field
            name="password"
            label="Contraseña"
            type="password"
            error={errors.password}
            required
            autocomplete="current-password"
          />
          <button type="submit" class="button button-block" id="loginSubmit">
            Iniciar sesión
          </button>
        </form>
        <p>
          <a href="/cuenta/recuperar/">¿Olvidaste tu contraseña?</a>
        </p>
        <p>
          ¿No tienes cuenta? <a href="/cuenta/registro/">Regístrate</a>
        </p>
        <p class="meta">
          ¿Te registraste hace poco? Activa tu cuenta con el enlace que te enviamos por correo antes de
          iniciar sesión.
        </p>
      </section>
    </Layout>
  );
}
