import type { OutboxRow } from '../../../../domain/email';
import { formatDateTimeShort } from '../../../../lib/dates';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { StatusBadge } from './email-status';

type Attempt = { id: number; status: 'SUCCESS' | 'FAIL'; errorMessage: string | null; createdAt: string };

type Props = {
  ctx: PageContext;
  email: OutboxRow;
  attempts: Attempt[];
  attachmentNames: string[];
};

/**
 * One e-mail as staff need to check it. The HTML body is never injected into this page: it is
 * shown rendered inside a sandboxed frame served with its own restrictive CSP, and as escaped
 * source text.
 */
export function EmailDetailPage({ ctx, email, attempts, attachmentNames }: Props) {
  return (
    <StaffLayout ctx={ctx} title={`Correo: ${email.subject}`}>
      <p>
        <a href="/gestion/correos/">« Registro de correos</a>
      </p>
      <h1>{email.subject}</h1>
      <div class="two-col">
        <div>
          <section class="panel">
            <h2>Texto</h2>
            <pre class="email-text">{email.bodyText}</pre>
          </section>
          {email.bodyHtml && (
            <section class="panel">
              <h2>Versión HTML</h2>
              <iframe
                class="email-preview"
                title="Vista previa del correo"
                sandbox=""
                src={`/gestion/correos/${email.id}/vista/`}
              />
              <details>
                <summary>Ver código HTML</summary>
                <pre class="email-text">{email.bodyHtml}</pre>
              </details>
            </section>
          )}
        </div>
        <aside>
          <section class="panel">
            <h2>Datos</h2>
            <p>
              <strong>Para:</strong> {email.toAddress}
            </p>
            <p>
              <strong>Estado:</strong> <StatusBadge row={email} />
            </p>
            <p>
              <strong>Tipo:</strong> {email.kind === 'marketing' ? 'Novedades (con baja)' : 'Transaccional'}
            </p>
            <p>
              <strong>Plantilla:</strong> {email.template}
            </p>
            <p>
              <strong>Creado:</strong> {formatDateTimeShort(email.createdAt)}
            </p>
            {email.sentAt && (
              <p>
                <strong>Enviado:</strong> {formatDateTimeShort(email.sentAt)}
              </p>
            )}
            {attachmentNames.length > 0 && (
              <p>
                <strong>Adjuntos:</strong> {attachmentNames.join(', ')}
              </p>
            )}
            <form method="post" action={`/gestion/correos/${email.id}/reenviar/`}>
              <CsrfField token={ctx.csrfToken} />
              <button type="submit" class="button">
                Reenviar
              </button>
            </form>
          </section>
          <section class="panel">
            <h2>Intentos</h2>
            {attempts.length === 0 ? (
              <p class="meta">Aún no se ha intentado enviar.</p>
            ) : (
              <ul class="email-attempts">
                {attempts.map((a) => (
                  <li>
                    {formatDateTimeShort(a.createdAt)} —{' '}
                    {a.status === 'SUCCESS' ? 'Enviado' : `Falló: ${a.errorMessage ?? 'sin detalle'}`}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </StaffLayout>
  );
}
