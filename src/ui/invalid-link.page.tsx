import type { PageContext } from './context';
import { Layout } from './layout';

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
