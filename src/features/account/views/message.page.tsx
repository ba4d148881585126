import type { PageContext } from '../../../ui/context';
import { Layout } from '../../../ui/layout';

/** A verification or reset link that is unknown, used or expired, and how to get a new one. */
export function InvalidLinkPage({
  ctx,
  again,
}: {
  ctx: PageContext;
  again: { href: string; label: string };
}) {
  return (
    <Layout ctx={ctx} title="Enlace no válido">
      <section class="panel form-narrow">
        <h1>Enlace no válido</h1>
        <p>El enlace no es válido, ya se usó o venció.</p>
        <p>
          <a class="button" href={again.href}>
            {again.label}
          </a>
        </p>
      </section>
    </Layout>
  );
}

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
