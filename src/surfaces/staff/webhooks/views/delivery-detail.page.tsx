import { WEBHOOK_EVENT_LABELS } from '../../../../domain/vocabulary';
import type { DeliveryAttempt, DeliveryDetail } from '../../../../domain/webhooks';
import { formatDateTimeShort } from '../../../../lib/dates';
import { CsrfField, DataList, ResponsiveTable } from '../../../../ui/components';
import type { PageContext } from '../../../../ui/context';
import { StaffLayout } from '../../../../ui/staff/staff-layout';
import { DeliveryStatus } from './delivery-status';

type Props = { ctx: PageContext; delivery: DeliveryDetail; attempts: DeliveryAttempt[] };

/** One delivery: what was sent (its body, exactly) and every attempt with the receiver's answer. */
export function DeliveryDetailPage({ ctx, delivery, attempts }: Props) {
  const title = `Entrega N° ${delivery.id}`;
  return (
    <StaffLayout
      ctx={ctx}
      title={title}
      crumbs={[
        ['Gestión', '/gestion/'],
        ['Webhooks', '/gestion/webhooks/'],
        ['Entregas', '/gestion/webhooks/entregas/'],
        [title],
      ]}
    >
      <div class="section-head">
        <h1>{title}</h1>
        {delivery.status !== 'SENDING' && (
          <form method="post" action={`/gestion/webhooks/entregas/${delivery.id}/reenviar/`}>
            <CsrfField token={ctx.csrfToken} />
            <button type="submit" class="button" data-test="resend-delivery">
              Reenviar
            </button>
          </form>
        )}
      </div>
      <div class="panel">
        <DataList
          items={[
            { label: 'Estado', value: <DeliveryStatus status={delivery.status} /> },
            { label: 'Evento', value: `${WEBHOOK_EVENT_LABELS[delivery.eventType]} (${delivery.eventType})` },
            { label: 'Endpoint', value: <span class="break">{delivery.endpointUrl}</span> },
            { label: 'webhook-id', value: <code>{delivery.messageId}</code> },
            { label: 'Creada', value: formatDateTimeShort(delivery.createdAt) },
            {
              label: 'Próximo intento',
              value: delivery.status === 'PENDING' ? formatDateTimeShort(delivery.nextAttemptAt) : null,
            },
            {
              label: 'Entregada',
              value: delivery.deliveredAt ? formatDateTimeShort(delivery.deliveredAt) : null,
            },
          ]}
          omitEmpty
        />
        {!delivery.isEndpointEnabled && (
          <p class="flash flash-warning">
            El endpoint está desactivado: no se enviará nada hasta que lo actives.
          </p>
        )}
      </div>
      <h2>Contenido</h2>
      <pre class="webhook-body" data-test="delivery-body">
        {delivery.body}
      </pre>
      <h2>Intentos</h2>
      {attempts.length === 0 && <p class="meta">Todavía no hay intentos.</p>}
      <ResponsiveTable
        caption="Intentos de entrega"
        rows={attempts}
        rowAttributes={() => ({ 'data-test': 'attempt-row' })}
        columns={[
          { label: 'Fecha', title: true, cell: (a) => formatDateTimeShort(a.attemptedAt) },
          {
            label: 'Respuesta',
            cell: (a) => (a.statusCode === null ? (a.error ?? 'Sin respuesta') : `HTTP ${a.statusCode}`),
          },
          { label: 'Duración', numeric: true, cell: (a) => `${a.durationMs.toLocaleString('es-CL')} ms` },
          {
            label: 'Extracto de la respuesta',
            cell: (a) => (a.responseExcerpt ? <code class="break">{a.responseExcerpt}</code> : '—'),
          },
        ]}
      />
    </StaffLayout>
  );
}
