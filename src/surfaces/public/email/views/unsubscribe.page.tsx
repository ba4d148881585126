import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { Layout } from '../../../../ui/layout';

type Props = { ctx: PageContext; action: string; maskedEmail: string; optedOut: boolean };

/** The page behind an e-mail's "darme de baja" link: GET only shows it, the button POSTs. */
export function UnsubscribePage({ ctx, action, maskedEmail, optedOut }: Props) {
  return (
    <Layout ctx={ctx} title="Correos de novedades">
      <section class="panel form-narrow">
        <h1>Correos de novedades</h1>
        {optedOut ? (
          <>
            <p>
              Listo: <strong>{maskedEmail}</strong> ya no recibirá correos de novedades ni ofertas de TMM.
            </p>
            <p class="meta">
              Seguirás recibiendo los correos de lo que reserves o compres (confirmaciones, comprobantes y
              recordatorios de tus talleres).
            </p>
          </>
        ) : (
          <>
            <p>
              ¿Quieres dejar de recibir correos de novedades y ofertas de TMM en{' '}
              <strong>{maskedEmail}</strong>?
            </p>
            <p class="meta">
              Seguirás recibiendo los correos de lo que reserves o compres (confirmaciones, comprobantes y
              recordatorios de tus talleres).
            </p>
            <form method="post" action={action}>
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="button">
                Sí, darme de baja
              </button>
            </form>
          </>
        )}
        <p>
          <a href="/talleres/">Ver talleres</a>
        </p>
      </section>
    </Layout>
  );
}
