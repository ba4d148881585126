import type { OnlineProvider } from '../../db/schema';
import { DomainError, NotFoundError } from '../../lib/errors';
import { PAYMENT_PROVIDER_LABELS } from '../vocabulary';

/**
 * A return or a webhook that names no attempt of ours (a forged or foreign token_ws, an unknown
 * buy order or payment): nothing is asked of the provider and nothing changes.
 */
export class UnknownOnlinePaymentError extends NotFoundError {
  constructor() {
    super('No reconocemos este pago. Si te cobraron, escríbenos con el comprobante y lo revisamos.');
  }
}

/** The customer chose a provider staff turned off, or one this installation has no credentials for. */
export class ProviderNotOfferedError extends DomainError {
  constructor() {
    super('provider_not_offered', 'Ese medio de pago no está disponible en este momento. Elige otro.');
  }
}

/** The provider could not open the payment: nothing was charged. */
export class PaymentStartFailedError extends DomainError {
  constructor(provider: OnlineProvider) {
    super(
      'payment_start_failed',
      `No pudimos conectarnos con ${PAYMENT_PROVIDER_LABELS[provider]}. No se hizo ningún cargo: inténtalo de nuevo en unos minutos.`,
    );
  }
}

export class NothingToPayError extends DomainError {
  override readonly flashKind = 'info';
  constructor(message: string) {
    super('nothing_to_pay', message);
  }
}

/** A refund staff asked for that the attempt or its order cannot take (the message says why). */
export class RefundNotAllowedError extends DomainError {
  constructor(message: string) {
    super('refund_not_allowed', message);
  }
}

/** The same refund form sent twice, or another refund of this payment won the race. */
export class RefundConflictError extends DomainError {
  constructor() {
    super(
      'refund_conflict',
      'Esta devolución ya se registró, o el pago cambió mientras la enviabas. Revisa el pago antes de intentarlo otra vez.',
    );
  }
}

/** The provider refused the refund or did not answer: nothing was given back. */
export class RefundFailedError extends DomainError {
  constructor(provider: OnlineProvider, reason: string) {
    super('refund_failed', `${PAYMENT_PROVIDER_LABELS[provider]} no hizo la devolución: ${reason}`);
  }
}

/** At least one provider must stay on, or no customer could pay. */
export class LastProviderError extends DomainError {
  constructor() {
    super(
      'last_provider',
      'Deja al menos un medio de pago activo: sin ninguno, nadie podría pagar en línea.',
    );
  }
}

export class ProviderNotConfiguredError extends DomainError {
  constructor(provider: OnlineProvider) {
    super(
      'provider_not_configured',
      `${PAYMENT_PROVIDER_LABELS[provider]} no tiene credenciales en esta instalación: configúralas primero (ver README).`,
    );
  }
}

/**
 * An approved payment of several enrollments that one of them can no longer take as it was when the
 * payment started: the whole payment goes back, so nothing is half paid.
 */
export class PaymentNotApplicableError extends DomainError {
  constructor(reason: string) {
    super('payment_not_applicable', reason);
  }
}
