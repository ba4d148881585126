import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from '../../../../db/schema';
import { WEBHOOK_DELIVERY_STATUS_LABELS, WEBHOOK_EVENT_LABELS } from '../../../../domain/vocabulary';
import type { WebhookEndpoint } from '../../../../domain/webhooks';
import type { ListDataOf } from '../../../../http/staff-list';
import { SelectField } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { DataTable } from '../../../../ui/staff/data-table';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { DELIVERY_LIST } from '../deliveries.list';

type Props = ListDataOf<typeof DELIVERY_LIST> & {
  ctx: PageContext;
  endpoints: WebhookEndpoint[];
  logDays: number;
};

export function DeliveriesPage({ ctx, query, page, endpoints, logDays }: Props) {
  return (
    <StaffLayout
      ctx={ctx}
      title="Entregas de webhooks"
      crumbs={[['Gestión', '/gestion/'], ['Webhooks', '/gestion/webhooks/'], ['Entregas']]}
    >
      <h1>Entregas de webhooks</h1>
      <p class="meta">
        Cada evento enviado a un endpoint, el más reciente primero, de los últimos {logDays} días. Los
        fallidos se reintentan solos; «Reenviar» envía otra vez el mismo mensaje (con el mismo id).
      </p>
      <form method="get" action={DELIVERY_LIST.path} class="filters">
        <SelectField
          name="endpoint"
          label="Endpoint"
          options={endpoints.map((e) => ({ value: String(e.id), label: e.url }))}
          value={query.filters.endpoint === null ? '' : String(query.filters.endpoint)}
          emptyLabel="Todos"
        />
        <SelectField
          name="evento"
          label="Evento"
          options={WEBHOOK_EVENT_TYPES.map((t) => ({ value: t, label: WEBHOOK_EVENT_LABELS[t] }))}
          value={query.filters.evento ?? ''}
          emptyLabel="Todos"
        />
        <SelectField
          name="estado"
          label="Estado"
          options={WEBHOOK_DELIVERY_STATUSES.map((s) => ({
            value: s,
            label: WEBHOOK_DELIVERY_STATUS_LABELS[s],
          }))}
          value={query.filters.estado ?? ''}
          emptyLabel="Todos"
        />
        <button type="submit" class="button">
          Filtrar
        </button>
      </form>
      <DataTable
        basePath={DELIVERY_LIST.path}
        query={query}
        page={page}
        caption="Entregas de webhooks"
        empty="No hay entregas que coincidan con el filtro."
        rowId={DELIVERY_LIST.rowId}
        rowTest={() => 'delivery-row'}
        columns={DELIVERY_LIST.columns}
        view={{ ctx }}
      />
    </StaffLayout>
  );
}
