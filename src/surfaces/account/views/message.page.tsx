import { CsrfField } from '../../../ui/components';
import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

/** The same answer whether or not an account has the address (no account enumeration). */
export function ResetSentPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Revisa tu correo">
      <section class="panel form-narrow">
        <h1>Revisa tu correo</h1>
        <p>
          Si existe una cuenta con ese correo, te enviamos un enlace para elegir una contraseña nueva. El
          enlace sirve una sola vez y vence en una hora.
        </p>
        <p class="meta">¿No llegó? Revisa la carpeta de spam o vuelve a pedirlo en unos minutos.</p>
        <p>
          <a href="/login/">Volver a iniciar sesión</a>
        </p>
      </section>
    </Layout>
  );
}

/** After sign-up: the same page whether or not the address already had an account. */
export function SignupSentPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Revisa tu correo">
      <section class="panel form-narrow">
        <h1>Revisa tu correo</h1>
        <p>
          Te enviamos un enlace para activar tu cuenta. Ábrelo desde este teléfono o computador y tu cuenta
          quedará lista; el enlace vence en 48 horas.
        </p>
        <p>Si ya tenías una cuenta con ese correo, el mensaje te lo dirá y te ayudará a entrar.</p>
        <p class="meta">
          ¿No llegó? Revisa la carpeta de spam o promociones, o vuelve a registrarte en unos minutos.
        </p>
        <p>
          <a href="/talleres/">Mientras tanto, mira los talleres</a>
        </p>
      </section>
    </Layout>
  );
}

/** The confirmation link opens this page; its button creates the account (mail scanners only GET). */
export function ConfirmSignupPage({
  ctx,
  action,
  name,
  email,
}: {
  ctx: PageContext;
  action: string;
  name: string;
  email: string;
}) {
  return (
    <Layout ctx={ctx} title="Activa tu cuenta">
      <section class="panel form-narrow">
        <h1>Activa tu cuenta</h1>
        <p>
          Hola, {name}. Confirma que {email} es tu correo y tu cuenta TMM quedará lista.
        </p>
        <form method="post" action={action}>
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button button-block">
            Activar mi cuenta
          </button>
        </form>
      </section>
    </Layout>
  );
}
