import { CUSTOMER_TYPES, LIFECYCLE_STAGES } from '../../../../db/schema';
import { CUSTOMER_TYPE_LABELS, LIFECYCLE_LABELS } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { CsrfField, SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { CUSTOMER_LIST } from '../customers.list';

const LIST = CUSTOMER_LIST.path;
const BULK = 'bulk-clientes';

type Props = ListDataOf<typeof CUSTOMER_LIST> & {
  ctx: PageContext;
  options: {
    companies: { id: number; legalName: string }[];
    interests: { id: number; name: string }[];
    comunas: string[];
  };
};

export function CustomersPage({ ctx, query, page, options, currentUrl }: Props) {
  const f = query.filters;
  return (
    <StaffLayout ctx={ctx} title="Clientes" crumbs={[['Gestión', '/gestion/'], ['Clientes']]}>
      <div class="section-head">
        <h1>Clientes</h1>
        <p>
          <a href="/gestion/clientes/nuevo/" class="button button-small">
            Nuevo cliente
          </a>{' '}
          <a href="/gestion/clientes/importar/" class="button button-small button-secondary">
            Importar CSV
          </a>
        </p>
      </div>
      <ListFilters basePath={LIST} query={query} placeholder="Nombre, correo, teléfono o RUT">
        <SelectField
          name="tipo"
          label="Tipo"
          emptyLabel="Todos"
          options={CUSTOMER_TYPES.map((t) => ({ value: t, label: CUSTOMER_TYPE_LABELS[t] }))}
          value={f.tipo}
        />
        <div class="field">
          <label for="f-empresa">Empresa</label>
          <select id="f-empresa" name="empresa">
            <option value="">Todas</option>
            {options.companies.map((c) => (
              <option value={String(c.id)} selected={f.empresa === c.id}>
                {c.legalName}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-comuna">Comuna</label>
          <select id="f-comuna" name="comuna">
            <option value="">Todas</option>
            {options.comunas.map((c) => (
              <option value={c} selected={f.comuna === c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <SelectField
          name="etapa"
          label="Etapa"
          emptyLabel="Todas"
          options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: LIFECYCLE_LABELS[s] }))}
          value={f.etapa}
        />
        <div class="field field-check">
          <label>
            <input type="checkbox" name="deuda" value="1" checked={f.deuda} /> Con deuda
          </label>
        </div>
        {options.interests.length > 0 && (
          <fieldset class="field chips-field">
            <legend>Intereses (cualquiera)</legend>
            {options.interests.map((i) => (
              <label class="chip-check">
                <input
                  type="checkbox"
                  name="interes"
                  value={String(i.id)}
                  checked={f.interes.includes(i.id)}
                />{' '}
                {i.name}
              </label>
            ))}
          </fieldset>
        )}
        {f.ids.length > 0 && f.ids.map((id) => <input type="hidden" name="ids" value={String(id)} />)}
      </ListFilters>

      <form id={BULK} method="post" action="/gestion/clientes/acciones/" class="panel bulk-panel" data-bulk>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="volver" value={currentUrl} />
        <div class="bulk-row">
          <div class="field">
            <label for="f-accion">Acción con los seleccionados</label>
            <select id="f-accion" name="accion" data-bulk-action>
              <option value="correo">Enviar correo</option>
              <option value="etapa">Cambiar etapa</option>
              <option value="exportar">Exportar seleccionados</option>
            </select>
          </div>
          <div class="field" data-for-action="etapa">
            <label for="f-bulk-etapa">Nueva etapa</label>
            <select id="f-bulk-etapa" name="etapa">
              {LIFECYCLE_STAGES.map((s) => (
                <option value={s}>{LIFECYCLE_LABELS[s]}</option>
              ))}
            </select>
          </div>
          <div class="field" data-for-action="exportar">
            <label for="f-bulk-formato">Formato</label>
            <select id="f-bulk-formato" name="formato">
              <option value="csv">CSV</option>
              <option value="xlsx">Excel (XLSX)</option>
            </select>
          </div>
        </div>
        <div data-for-action="correo">
          <div class="field">
            <label for="f-asunto">Asunto</label>
            <input id="f-asunto" name="asunto" maxLength={200} />
          </div>
          <div class="field">
            <label for="f-mensaje">Mensaje</label>
            <textarea id="f-mensaje" name="mensaje" rows={5} />
            <small class="hint">
              Escribe solo el mensaje: el correo ya saluda y se despide. Puedes usar [Nombre] (nombre de
              pila), [Nombre completo], [Intereses] y [Link del Catálogo]; se reemplazan para cada cliente.
              Quienes pidieron no recibir novedades no lo recibirán.
            </small>
          </div>
        </div>
        <p class="bulk-submit">
          <button type="submit" class="button button-small">
            Aplicar a la selección
          </button>{' '}
          <span class="meta" data-selected-count={BULK} aria-live="polite" />
        </p>
      </form>

      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Clientes"
        bulkForm={BULK}
        empty="No hay clientes que coincidan con los filtros."
        rowId={CUSTOMER_LIST.rowId}
        columns={CUSTOMER_LIST.columns}
      />
    </StaffLayout>
  );
}
