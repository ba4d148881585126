import { DomainError } from '../../lib/errors';

export class EnrollmentCancelledError extends DomainError {
  constructor() {
    super('enrollment_cancelled', 'Esta inscripción fue anulada: no se puede pagar.');
  }
}

export class AlreadyPaidError extends DomainError {
  override readonly flashKind = 'info';
  constructor() {
    super('already_paid', 'Esta inscripción ya fue pagada.');
  }
}

export class InvalidPaymentAmountError extends DomainError {
  constructor(balanceClp: number) {
    super(
      'invalid_payment_amount',
      `El monto debe ser mayor que cero y no puede superar el saldo pendiente (${balanceClp.toLocaleString('es-CL')} CLP).`,
    );
  }
}

/** The enrollment changed between reading it and recording the payment (another payment won). */
export class PaymentConflictError extends DomainError {
  constructor() {
    super(
      'payment_conflict',
      'El estado de esta inscripción cambió mientras registrábamos el pago. Revisa el estado antes de intentarlo otra vez.',
    );
  }
}

export class SimulatedPaymentDeclinedError extends DomainError {
  constructor() {
    super('payment_declined', 'El pago falló. Por favor, intenta nuevamente. No se realizó ningún cargo.');
  }
}

export class NoRefundDueError extends DomainError {
  constructor() {
    super('no_refund_due', 'Esta inscripción no tiene montos por devolver.');
  }
}
