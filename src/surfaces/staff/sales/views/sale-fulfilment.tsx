import type { FulfilmentStatus } from '../../../../db/schema';
import type { SaleFulfilment } from '../../../../domain/sales';
import { FULFILMENT_METHOD_LABELS, FULFILMENT_STATUS_LABELS } from '../../../../domain/vocabulary';
import { formatDateTimeShort } from '../../../../lib/dates';
import { formatClp } from '../../../../lib/money';
import { CsrfField, DataList } from '../../../../ui/components';
import { deliveryAddressLine, FulfilmentBadge } from '../../../../ui/fulfilment';

/** What the button that takes an order to each step says. */
const STEP_ACTIONS: Record<Exclude<FulfilmentStatus, 'POR_PREPARAR'>, string> = {
  PREPARADO: 'Marcar como preparado',
  LISTO_PARA_RETIRO: 'Marcar listo para retiro',
  DESPACHADO: 'Marcar como despachado',
  ENTREGADO: 'Marcar como entregado',
};

type Props = {
  csrfToken: string;
  saleId: number;
  f: SaleFulfilment;
  /** The step the button takes the order to; null when there is none (unpaid, cancelled or delivered). */
  next: Exclude<FulfilmentStatus, 'POR_PREPARAR'> | null;
  steps: readonly FulfilmentStatus[];
  pickup: { address: string; hours: string };
};

/**
 * The order's way to its customer on its staff page: how and where it goes, each step with its
 * time, and the one button that takes it to the next step. The form carries the step the page
 * showed ("desde"), so a stale page or a second click is told instead of moving the order twice.
 */
export function SaleFulfilmentSection({ csrfToken, saleId, f, next, steps, pickup }: Props) {
  const a = f.address;
  const reachedAt: Record<FulfilmentStatus, string | null> = {
    POR_PREPARAR: null,
    PREPARADO: f.preparedAt,
    LISTO_PARA_RETIRO: f.readyAt,
    DESPACHADO: f.shippedAt,
    ENTREGADO: f.deliveredAt,
  };
  const at = steps.indexOf(f.status);
  return (
    <section class="panel" aria-labelledby="entrega" data-test="sale-fulfilment">
      <div class="section-head">
        <h2 id="entrega">Entrega</h2>
        <FulfilmentBadge f={f} data-test="fulfilment-status" />
      </div>
      <div class="two-col two-col-even">
        <DataList
          omitEmpty
          items={[
            { label: 'Forma', value: FULFILMENT_METHOD_LABELS[f.method], 'data-test': 'fulfilment-method' },
            ...(a
              ? [
                  { label: 'Recibe', value: a.recipient },
                  { label: 'Teléfono', value: <a href={`tel:${a.phone}`}>{a.phone}</a> },
                  { label: 'Dirección', value: deliveryAddressLine(a), 'data-test': 'delivery-address' },
                  { label: 'Indicaciones', value: a.notes },
                  { label: 'Costo de despacho', value: formatClp(f.shippingClp) },
                ]
              : [{ label: 'Retira en', value: `${pickup.address} (${pickup.hours})` }]),
            { label: 'Empresa de despacho', value: f.courier },
            { label: 'N° de seguimiento', value: f.trackingCode },
          ]}
        />
        <div>
          <ol class="steps" aria-label="Pasos del pedido">
            {steps.map((step, i) => (
              <li class={i <= at && f.saleStatus === 'PAGADO' ? 'step step-done' : 'step'}>
                <span>{FULFILMENT_STATUS_LABELS[step]}</span>
                {reachedAt[step] && <span class="meta"> · {formatDateTimeShort(reachedAt[step])}</span>}
              </li>
            ))}
          </ol>
          {f.saleStatus === 'PENDIENTE' && <p class="meta">Se prepara cuando el pedido esté pagado.</p>}
          {next && (
            <form method="post" action={`/gestion/ventas/${saleId}/entrega/`} class="step-form">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="desde" value={f.status} />
              <input type="hidden" name="hacia" value={next} />
              {next === 'DESPACHADO' && (
                <div class="field-row">
                  <div class="field">
                    <label for="f-empresa">Empresa de despacho (opcional)</label>
                    <input
                      id="f-empresa"
                      name="empresa"
                      maxLength={100}
                      placeholder="Starken, Chilexpress…"
                    />
                  </div>
                  <div class="field">
                    <label for="f-seguimiento">N° de seguimiento (opcional)</label>
                    <input id="f-seguimiento" name="seguimiento" maxLength={100} />
                  </div>
                </div>
              )}
              <button type="submit" class="button" data-test="fulfilment-next">
                {STEP_ACTIONS[next]}
              </button>
              <p class="meta">Le enviamos un correo al cliente con este paso.</p>
            </form>
          )}
        </div>
      </div>
    </section>
  );
}
