import { API_SCOPES, type ApiScope } from '../../../../db/schema';
import type { ApiKeyRow } from '../../../../domain/api-keys';
import { API_KEY_STATE_LABELS, API_SCOPE_LABELS } from '../../../../domain/vocabulary';
import type { FormErrors } from '../../../../http/forms';
import { formatDateShort, formatDateTimeShort } from '../../../../lib/dates';
import { Badge, CsrfField, EmptyState, Field, ResponsiveTable, Section } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  keys: ApiKeyRow[];
  values: Record<string, string | string[] | undefined>;
  errors: FormErrors;
  /** The key just created: shown on this page once, never stored. */
  created: { key: string; name: string } | null;
};

const STATE_TONE = { active: 'ok', expired: 'neutral', revoked: 'err' } as const;

/** Keys of the API: who may read or write through /api/v1, created and revoked by admins. */
export function ApiKeysPage({ ctx, keys, values, errors, created }: Props) {
  const ticked = [values.permisos ?? ['public:read']].flat();
  const scopeError = errors.permisos ?? errors.scopes;
  return (
    <StaffLayout ctx={ctx} title="Claves de API" crumbs={[['Gestión', '/gestion/'], ['Claves de API']]}>
      <div class="section-head">
        <h1>Claves de API</h1>
        <p>
          <a href="/api/v1/docs/">Ver la referencia de la API</a>
        </p>
      </div>
      <p class="lead">
        Una clave deja que otro sistema (el sitio web, la contabilidad) lea o cambie datos del centro a través
        de la API. Cada clave tiene permisos y una fecha de vencimiento, y se puede revocar en cualquier
        momento.
      </p>

      {created && (
        <section class="panel api-key-created" aria-labelledby="created-title" data-test="created-key">
          <h2 id="created-title">Clave «{created.name}» creada</h2>
          <p>
            Cópiala ahora y guárdala en un lugar seguro: <strong>no se volverá a mostrar</strong>. Si se
            pierde, revócala y crea otra.
          </p>
          <p>
            <code class="api-key-secret">{created.key}</code>
          </p>
        </section>
      )}

      <Section id="keys-title" title="Claves">
        {keys.length === 0 ? (
          <EmptyState>Todavía no hay claves.</EmptyState>
        ) : (
          <ResponsiveTable
            caption="Claves de API"
            rows={keys}
            rowAttributes={(k) => ({ 'data-test': `key-${k.prefix}` })}
            columns={[
              { label: 'Nombre', title: true, cell: (k) => k.name },
              { label: 'Comienza con', cell: (k) => <code class="api-key-prefix">{k.prefix}</code> },
              {
                label: 'Permisos',
                cell: (k) =>
                  k.scopes.split(' ').map((s) => <div>{API_SCOPE_LABELS[s as ApiScope] ?? s}</div>),
              },
              {
                label: 'Estado',
                cell: (k) => <Badge tone={STATE_TONE[k.state]}>{API_KEY_STATE_LABELS[k.state]}</Badge>,
              },
              { label: 'Vence', cell: (k) => formatDateShort(k.expiresAt) },
              {
                label: 'Último uso',
                cell: (k) => (k.lastUsedAt ? formatDateTimeShort(k.lastUsedAt) : 'Nunca'),
              },
              { label: 'Creada por', cell: (k) => k.createdByName },
              {
                label: 'Acciones',
                actions: true,
                cell: (k) =>
                  k.state === 'revoked' ? null : (
                    <form method="post" action={`/gestion/claves-api/${k.id}/revocar/`}>
                      <CsrfField token={ctx.csrfToken} />
                      <button type="submit" class="button button-danger button-small" data-test="revoke">
                        Revocar
                      </button>
                    </form>
                  ),
              },
            ]}
          />
        )}
      </Section>

      <Section id="new-key-title" title="Crear una clave">
        <form method="post" action="/gestion/claves-api/" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="nombre"
            label="Para qué es"
            value={String(values.nombre ?? '')}
            error={errors.nombre ?? errors.name}
            required
            placeholder="Sitio web"
          />
          <fieldset class={`field${scopeError ? ' field-invalid' : ''}`}>
            <legend>Permisos</legend>
            {API_SCOPES.map((scope) => (
              <div class="check-field">
                <input
                  type="checkbox"
                  id={`f-permisos-${scope}`}
                  name="permisos"
                  value={scope}
                  checked={ticked.includes(scope)}
                />
                <label for={`f-permisos-${scope}`}>
                  {API_SCOPE_LABELS[scope]} <code>{scope}</code>
                </label>
              </div>
            ))}
            {scopeError && <small class="error">{scopeError}</small>}
          </fieldset>
          <Field
            name="vence"
            type="date"
            label="Último día en que sirve"
            value={String(values.vence ?? '')}
            error={errors.vence ?? errors.expiresAt}
            required
          />
          <p>
            <button type="submit" class="button" data-test="create-key">
              Crear clave
            </button>
          </p>
        </form>
      </Section>
    </StaffLayout>
  );
}
