import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  /** How many rows were selected (some may no longer owe). */
  selected: number;
  recipients: { id: number; fullName: string; email: string; workshopName: string }[];
  preview: { subject: string; text: string } | null;
  previewId: number | null;
  token: string;
};

/** Step 2 of a payment reminder: who gets it and the e-mail as the first person will see it. */
export function ReminderPreviewPage({ ctx, selected, recipients, preview, previewId, token }: Props) {
  const skipped = selected - recipients.length;
  return (
    <StaffLayout
      ctx={ctx}
      title="Recordatorio de pago"
      crumbs={[['Gestión', '/gestion/'], ['Deudores', '/gestion/deudores/'], ['Recordatorio de pago']]}
    >
      <h1>Recordatorio de pago</h1>
      {recipients.length === 0 ? (
        <p class="empty">
          Ninguna de las inscripciones seleccionadas tiene deuda.{' '}
          <a href="/gestion/deudores/">Volver a deudores</a>
        </p>
      ) : (
        <>
          <p data-test="recipient-count">
            Se enviará a <strong>{recipients.length}</strong>{' '}
            {recipients.length === 1 ? 'persona' : 'personas'}
            {skipped > 0 && ` (${skipped} de las seleccionadas ya no tiene${skipped === 1 ? '' : 'n'} deuda)`}
            . Cada una recibe su propio saldo y enlace de pago.
          </p>
          <details>
            <summary>Ver destinatarios</summary>
            <ul>
              {recipients.map((r) => (
                <li>
                  {r.fullName} &lt;{r.email}&gt; — {r.workshopName}
                </li>
              ))}
            </ul>
          </details>
          {preview && (
            <section class="panel" aria-labelledby="vista-previa">
              <h2 id="vista-previa">Vista previa ({recipients[0]!.fullName})</h2>
              <p>
                <strong>Asunto:</strong> <span data-test="preview-subject">{preview.subject}</span>
              </p>
              <iframe
                class="email-preview-frame"
                title="Vista previa del correo"
                sandbox=""
                src={`/gestion/deudores/recordatorio/vista/?id=${previewId}`}
              />
              <details>
                <summary>Versión de texto</summary>
                <pre class="email-text" data-test="preview-text">
                  {preview.text}
                </pre>
              </details>
            </section>
          )}
          <form method="post" action="/gestion/deudores/recordatorio/" class="form-narrow">
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="clave" value={token} />
            {recipients.map((r) => (
              <input type="hidden" name="ids" value={String(r.id)} />
            ))}
            <button type="submit" class="button" data-test="send-reminders">
              Enviar
            </button>{' '}
            <a href="/gestion/deudores/">Cancelar</a>
          </form>
        </>
      )}
    </StaffLayout>
  );
}
