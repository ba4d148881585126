import type { ComponentChildren } from 'preact';
import { formatClp } from '../lib/money';
import type { Flash } from './context';

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function Money({ amount }: { amount: number }) {
  return <span class="money">{formatClp(amount)}</span>;
}

export function FlashMessages({ flash }: { flash: Flash[] }) {
  if (flash.length === 0) return null;
  return (
    <div class="flash-list" aria-live="polite">
      {flash.map((f) => (
        <div class={`flash flash-${f.kind}`} role={f.kind === 'error' ? 'alert' : 'status'}>
          {f.message}
          {f.link && (
            <>
              {' '}
              <a href={f.link.href}>{f.link.label}</a>
            </>
          )}
        </div>
      ))}
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  value?: string | number | null | undefined;
  error?: string | undefined;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  inputmode?: 'text' | 'numeric' | 'tel' | 'email' | 'decimal';
  min?: number | string;
  max?: number | string;
  step?: number | string;
  placeholder?: string;
};

/** A labelled input that shows its error next to it and keeps what the user typed. */
export function Field(props: FieldProps) {
  const id = `f-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete}
        inputMode={props.inputmode}
        min={props.min}
        max={props.max}
        step={props.step}
        placeholder={props.placeholder}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={`${id}-error`} class="error">
          {props.error}
        </small>
      )}
    </div>
  );
}

type Option = { value: string; label: string };

export function SelectField(props: {
  name: string;
  label: string;
  options: Option[];
  value?: string | null | undefined;
  error?: string | undefined;
  required?: boolean;
  emptyLabel?: string;
}) {
  const id = `f-${props.name}`;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === (props.value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error && (
        <small id={`${id}-error`} class="error">
          {props.error}
        </small>
      )}
    </div>
  );
}

export function TextAreaField(props: {
  name: string;
  label: string;
  value?: string | null | undefined;
  error?: string | undefined;
  required?: boolean;
  rows?: number;
  hint?: string;
}) {
  const id = `f-${props.name}`;
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      >
        {props.value ?? ''}
      </textarea>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={`${id}-error`} class="error">
          {props.error}
        </small>
      )}
    </div>
  );
}

/** Page links that keep the current filters (the query string) in the URL. */
export function Pagination(props: {
  page: number;
  pages: number;
  query: Record<string, string>;
  basePath: string;
}) {
  if (props.pages <= 1) return null;
  const href = (page: number) => {
    const params = new URLSearchParams({ ...props.query, page: String(page) });
    return `${props.basePath}?${params.toString()}`;
  };
  return (
    <nav class="pagination" aria-label="Paginación">
      {props.page > 1 && (
        <a href={href(props.page - 1)} rel="prev">
          « Anterior
        </a>
      )}
      <span>
        Página {props.page} de {props.pages}
      </span>
      {props.page < props.pages && (
        <a href={href(props.page + 1)} rel="next">
          Siguiente »
        </a>
      )}
    </nav>
  );
}

/**
 * Free text written one item a line ("qué incluye", "qué traer") as a list; a leading dash or
 * bullet typed out of habit is dropped. Nothing when the text is empty.
 */
export function LineList({ text, class: className }: { text: string | null; class?: string }) {
  const items = (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-•*·]\s*/, '').trim())
    .filter(Boolean);
  if (items.length === 0) return null;
  return (
    <ul class={className}>
      {items.map((item) => (
        <li>{item}</li>
      ))}
    </ul>
  );
}

/** What a list says when it has nothing, with the one thing to do about it. */
export function EmptyState({
  children,
  action,
}: {
  children: ComponentChildren;
  action?: { href: string; label: string };
}) {
  return (
    <div class="empty">
      <p>{children}</p>
      {action && (
        <ButtonLink href={action.href} variant="secondary" size="small">
          {action.label}
        </ButtonLink>
      )}
    </div>
  );
}

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger';

/** The classes of a button: primary (the page's main action), secondary, quiet (a minor or demo action), danger. */
function buttonClass(
  variant: ButtonVariant = 'primary',
  options: { size?: 'small' | 'normal'; block?: boolean } = {},
): string {
  return [
    'button',
    variant === 'primary' ? '' : `button-${variant}`,
    options.size === 'small' ? 'button-small' : '',
    options.block ? 'button-block' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** A link that looks like a button (it navigates; actions that change something are form buttons). */
export function ButtonLink(props: {
  href: string;
  children: ComponentChildren;
  variant?: ButtonVariant;
  size?: 'small' | 'normal';
  block?: boolean;
  'data-test'?: string;
}) {
  return (
    <a
      href={props.href}
      class={buttonClass(props.variant, { size: props.size ?? 'normal', block: props.block ?? false })}
      data-test={props['data-test']}
    >
      {props.children}
    </a>
  );
}

export type BadgeTone = 'ok' | 'warn' | 'err' | 'info' | 'neutral';

export function Badge({
  tone,
  children,
  'data-test': dataTest,
}: {
  tone: BadgeTone;
  children: ComponentChildren;
  'data-test'?: string;
}) {
  return (
    <span class={`badge badge-${tone}`} data-test={dataTest}>
      {children}
    </span>
  );
}

/**
 * An enrollment's or order's status with its label from the vocabulary; the stylesheet colours it
 * (paid green, owing red, part paid amber, cancelled grey).
 */
export function StatusBadge({
  status,
  label,
  'data-test': dataTest,
}: {
  status: 'PENDIENTE' | 'ABONADO' | 'PAGADO' | 'ANULADO';
  label: string;
  'data-test'?: string;
}) {
  return (
    <span class={`badge badge-${status}`} data-test={dataTest}>
      {label}
    </span>
  );
}

/** Shown where a value is missing: a dash to the eye, words to a screen reader (never "N/A"). */
function Missing() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span class="visually-hidden">Sin información</span>
    </>
  );
}

type DataItem = {
  label: string;
  /** null or undefined shows a dash, unless the list omits empty rows. */
  value: ComponentChildren;
  'data-test'?: string;
};

/**
 * Label–value pairs (a <dl>): each label above its value on a phone, side by side from 560px
 * (unless `stacked`). Empty values show a dash, or are left out with `omitEmpty`.
 */
export function DataList({
  items,
  omitEmpty = false,
  stacked = false,
}: {
  items: DataItem[];
  omitEmpty?: boolean;
  /** Labels above values at every width (a narrow column). */
  stacked?: boolean;
}) {
  const empty = (v: ComponentChildren) => v === null || v === undefined || v === '' || v === false;
  return (
    <dl class={stacked ? 'data-list data-list-stacked' : 'data-list'}>
      {items
        .filter((item) => !(omitEmpty && empty(item.value)))
        .map((item) => (
          <div>
            <dt>{item.label}</dt>
            <dd data-test={item['data-test']}>{empty(item.value) ? <Missing /> : item.value}</dd>
          </div>
        ))}
    </dl>
  );
}

export type TableColumn<T> = {
  label: string;
  cell: (row: T) => ComponentChildren;
  /** Right-aligned figures (money, counts) on a wide screen. */
  numeric?: boolean;
  /** The row's name (first line of its card on a phone, without a label). */
  title?: boolean;
  /** Buttons: no label on a phone, and the header is only read by screen readers. */
  actions?: boolean;
};

/**
 * A table that becomes a list of cards below 640px: every cell carries its column's name
 * (data-label) and the stylesheet shows it beside the value, so nothing needs sideways scrolling.
 */
export function ResponsiveTable<T>({
  columns,
  rows,
  caption,
  rowAttributes,
}: {
  columns: TableColumn<T>[];
  rows: T[];
  caption?: string;
  rowAttributes?: (row: T) => { 'data-test'?: string; class?: string };
}) {
  const cellClass = (c: TableColumn<T>) =>
    [c.numeric ? 'num' : '', c.title ? 'rtable-title' : '', c.actions ? 'rtable-actions' : '']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div class="rtable-wrap">
      <table class="rtable">
        {caption && <caption class="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.actions ? <span class="visually-hidden">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr {...(rowAttributes ? rowAttributes(row) : {})}>
              {columns.map((c) =>
                c.title || c.actions ? (
                  <td class={cellClass(c)}>{c.cell(row)}</td>
                ) : (
                  // One wrapper, so the cell's content stays one piece beside its label on a phone.
                  <td class={cellClass(c)} data-label={c.label}>
                    <div>{c.cell(row)}</div>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The top of a page: an optional link back, the title and a lead sentence. */
export function PageHeader({
  title,
  lead,
  back,
}: {
  title: ComponentChildren;
  lead?: ComponentChildren;
  back?: { href: string; label: string };
}) {
  return (
    <header class="page-header">
      {back && (
        <a class="back" href={back.href}>
          ← {back.label}
        </a>
      )}
      <h1>{title}</h1>
      {lead && <p class="lead">{lead}</p>}
    </header>
  );
}

/** A titled block of a page (a panel with an h2 that names it for screen readers). */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <section class="section panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** One checkbox with its label beside it (and an optional hint under the label). */
export function CheckboxField(props: {
  name: string;
  checked: boolean;
  children: ComponentChildren;
  hint?: ComponentChildren;
}) {
  const id = `f-${props.name}`;
  return (
    <div class="check-field">
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value="1"
        checked={props.checked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{props.children}</label>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}

/**
 * The one place the site writes raw HTML: a JSON data island (<script type="application/json">) that
 * our scripts read. The CSP allows it because the browser never executes it. The JSON is escaped so
 * no value can close the element ("</script>") or start a comment, whatever a customer typed.
 */
export function JsonDataIsland({ id, data }: { id: string; data: unknown }) {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: json }} />;
}

/**
 * A ledger's movements as a customer reads them (a pack's credits, a gift card's pesos): what each
 * was, its date, and its signed amount, in a collapsible "Historial".
 */
export function LedgerHistory({
  open,
  entries,
}: {
  open: boolean;
  entries: { kind: string; text: string; date: ComponentChildren; amount: number; label: string }[];
}) {
  return (
    <details open={open}>
      <summary>Historial</summary>
      <ul class="pack-history">
        {entries.map((e) => (
          <li data-test={`entry-${e.kind}`}>
            <span>
              {e.text}
              <br />
              <span class="meta">{e.date}</span>
            </span>
            <span class={e.amount > 0 ? 'credits-plus' : 'credits-minus'}>{e.label}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
