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

export function EmptyState({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
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
