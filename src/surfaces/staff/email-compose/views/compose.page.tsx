import type { CustomerType } from '../../../../db/schema';
import type { Audience } from '../../../../domain/messages';
import { CUSTOMER_SEGMENT_LABELS, plural } from '../../../../domain/vocabulary';
import { formatDateShort } from '../../../../lib/dates';
import { CsrfField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { audienceParams } from '../email-compose.forms';

export type ComposeProps = {
  ctx: PageContext;
  audience: Audience;
  names: { interestName: string | null; workshopName: string | null };
  recipientCount: number;
  optedOut: number;
  sample: string[];
  marketing: boolean;
  values: { asunto: string; mensaje: string };
  errors: Record<string, string>;
  /**
   * The e-mail as the first recipient gets it, rendered by the outbox as when it is sent: its HTML
   * in a sandboxed frame, its text version beside it.
   */
  preview: { subject: string; text: string; html: string | null; recipientName: string } | null;
  placeholders: [string, string][];
  templates: { key: string; label: string }[];
  options: {
    interests: { id: number; name: string }[];
    workshops: { id: number; name: string; startsAt: string }[];
    types: readonly CustomerType[];
  };
};

function describeAudience(p: ComposeProps): string {
  const a = p.audience;
  const parts: string[] = [];
  if (a.customerIds.length > 0) parts.push(`${a.customerIds.length} clientes seleccionados`);
  if (p.names.workshopName) parts.push(`inscritos en ${p.names.workshopName}`);
  if (p.names.interestName) parts.push(`interesados en ${p.names.interestName}`);
  if (a.customerType) parts.push(CUSTOMER_SEGMENT_LABELS[a.customerType]);
  return parts.join(' · ');
}

/** Compose an e-mail to a selection or a segment, preview it, send it through the outbox. */
export function ComposePage(p: ComposeProps) {
  const { ctx, audience: a } = p;
  const hidden = audienceParams(a).map(([k, v]) => <input type="hidden" name={k} value={v} />);
  const templateHref = (key: string) => {
    const params = new URLSearchParams(audienceParams(a));
    params.set('plantilla', key);
    return `/gestion/email/?${params.toString()}`;
  };
  return (
    <StaffLayout
      ctx={ctx}
      title="Correo a clientes"
      crumbs={[['Gestión', '/gestion/'], ['Correo a clientes']]}
    >
      <h1>Correo a clientes</h1>

      <section class="panel" aria-labelledby="destinatarios">
        <h2 id="destinatarios">Destinatarios</h2>
        <form method="get" action="/gestion/email/" class="filters">
          {a.customerIds.map((id) => (
            <input type="hidden" name="cliente_id" value={String(id)} />
          ))}
          <div class="field">
            <label for="f-interes">Interesados en</label>
            <select id="f-interes" name="interes">
              <option value="">—</option>
              {p.options.interests.map((i) => (
                <option value={String(i.id)} selected={a.interestId === i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-taller">Inscritos en el taller</label>
            <select id="f-taller" name="taller">
              <option value="">—</option>
              {p.options.workshops.map((w) => (
                <option value={String(w.id)} selected={a.workshopId === w.id}>
                  {w.name} ({formatDateShort(w.startsAt)})
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-tipo">Tipo de cliente</label>
            <select id="f-tipo" name="tipo">
              <option value="">Todos</option>
              {p.options.types.map((t) => (
                <option value={t} selected={a.customerType === t}>
                  {CUSTOMER_SEGMENT_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div class="filter-actions">
            <button type="submit" class="button button-small">
              Elegir
            </button>
          </div>
        </form>
        <p data-test="audience-count">
          {p.recipientCount === 0 ? (
            'Aún no hay destinatarios: elige un segmento o selecciona clientes en la lista de clientes.'
          ) : (
            <>
              <strong>{p.recipientCount}</strong> {p.recipientCount === 1 ? 'destinatario' : 'destinatarios'}{' '}
              ({describeAudience(p)}): {p.sample.join(', ')}
              {p.recipientCount > p.sample.length && '…'}.
            </>
          )}
        </p>
        {p.marketing && p.optedOut > 0 && (
          <p class="meta" data-test="opted-out">
            {plural(p.optedOut, 'persona pidió', 'personas pidieron')} no recibir novedades: no se les
            enviará.
          </p>
        )}
        {!p.marketing && <p class="meta">Se envía como aviso sobre su inscripción (no es publicidad).</p>}
      </section>

      <div class="two-col">
        <form method="post" action="/gestion/email/" class="panel" novalidate>
          <CsrfField token={ctx.csrfToken} />
          {hidden}
          {p.errors._form && (
            <p class="flash flash-error" role="alert">
              {p.errors._form}
            </p>
          )}
          <p class="meta">
            Empezar desde:{' '}
            {p.templates.map((t, i) => (
              <>
                {i > 0 && ' · '}
                <a href={templateHref(t.key)}>{t.label}</a>
              </>
            ))}{' '}
            o texto libre.
          </p>
          <div class={`field${p.errors.asunto ? ' field-invalid' : ''}`}>
            <label for="f-asunto">Asunto</label>
            <input id="f-asunto" name="asunto" maxLength={200} value={p.values.asunto} />
            {p.errors.asunto && <small class="error">{p.errors.asunto}</small>}
          </div>
          <div class={`field${p.errors.mensaje ? ' field-invalid' : ''}`}>
            <label for="f-mensaje">Mensaje</label>
            <textarea id="f-mensaje" name="mensaje" rows={10} aria-describedby="f-mensaje-ayuda">
              {p.values.mensaje}
            </textarea>
            <small class="hint" id="f-mensaje-ayuda">
              Escribe solo el mensaje: el correo ya saluda («Hola, [Nombre]») y se despide («Con cariño,» y tu
              nombre).
            </small>
            {p.errors.mensaje && <small class="error">{p.errors.mensaje}</small>}
          </div>
          <button type="submit" name="paso" value="vista" class="button button-secondary">
            Vista previa
          </button>{' '}
          {p.preview && (
            <button type="submit" name="paso" value="enviar" class="button" data-test="send-email">
              Enviar a {plural(p.recipientCount, 'persona', 'personas')}
            </button>
          )}{' '}
          <button
            type="submit"
            formaction="/gestion/email/preview/"
            formtarget="_blank"
            class="button button-small button-secondary"
          >
            Ver HTML en otra pestaña
          </button>
        </form>
        <aside class="panel" aria-labelledby="marcadores">
          <h2 id="marcadores">Marcadores</h2>
          <p class="meta">
            Se reemplazan para cada persona. Los del taller y la inscripción funcionan al escribir a
            inscritos.
          </p>
          <dl class="facts">
            {p.placeholders.map(([token, label]) => (
              <>
                <dt>
                  <code>{token}</code>
                </dt>
                <dd>{label}</dd>
              </>
            ))}
          </dl>
        </aside>
      </div>

      {p.preview && (
        <section class="panel" aria-labelledby="vista">
          <h2 id="vista">Vista previa ({p.preview.recipientName})</h2>
          <p>
            <strong>Asunto:</strong> <span data-test="preview-subject">{p.preview.subject}</span>
          </p>
          {p.preview.html && (
            <iframe
              class="email-preview"
              title="Vista previa del correo"
              sandbox=""
              srcdoc={p.preview.html}
              data-test="preview-frame"
            />
          )}
          <details open={!p.preview.html}>
            <summary>Versión de texto</summary>
            <pre class="email-text" data-test="preview-text">
              {p.preview.text}
            </pre>
          </details>
        </section>
      )}
    </StaffLayout>
  );
}
