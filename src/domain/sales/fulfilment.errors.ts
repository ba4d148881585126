import { DomainError } from '../../lib/errors';

/** A step that does not follow from where the order is (a hand-made request, a stale page). */
export class FulfilmentStepError extends DomainError {
  constructor(message: string) {
    super('fulfilment_step', message);
  }
}

/** Someone else moved the order first (two staff, or a double click): nothing was changed. */
export class FulfilmentStaleError extends DomainError {
  override readonly flashKind = 'warning';
  constructor(message: string) {
    super('fulfilment_stale', message);
  }
}

/** Only a paid order is prepared and handed over. */
export class OrderNotPaidError extends DomainError {
  constructor() {
    super(
      'order_not_paid',
      'Este pedido no está pagado: solo los pedidos pagados se preparan y se entregan. Registra el pago primero.',
    );
  }
}
