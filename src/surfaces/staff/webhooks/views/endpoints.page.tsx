import { WEBHOOK_EVENT_TYPES } from '../../../../db/schema';
import { WEBHOOK_EVENT_LABELS } from '../../../../domain/vocabulary';
import type { WebhookEndpoint } from '../../../../domain/webhooks';
import type { FormErrors } from '../../../../http/forms';
import { formatDateTimeShort } from '../../../../lib/dates';
import { Badge, CsrfField, Field, ResponsiveTable } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  endpoints: WebhookEndpoint[];
  /** The endpoint just registered, with its secret: shown on this answer only. */
  created: { url: string; secret: string } | null;
  values: Record<string, string>;
  errors: FormErrors;
  /** Outside production, plain http to this machine is allowed (a receiver being written). */
  allowLocalHttp: boolean;
  retrySummary: string;
};

/** The admins' webhooks page: endpoints, their events and state, and the form to add one. */
export function WebhookEndpointsPage({
  ctx,
  endpoints,
  created,
  values,
  errors,
  allowLocalHttp,
  retrySummary,
}: Props) {
  return (
    <StaffLayout ctx={ctx} title="Webhooks" crumbs={[['Gestión', '/gestion/'], ['Webhooks']]}>
      <div class="section-head">
        <h1>Webhooks</h1>
        <p>
          <a href="/gestion/webhooks/entregas/">Ver entregas</a>
        </p>
      </div>
      <p class="lead">
        Otro sistema (la web del taller, una planilla, la contabilidad) puede enterarse al momento de lo que
        pasa en TMM: le enviamos un POST firmado a su dirección con cada evento que elija. La firma sigue la
        convención Standard Webhooks (encabezados webhook-id, webhook-timestamp y webhook-signature). Si el
        receptor falla, reintentamos {retrySummary}.
      </p>
      {created && (
        <div class="panel webhook-secret" role="status" data-test="webhook-secret">
          <h2>Endpoint registrado</h2>
          <p>
            Copia este secreto en el sistema que recibe los eventos de{' '}
            <span class="break">{created.url}</span>. Solo se muestra esta vez: si lo pierdes, registra el
            endpoint de nuevo.
          </p>
          <p>
            <code class="break">{created.secret}</code>
          </p>
        </div>
      )}
      <h2>Endpoints</h2>
      {endpoints.length === 0 ? (
        <p class="meta">Todavía no hay endpoints.</p>
      ) : (
        <ResponsiveTable
          caption="Endpoints de webhooks"
          rows={endpoints}
          rowAttributes={() => ({ 'data-test': 'endpoint-row' })}
          columns={[
            {
              label: 'Dirección',
              title: true,
              cell: (e) => (
                <>
                  <span class="break">{e.url}</span>
                  {e.description && <div class="meta">{e.description}</div>}
                </>
              ),
            },
            { label: 'Eventos', cell: (e) => e.events.map((t) => WEBHOOK_EVENT_LABELS[t]).join(', ') },
            {
              label: 'Estado',
              cell: (e) =>
                e.isEnabled ? (
                  <Badge tone="ok">Activo</Badge>
                ) : (
                  <>
                    <Badge tone="err">Desactivado</Badge>
                    {e.disabledReason && <div class="meta">{e.disabledReason}</div>}
                  </>
                ),
            },
            { label: 'Creado', cell: (e) => formatDateTimeShort(e.createdAt) },
            {
              label: 'Acciones',
              actions: true,
              cell: (e) => (
                <div class="button-row">
                  <a
                    class="button button-small button-secondary"
                    href={`/gestion/webhooks/entregas/?endpoint=${e.id}`}
                  >
                    Entregas
                  </a>
                  <form
                    method="post"
                    action={`/gestion/webhooks/${e.id}/${e.isEnabled ? 'desactivar' : 'activar'}/`}
                    class="inline-form"
                  >
                    <CsrfField token={ctx.csrfToken} />
                    <button type="submit" class="button button-small button-secondary">
                      {e.isEnabled ? 'Desactivar' : 'Activar'}
                    </button>
                  </form>
                </div>
              ),
            },
          ]}
        />
      )}
      <h2>Registrar un endpoint</h2>
      <form method="post" action="/gestion/webhooks/" class="panel" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field
          name="url"
          label="Dirección"
          type="url"
          required
          value={values.url}
          error={errors.url}
          placeholder="https://ejemplo.cl/webhooks/tmm"
          hint={
            allowLocalHttp
              ? 'Debe empezar con https:// (en pruebas también http://127.0.0.1 o http://localhost).'
              : 'Debe empezar con https://.'
          }
        />
        <Field
          name="descripcion"
          label="Descripción (opcional)"
          value={values.descripcion}
          error={errors.descripcion}
        />
        <fieldset
          class={`field${errors.eventos ? ' field-invalid' : ''}`}
          aria-describedby={errors.eventos ? 'f-eventos-error' : undefined}
        >
          <legend>Eventos</legend>
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <div class="check-field">
              <input
                type="checkbox"
                id={`f-evento-${t}`}
                name="eventos"
                value={t}
                checked={values.eventos === t}
              />
              <label for={`f-evento-${t}`}>
                {WEBHOOK_EVENT_LABELS[t]} <code>{t}</code>
              </label>
            </div>
          ))}
          {errors.eventos && (
            <small id="f-eventos-error" class="error">
              {errors.eventos}
            </small>
          )}
        </fieldset>
        <p>
          <button type="submit" class="button" data-test="create-endpoint">
            Registrar endpoint
          </button>
        </p>
      </form>
    </StaffLayout>
  );
}
