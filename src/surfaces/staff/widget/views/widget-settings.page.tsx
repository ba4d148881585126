import type { WidgetOrigin } from '../../../../domain/widget';
import type { FormErrors } from '../../../../http/forms';
import { formatDateTimeShort } from '../../../../lib/dates';
import { CsrfField, Field, ResponsiveTable } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';

type Props = {
  ctx: PageContext;
  origins: WidgetOrigin[];
  categories: { id: number; name: string }[];
  publicUrl: string;
  values: Record<string, string>;
  errors: FormErrors;
};

/** The widget's settings: the sites allowed to show it, and what to paste on them. */
export function WidgetSettingsPage({ ctx, origins, categories, publicUrl, values, errors }: Props) {
  const script = `<script src="${publicUrl}/widget.js" async></script>`;
  const iframe = `<iframe src="${publicUrl}/widget/talleres/" title="Próximos talleres de TMM" style="width:100%;height:600px;border:0"></iframe>`;
  return (
    <StaffLayout
      ctx={ctx}
      title="Widget de reservas"
      crumbs={[['Gestión', '/gestion/'], ['Widget de reservas']]}
    >
      <h1>Widget de reservas</h1>
      <p class="lead">
        Otro sitio (la web del taller, una página de enlaces) puede mostrar los próximos talleres con sus
        cupos. Al tocar «Inscribirme» se abre este sitio en una pestaña nueva, donde la persona se inscribe y
        paga. Solo los sitios de esta lista pueden mostrarlo; en cualquier otro el navegador lo bloquea.
      </p>

      <h2>Sitios permitidos</h2>
      {origins.length === 0 ? (
        <p class="meta" data-test="no-origins">
          Todavía no hay sitios: el widget no se muestra en ninguna parte.
        </p>
      ) : (
        <ResponsiveTable
          caption="Sitios que pueden mostrar el widget"
          rows={origins}
          rowAttributes={() => ({ 'data-test': 'widget-origin' })}
          columns={[
            { label: 'Sitio', title: true, cell: (o) => <span class="break">{o.origin}</span> },
            { label: 'Agregado', cell: (o) => formatDateTimeShort(o.createdAt) },
            {
              label: 'Acciones',
              actions: true,
              cell: (o) => (
                <form method="post" action={`/gestion/widget/${o.id}/quitar/`} class="inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <button
                    type="submit"
                    class="button button-small button-secondary"
                    aria-label={`Quitar ${o.origin}`}
                  >
                    Quitar
                  </button>
                </form>
              ),
            },
          ]}
        />
      )}
      <form method="post" action="/gestion/widget/" class="panel widget-origin-form" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field
          name="origen"
          label="Agregar un sitio"
          type="url"
          required
          value={values.origen}
          error={errors.origen}
          placeholder="https://ejemplo.cl"
          hint="Solo la dirección del sitio, con https://; si escribes una página, se guarda su sitio."
        />
        <p>
          <button type="submit" class="button">
            Agregar sitio
          </button>
        </p>
      </form>

      <h2>Qué pegar en el sitio</h2>
      <p>Pega esta línea donde quieras que aparezca la lista:</p>
      <pre class="snippet" data-test="widget-snippet">
        <code>{script}</code>
      </pre>
      {categories.length > 0 && (
        <p class="meta">
          Para mostrar una sola categoría, agrega <code>data-categoria</code> con su número, por ejemplo{' '}
          <code>{`data-categoria="${categories[0]!.id}"`}</code> para {categories[0]!.name}. Números:{' '}
          {categories.map((c) => `${c.name} (${c.id})`).join(', ')}.
        </p>
      )}
      <p>Si el sitio no permite scripts, usa este marco en su lugar:</p>
      <pre class="snippet">
        <code>{iframe}</code>
      </pre>
    </StaffLayout>
  );
}
