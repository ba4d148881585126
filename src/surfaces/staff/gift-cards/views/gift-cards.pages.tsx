import { GIFT_CARD_STATES, type GiftCardDetail, maskedCode } from '../../../../domain/gift-cards';
import { GIFT_CARD_ENTRY_LABELS, GIFT_CARD_STATE_LABELS } from '../../../../domain/vocabulary';
import type { ListDataOf } from '../../../../http/staff-list';
import { formatDateShort, formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import {
  CsrfField,
  DataList,
  Field,
  ResponsiveTable,
  SelectField,
  TextAreaField,
} from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable, ListFilters } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { BulkExportForm, DateRangeFields, ListTotals } from '../../lists/admin-lists.components';
import { GIFT_CARD_LIST } from '../gift-cards.list';

const LIST = GIFT_CARD_LIST.path;
const BULK = 'bulk-tarjetas';
const STATE_FILTER_LABELS = {
  vigente: 'Vigentes con saldo',
  agotada: 'Sin saldo',
  vencida: 'Vencidas',
  pendiente: 'Pendientes de pago',
  anulada: 'Anuladas',
} as const;
const CRUMBS: [string, string?][] = [
  ['Gestión', '/gestion/'],
  ['Tarjetas de regalo', LIST],
];

type ListProps = ListDataOf<typeof GIFT_CARD_LIST> & { ctx: PageContext };

/** Gift cards sold, with what the accountant asks: sold, spent, and the liability of what is left. */
export function GiftCardsPage({ ctx, query, page, totals, currentUrl }: ListProps) {
  const f = query.filters;
  return (
    <StaffLayout
      ctx={ctx}
      title="Tarjetas de regalo"
      crumbs={[['Gestión', '/gestion/'], ['Tarjetas de regalo']]}
    >
      <div class="section-head">
        <h1>Tarjetas de regalo</h1>
        <p>
          <a href="/tarjetas-regalo/">Página de compra en la tienda</a>
        </p>
      </div>
      <ListFilters
        basePath={LIST}
        query={query}
        placeholder="Quien compra o recibe, N° o últimos 4 del código"
      >
        <SelectField
          name="estado"
          label="Estado"
          emptyLabel="Todas"
          options={GIFT_CARD_STATES.map((s) => ({ value: s, label: STATE_FILTER_LABELS[s] }))}
          value={f.estado}
        />
        <DateRangeFields from={f.desde} to={f.hasta} label="Compradas" />
        {f.ids.map((id) => (
          <input type="hidden" name="ids" value={String(id)} />
        ))}
      </ListFilters>

      <ListTotals
        items={[
          ['Vendido en tarjetas', totals.soldClp],
          ['Usado en compras', totals.redeemedClp],
          ['Pasivo (saldos vigentes)', totals.liabilityClp],
        ]}
      />
      <p class="meta" data-test="gift-cards-report">
        El ingreso se cuenta al vender la tarjeta; el pasivo es la suma de los saldos de las tarjetas aún
        vigentes.
      </p>

      <BulkExportForm
        formId={BULK}
        listPath={LIST}
        csrfToken={ctx.csrfToken}
        currentUrl={currentUrl}
        label="Exportar las tarjetas seleccionadas"
      />

      <DataTable
        basePath={LIST}
        query={query}
        page={page}
        caption="Tarjetas de regalo"
        bulkForm={BULK}
        empty="No hay tarjetas de regalo que coincidan con los filtros."
        rowId={GIFT_CARD_LIST.rowId}
        columns={GIFT_CARD_LIST.columns}
      />
    </StaffLayout>
  );
}

type DetailProps = {
  ctx: PageContext;
  card: GiftCardDetail;
  values: Record<string, string>;
  errors: Record<string, string>;
};

/** What an entry was for: the enrollment or order it paid, or the staff member's reason. */
function entryDetail(e: GiftCardDetail['entries'][number]) {
  if (e.enrollmentId !== null)
    return (
      <>
        {e.customerName} · <a href={`/gestion/inscripciones/?q=${e.enrollmentId}`}>{e.workshopName}</a>
      </>
    );
  if (e.saleId !== null)
    return (
      <>
        {e.customerName} · <a href={`/gestion/ventas/${e.saleId}/`}>Pedido N° {e.saleId}</a>
        {e.forUnpaidOrder &&
          (e.kind === 'redeem'
            ? ' · retenido para el pedido'
            : ' · el pedido se anuló y volvió a la tarjeta')}
      </>
    );
  return [e.reason, e.userName].filter(Boolean).join(' · ') || null;
}

/** One card: buyer and recipient, its ledger, and the manual adjustment. */
export function GiftCardDetailPage({ ctx, card, values, errors }: DetailProps) {
  return (
    <StaffLayout ctx={ctx} title={`Tarjeta de regalo N° ${card.id}`} crumbs={[...CRUMBS, [`N° ${card.id}`]]}>
      <h1>
        Tarjeta de regalo <span class="meta">N° {card.id}</span>
      </h1>
      <DataList
        items={[
          { label: 'Código', value: maskedCode(card.codeLast4) },
          { label: 'Para', value: `${card.recipientName} (${card.recipientEmail})` },
          {
            label: 'Comprada por',
            value: <a href={`/gestion/clientes/${card.buyerCustomerId}/`}>{card.buyerName}</a>,
          },
          { label: 'Mensaje', value: card.message },
          { label: 'Monto', value: formatClp(card.amountClp) },
          {
            label: 'Saldo',
            value: <span data-test="gift-card-balance">{formatClp(card.balance)}</span>,
          },
          { label: 'Estado', value: GIFT_CARD_STATE_LABELS[card.state] },
          { label: 'Comprada', value: formatDateShort(card.createdAt) },
          { label: 'Vence', value: card.expiresAt ? formatDateShort(card.expiresAt) : null },
          { label: 'Pedido', value: <a href={`/gestion/ventas/${card.saleId}/`}>N° {card.saleId}</a> },
        ]}
        omitEmpty
      />
      <h2>Movimientos</h2>
      <ResponsiveTable
        caption="Movimientos de la tarjeta"
        rows={card.entries}
        rowAttributes={(e) => ({ 'data-test': `entry-${e.kind}` })}
        columns={[
          { label: 'Fecha', cell: (e) => formatDateTimeShort(e.createdAt) },
          { label: 'Movimiento', title: true, cell: (e) => GIFT_CARD_ENTRY_LABELS[e.kind] },
          { label: 'Detalle', cell: entryDetail },
          {
            label: 'Monto',
            numeric: true,
            cell: (e) => (e.amountClp > 0 ? `+${formatClp(e.amountClp)}` : `−${formatClp(-e.amountClp)}`),
          },
        ]}
      />
      {card.state !== 'PENDIENTE' && card.state !== 'ANULADA' && card.state !== 'VENCIDA' && (
        <form
          method="post"
          action={`/gestion/tarjetas-regalo/${card.id}/ajuste/`}
          class="panel form-narrow"
          novalidate
        >
          <h2>Ajustar saldo</h2>
          <CsrfField token={ctx.csrfToken} />
          <Field
            name="monto"
            label="Pesos"
            inputmode="numeric"
            value={values.monto}
            error={errors.monto}
            required
            hint="Un monto para sumar (5.000) o negativo para quitar (-5.000)."
          />
          <TextAreaField name="motivo" label="Motivo" value={values.motivo} error={errors.motivo} />
          <button type="submit" class="button">
            Registrar ajuste
          </button>
        </form>
      )}
    </StaffLayout>
  );
}
