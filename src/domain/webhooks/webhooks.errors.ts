import { DomainError, ValidationError } from '../../lib/errors';

export class WebhookUrlError extends ValidationError {
  constructor(message: string) {
    super({ url: message });
  }
}

export class WebhookEventsError extends ValidationError {
  constructor() {
    super({ eventos: 'Elige al menos un evento.' });
  }
}

export class EndpointDisabledError extends DomainError {
  constructor() {
    super('webhook_endpoint_disabled', 'Ese endpoint está desactivado: actívalo antes de reenviar.');
  }
}

export class DeliveryInProgressError extends DomainError {
  override readonly flashKind = 'info' as const;
  constructor() {
    super(
      'webhook_delivery_in_progress',
      'Esa entrega se está enviando en este momento; revisa en unos segundos.',
    );
  }
}
