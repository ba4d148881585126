import type { WebhookDeliveryStatus } from '../../../../db/schema';
import { WEBHOOK_DELIVERY_STATUS_LABELS } from '../../../../domain/vocabulary';
import { Badge, type BadgeTone } from '../../../../ui/components';

const TONES: Record<WebhookDeliveryStatus, BadgeTone> = {
  PENDING: 'warn',
  SENDING: 'info',
  DELIVERED: 'ok',
  FAILED: 'err',
};

export function DeliveryStatus({ status }: { status: WebhookDeliveryStatus }) {
  return (
    <Badge tone={TONES[status]} data-test="delivery-status">
      {WEBHOOK_DELIVERY_STATUS_LABELS[status]}
    </Badge>
  );
}
