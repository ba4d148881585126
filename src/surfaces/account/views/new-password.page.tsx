import { CsrfField, Field } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';
import { PasswordRules } from './register.page';

type Props = {
  ctx: PageContext;
  /** Where the form posts: the reset link itself, or /cuenta/password/ for a logged-in change. */
  action: string;
  /** Ask for the current password (change from the profile) or not (reset link). */
  askCurrent: boolean;
  errors: Record<string, string>;
  /** Identity the live checklist compares against (not shown). */
  identity: { email: string; name: string };
};

export function NewPasswordPage({ ctx, action, askCurrent, errors, identity }: Props) {
  const title = askCurrent ? 'Cambiar contraseña' : 'Elige una contraseña nueva';
  return (
    <Layout ctx={ctx} title={title} scripts={['/static/js/password-rules.js']}>
      <section class="panel form-narrow">
        <h1>{title}</h1>
        <form
          method="post"
          action={action}
          novalidate
          data-password-form
          data-email={identity.email}
          data-name={identity.name}
        >
          <CsrfField token={ctx.csrfToken} />
          {askCurrent && (
            <Field
              name="password_actual"
              label="Contraseña actual"
              type="password"
              error={errors.password_actual}
              required
              autocomplete="current-password"
            />
          )}
          <Field
            name="password"
            label="Contraseña nueva"
            type="password"
            error={errors.password}
            required
            autocomplete="new-password"
          />
          <Field
            name="password2"
            label="Repite la contraseña nueva"
            type="password"
            error={errors.password2}
            required
            autocomplete="new-password"
          />
          <PasswordRules />
          <button type="submit" class="button button-block" id="passwordSubmit">
            Guardar contraseña
          </button>
        </form>
        {askCurrent && (
          <p>
            <a href="/cuenta/perfil/">Volver a mi cuenta</a>
          </p>
        )}
      </section>
    </Layout>
  );
}
