import { DISCOUNT_SCOPES } from '../../../../db/schema';
import { CODE_STATES } from '../../../../domain/discounts';
import { DISCOUNT_CODE_STATE_LABELS, DISCOUNT_SCOPE_LABELS, plural } from '../../../../domain/vocabulary';
import { formatClp } from '../../../../lib/money';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { CODES_PATH, type DiscountCodeListData, type discountCodeList } from '../discount-codes.list';

type Props = DiscountCodeListData & { ctx: PageContext; list: ReturnType<typeof discountCodeList> };

export function DiscountCodesPage({ ctx, query, page, totals, list }: Props) {
  const f = query.filters;
  return (
    <StaffLayout
      ctx={ctx}
      title="Códigos de descuento"
      crumbs={[['Gestión', '/gestion/'], ['Códigos de descuento']]}
    >
      <div class="section-head">
        <h1>Códigos de descuento</h1>
        <p>
          <a href={`${CODES_PATH}nuevo/`} class="button button-small" data-test="new-code">
            Nuevo código
          </a>
        </p>
      </div>
      <ListFilters basePath={CODES_PATH} query={query} placeholder="Código o descripción">
        <div class="field">
          <label for="f-estado">Estado</label>
          <select id="f-estado" name="estado">
            <option value="">Todos</option>
            {CODE_STATES.map((s) => (
              <option value={s} selected={f.estado === s}>
                {DISCOUNT_CODE_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-alcance">Alcance</label>
          <select id="f-alcance" name="alcance">
            <option value="">Todos</option>
            {DISCOUNT_SCOPES.map((s) => (
              <option value={s} selected={f.alcance === s}>
                {DISCOUNT_SCOPE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </ListFilters>
      <p class="meta" data-test="code-totals">
        {plural(totals.count, 'código')} · {plural(totals.uses, 'uso vigente', 'usos vigentes')} ·{' '}
        {formatClp(totals.discountGivenClp)} descontados
      </p>
      <DataTable
        basePath={CODES_PATH}
        query={query}
        page={page}
        caption="Códigos de descuento"
        empty="No hay códigos que coincidan con los filtros."
        rowId={list.rowId}
        columns={list.columns}
      />
    </StaffLayout>
  );
}
