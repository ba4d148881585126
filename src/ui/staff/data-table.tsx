import type { ComponentChildren } from 'preact';
import type { CsvCell } from '../../lib/csv';
import { EXPORT_FORMATS, type ListQuery, listHref } from '../../lib/list-query';
import type { Page } from '../../lib/pagination';

/**
 * A column of a back-office list: its page cell and its export value side by side (see
 * http/staff-list.ts), so the table and the CSV/XLSX export cannot drift apart.
 */
/** The list widths at which columns appear (app.css, "Back office", has one rule per value). */
export type ColumnWidth = 700 | 1080 | 1300;

export type Column<T, V = undefined> = {
  label: string;
  /** The sort key (from the list's whitelist) when the page may sort by this column. */
  sort?: string;
  num?: boolean;
  /** A class for the column's cells besides "num" (e.g. a long text that wraps its own way). */
  cellClass?: string;
  /**
   * The list width (px) from which the column shows; without it the column always shows. Less
   * important columns give way first as the list gets narrower: 1300 shows on a wide screen only,
   * 1080 from a 1366 px laptop on, 700 from a tablet on (the list beside the menu is about 1155 px
   * wide on a 1366 px laptop and 1070 px on a 1280 px one). A table still too wide scrolls inside
   * its frame as a last resort. The export always has every column.
   */
  showFrom?: ColumnWidth;
  /**
   * The table cell; absent for columns only the export has (e-mail, phone …). `view` is what the
   * page hands the table besides the rows, for the few cells that depend on who looks and when
   * (the signed-in user, the clock, form tokens); an export never depends on it.
   */
  cell?: (row: T, view: V) => ComponentChildren;
  /** The export value; absent for columns only the page has (actions …). */
  exportValue?: (row: T) => CsvCell;
  /** The export's header when it says more than the page's ("Monto (CLP)" for "Monto"). */
  exportLabel?: string;
};

type Props<T, V> = {
  basePath: string;
  query: ListQuery;
  page: Page<T>;
  columns: Column<T, V>[];
  rowId: (row: T) => number;
  /** A row's data-test attribute, for pages whose tests find rows by it. */
  rowTest?: (row: T) => string;
  /** Row checkboxes (name="ids") belong to this form (the bulk-action form, by id). */
  bulkForm?: string;
  /** Shown instead of the table when nothing matches. */
  empty: string;
  /** Accessible name of the table, e.g. "Clientes". */
  caption: string;
  exportable?: boolean;
} & (undefined extends V ? { view?: V } : { view: V });

/**
 * One list as every back-office page shows it: totals ("Mostrando 16–30 de 47"), export links for
 * the current filtered list, sortable headers as links that keep the other parameters, row
 * checkboxes for bulk actions and pagination that keeps the filter state in the URL.
 */
export function DataTable<T, V = undefined>(props: Props<T, V>) {
  const { basePath, query, page } = props;
  const columns = props.columns.filter((c) => c.cell);
  return (
    <section class="data-table" aria-label={props.caption}>
      <div class="data-table-bar">
        <p class="meta" data-test="list-range">
          {page.total === 0 ? 'Sin resultados' : `Mostrando ${page.from}–${page.to} de ${page.total}`}
        </p>
        {props.exportable !== false && (
          <p class="export-links">
            Exportar:{' '}
            {EXPORT_FORMATS.map((f, i) => (
              <>
                {i > 0 && ' · '}
                <a href={listHref(basePath, query, { formato: f })} data-test={`export-${f}`} download>
                  {f.toUpperCase()}
                </a>
              </>
            ))}
          </p>
        )}
      </div>
      {page.items.length === 0 ? (
        <p class="empty">{props.empty}</p>
      ) : (
        <div class="table-wrap">
          <table class="staff-table">
            <caption class="visually-hidden">{props.caption}</caption>
            <thead>
              <tr>
                {props.bulkForm && (
                  <th scope="col" class="select-col">
                    <input
                      type="checkbox"
                      class="select-all"
                      data-select-all={props.bulkForm}
                      aria-label="Seleccionar todas las filas de esta página"
                    />
                  </th>
                )}
                {columns.map((c) => (
                  <SortHeader column={c} basePath={basePath} query={query} />
                ))}
              </tr>
            </thead>
            <tbody>
              {page.items.map((row) => {
                const id = props.rowId(row);
                return (
                  <tr data-row-id={id} data-test={props.rowTest?.(row)}>
                    {props.bulkForm && (
                      <td class="select-col">
                        <input
                          type="checkbox"
                          name="ids"
                          value={String(id)}
                          form={props.bulkForm}
                          class="row-select"
                          aria-label={`Seleccionar fila ${id}`}
                        />
                      </td>
                    )}
                    {columns.map((c) => (
                      <td class={columnClass(c, c.cellClass)}>{c.cell!(row, props.view as V)}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ListPagination basePath={basePath} query={query} page={page.page} pages={page.pages} />
    </section>
  );
}

/** A header's or cell's classes: numbers align right, and when the column shows (see Column). */
function columnClass<T, V>(column: Column<T, V>, extra?: string): string | undefined {
  return (
    [column.num && 'num', column.showFrom && `from-${column.showFrom}`, extra].filter(Boolean).join(' ') ||
    undefined
  );
}

function SortHeader<T, V>({
  column,
  basePath,
  query,
}: {
  column: Column<T, V>;
  basePath: string;
  query: ListQuery;
}) {
  const cls = columnClass(column);
  if (!column.sort) {
    return (
      <th scope="col" class={cls}>
        {column.label}
      </th>
    );
  }
  const current = query.sort === column.sort;
  const nextDir = current && query.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th
      scope="col"
      class={cls}
      aria-sort={current ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <a
        href={listHref(basePath, query, { sort: column.sort, dir: nextDir })}
        class="sort-link"
        data-test={`sort-${column.sort}`}
      >
        {column.label}
        {current && <span aria-hidden="true">{query.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
      </a>
    </th>
  );
}

/** Page links around the current one (1 … 4 5 [6] 7 8 … 20), keeping every other parameter. */
export function ListPagination(props: { basePath: string; query: ListQuery; page: number; pages: number }) {
  const { page, pages } = props;
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const href = (p: number) => listHref(props.basePath, props.query, { page: p });
  return (
    <nav class="pagination" aria-label="Paginación">
      {page > 1 && (
        <a href={href(page - 1)} rel="prev">
          « Anterior
        </a>
      )}
      {shown.map((p, i) => (
        <>
          {i > 0 && p - shown[i - 1]! > 1 && <span aria-hidden="true">…</span>}
          {p === page ? (
            <span aria-current="page" class="page-current">
              <span class="visually-hidden">{`Página ${p} de ${pages}`}</span>
              <span aria-hidden="true">{p}</span>
            </span>
          ) : (
            <a href={href(p)} aria-label={`Página ${p}`}>
              {p}
            </a>
          )}
        </>
      ))}
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          Siguiente »
        </a>
      )}
    </nav>
  );
}

/** The search box and the filters of a list (a GET form: the state lives in the URL). */
export function ListFilters(props: {
  basePath: string;
  query: ListQuery;
  placeholder: string;
  children?: ComponentChildren;
}) {
  const keepSort =
    props.query.params.find(([k]) => k === 'sort') !== undefined
      ? [
          ['sort', props.query.sort],
          ['dir', props.query.dir],
        ]
      : [];
  return (
    <form method="get" action={props.basePath} class="filters" aria-label="Buscar y filtrar">
      <div class="field">
        <label for="f-q">Buscar</label>
        <input id="f-q" name="q" type="search" value={props.query.q} placeholder={props.placeholder} />
      </div>
      {props.children}
      {keepSort.map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <div class="filter-actions">
        <button type="submit" class="button button-small">
          Filtrar
        </button>
        {props.query.params.length > 0 && (
          <a href={props.basePath} class="button button-small button-secondary">
            Limpiar
          </a>
        )}
      </div>
    </form>
  );
}
