import type { FulfilmentMethod, FulfilmentStatus, SaleStatus } from '../db/schema';
import { FULFILMENT_METHOD_LABELS, FULFILMENT_STATUS_LABELS } from '../domain/vocabulary';
import { formatClp } from '../lib/money';
import { Badge, type BadgeTone, DataList } from './components';

/** How an order is handed over, as pages receive it (sales' SaleFulfilment has this shape). */
export type FulfilmentView = {
  saleStatus: SaleStatus;
  method: FulfilmentMethod;
  status: FulfilmentStatus;
  shippingClp: number;
  address: {
    recipient: string;
    phone: string;
    street: string;
    comuna: string;
    region: string;
    notes: string | null;
  } | null;
  courier: string | null;
  trackingCode: string | null;
};

const TONES: Record<FulfilmentStatus, BadgeTone> = {
  POR_PREPARAR: 'warn',
  PREPARADO: 'info',
  LISTO_PARA_RETIRO: 'info',
  DESPACHADO: 'info',
  ENTREGADO: 'ok',
};

/** Where a paid order is ("Listo para retiro"); an unpaid one is not prepared yet, a cancelled one never. */
export function FulfilmentBadge({
  f,
  'data-test': dataTest,
}: {
  f: Pick<FulfilmentView, 'saleStatus' | 'status'>;
  'data-test'?: string;
}) {
  if (f.saleStatus === 'ANULADO') return null;
  if (f.saleStatus === 'PENDIENTE')
    return (
      <Badge tone="neutral" data-test={dataTest}>
        Esperando pago
      </Badge>
    );
  return (
    <Badge tone={TONES[f.status]} data-test={dataTest}>
      {FULFILMENT_STATUS_LABELS[f.status]}
    </Badge>
  );
}

export const deliveryAddressLine = (a: NonNullable<FulfilmentView['address']>) =>
  `${a.street}, ${a.comuna}, ${a.region}`;

/** One line for a list of orders: "Despacho a Av. Alemania 1234, Valparaíso, Valparaíso · Despachado". */
export function FulfilmentLine({ f, pickupAddress }: { f: FulfilmentView; pickupAddress: string }) {
  return (
    <p class="meta fulfilment-line">
      {f.address ? `Despacho a ${deliveryAddressLine(f.address)}` : `Retiro en el taller (${pickupAddress})`}{' '}
      <FulfilmentBadge f={f} />
      {f.status === 'DESPACHADO' && (f.courier || f.trackingCode) && (
        <>
          {' '}
          · {[f.courier, f.trackingCode && `N° de seguimiento ${f.trackingCode}`].filter(Boolean).join(', ')}
        </>
      )}
    </p>
  );
}

/** The order's delivery as label–value pairs: how, where, what it cost and where it is now. */
export function FulfilmentDetails({
  f,
  pickup,
}: {
  f: FulfilmentView;
  pickup: { address: string; hours: string };
}) {
  const a = f.address;
  return (
    <DataList
      omitEmpty
      items={[
        {
          label: 'Forma de entrega',
          value: FULFILMENT_METHOD_LABELS[f.method],
          'data-test': 'fulfilment-method',
        },
        ...(a
          ? [
              { label: 'Recibe', value: a.recipient },
              { label: 'Dirección', value: deliveryAddressLine(a), 'data-test': 'delivery-address' },
              { label: 'Teléfono', value: a.phone },
              { label: 'Indicaciones', value: a.notes },
              {
                label: 'Costo de despacho',
                value: f.shippingClp > 0 ? formatClp(f.shippingClp) : 'Sin costo',
                'data-test': 'shipping-cost',
              },
            ]
          : [
              { label: 'Dónde retirar', value: pickup.address, 'data-test': 'pickup-address' },
              { label: 'Horario de retiro', value: pickup.hours },
            ]),
        {
          label: 'Estado del pedido',
          value: f.saleStatus === 'ANULADO' ? null : <FulfilmentBadge f={f} data-test="fulfilment-status" />,
        },
        { label: 'Empresa de despacho', value: f.courier },
        { label: 'N° de seguimiento', value: f.trackingCode },
      ]}
    />
  );
}
