import type { ComponentChildren } from 'preact';
import { formatClp } from '../../../lib/money';
import { CsrfField } from '../../../ui/components';

/** The "desde / hasta" date inputs of a list filter. */
export function DateRangeFields(props: { from: string | null; to: string | null; label?: string }) {
  return (
    <>
      <div class="field">
        <label for="f-desde">{props.label ?? 'Fecha'} desde</label>
        <input id="f-desde" name="desde" type="date" value={props.from ?? ''} />
      </div>
      <div class="field">
        <label for="f-hasta">hasta</label>
        <input id="f-hasta" name="hasta" type="date" value={props.to ?? ''} />
      </div>
    </>
  );
}

/** Money totals of the whole filtered list (all pages), above the table. */
export function ListTotals(props: { items: [string, number][]; children?: ComponentChildren }) {
  return (
    <dl class="list-totals" data-test="list-totals">
      {props.items.map(([label, amount]) => (
        <div>
          <dt>{label}</dt>
          <dd>{formatClp(amount)}</dd>
        </div>
      ))}
      {props.children}
    </dl>
  );
}

/** The hidden fields every bulk form carries besides the CSRF token. */
export function BulkSubmit({ formId }: { formId: string }) {
  return (
    <p class="bulk-submit">
      <button type="submit" class="button button-small">
        Aplicar a la selección
      </button>{' '}
      <span class="meta" data-selected-count={formId} aria-live="polite" />
    </p>
  );
}

export function FormatSelect() {
  return (
    <div class="field" data-for-action="exportar">
      <label for="f-bulk-formato">Formato</label>
      <select id="f-bulk-formato" name="formato">
        <option value="csv">CSV</option>
        <option value="xlsx">Excel (XLSX)</option>
      </select>
    </div>
  );
}

/**
 * A list's bulk form whose only action is exporting the rows ticked: it posts to the list's
 * `acciones/` with the page to come back to.
 */
export function BulkExportForm(props: {
  formId: string;
  listPath: string;
  csrfToken: string;
  currentUrl: string;
  label: string;
}) {
  return (
    <form
      id={props.formId}
      method="post"
      action={`${props.listPath}acciones/`}
      class="panel bulk-panel"
      data-bulk
    >
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="volver" value={props.currentUrl} />
      <input type="hidden" name="accion" value="exportar" />
      <div class="bulk-row">
        <p class="meta">{props.label}</p>
        <FormatSelect />
      </div>
      <BulkSubmit formId={props.formId} />
    </form>
  );
}
