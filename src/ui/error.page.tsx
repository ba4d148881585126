import type { PageContext } from './context';
import { Layout } from './layout';

type Props = { ctx: PageContext; status: number; title: string; message: string; requestId?: string };

export function ErrorPage({ ctx, status, title, message, requestId }: Props) {
  return (
    <Layout ctx={ctx} title={title}>
      <section class="error-page">
        <p class="code">{status}</p>
        <h1>{title}</h1>
        <p>{message}</p>
        {requestId && (
          <p class="meta">
            Código de la solicitud: <code>{requestId}</code>
          </p>
        )}
        <div class="button-row">
          <a class="button" href="/">
            Volver al inicio
          </a>
          <a class="button button-secondary" href="/talleres/">
            Ver talleres
          </a>
        </div>
      </section>
    </Layout>
  );
}
