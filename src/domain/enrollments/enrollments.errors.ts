import { DomainError } from '../../lib/errors';
import type { WorkshopAvailability } from '../workshops';

/** Every seat is taken (or held for a waitlist offer). */
export class WorkshopFullError extends DomainError {
  constructor() {
    super(
      'workshop_full',
      '¡Lo sentimos! No quedan cupos para este taller. Únete a la lista de espera y te avisaremos si se libera uno.',
    );
  }
}

const CLOSED_MESSAGES: Record<Exclude<WorkshopAvailability, 'open'>, string> = {
  finished: 'Este taller ya se realizó: no admite inscripciones.',
  cancelled: 'Este taller fue cancelado: no admite inscripciones.',
  inactive: 'Este taller no está disponible para inscripciones.',
};

/** The workshop is past, inactive or cancelled. */
export class WorkshopClosedError extends DomainError {
  constructor(readonly reason: Exclude<WorkshopAvailability, 'open'>) {
    super('workshop_closed', CLOSED_MESSAGES[reason]);
  }
}

/** This customer already holds an active enrollment in the workshop. */
export class AlreadyEnrolledError extends DomainError {
  override readonly flashKind = 'warning';
  override readonly link: { href: string; label: string };
  constructor(readonly enrollmentId: number) {
    super('already_enrolled', 'Ya estás inscrito(a) en este taller.');
    this.link = { href: `/pago/${enrollmentId}/`, label: 'Ver mi inscripción' };
  }
}

/** Too close to the start to cancel online (the cut-off is per workshop). */
export class CancellationClosedError extends DomainError {
  constructor(cutoffHours: number) {
    super(
      'cancellation_closed',
      `Ya no es posible anular en línea: el plazo vence ${cutoffHours} horas antes del taller. Escríbenos y lo vemos juntos.`,
    );
  }
}

export class EnrollmentAlreadyCancelledError extends DomainError {
  constructor() {
    super('enrollment_already_cancelled', 'Esta inscripción ya estaba anulada.');
  }
}

/**
 * A payment arrived for an enrollment that can no longer take it: cancelled on purpose, its seat
 * given to someone else meanwhile, or its workshop closed. The money goes back.
 */
export class EnrollmentNotReinstatableError extends DomainError {
  constructor(reason: string) {
    super('enrollment_not_reinstatable', reason);
  }
}

/** A scanned code that is not one of our tickets: forged, cut short, or another QR code. */
export class InvalidTicketError extends DomainError {
  constructor() {
    super('invalid_ticket', 'Este código no es una entrada válida de TMM. Busca a la persona por su nombre.');
  }
}

/** A real ticket, for another workshop or another day. */
export class WrongSessionTicketError extends DomainError {
  constructor(workshopName: string, when: string) {
    super('wrong_session_ticket', `Esta entrada es de «${workshopName}» (${when}), no de esta sesión.`);
  }
}

/** The enrollment behind the ticket was cancelled: it holds no seat. */
export class CancelledTicketError extends DomainError {
  constructor(customerName: string) {
    super(
      'cancelled_ticket',
      `La inscripción de ${customerName} está anulada: no tiene cupo en esta sesión.`,
    );
  }
}

/** An enrollment that a pack credit cannot pay, and why. */
export class CreditPaymentError extends DomainError {
  static notPending = () =>
    new CreditPaymentError(
      'credit_not_pending',
      'Esta inscripción ya no está pendiente de pago: no se puede pagar con un crédito.',
    );
  static partlyPaid = () =>
    new CreditPaymentError(
      'credit_partly_paid',
      'Esta inscripción ya tiene un abono: un crédito paga una inscripción completa, así que paga el saldo con dinero.',
    );
  static withCode = () =>
    new CreditPaymentError(
      'credit_with_code',
      'Esta inscripción tiene un código de descuento aplicado: págala con dinero.',
    );
  static noCredit = () =>
    new CreditPaymentError(
      'no_pack_credit',
      'No tienes un bono vigente con créditos para este taller. Puedes pagar con dinero o comprar un bono en la tienda.',
    );
}

/** A booking asks for fewer than 1 or more than 4 seats. */
export class InvalidSeatsError extends DomainError {
  constructor() {
    super('invalid_seats', 'Puedes reservar de 1 a 4 cupos por inscripción.');
  }
}

/**
 * Some seats are free, but fewer than the booking asks for. `left` is how many were free when we
 * looked (null when another booking took them meanwhile).
 */
export class NotEnoughSeatsError extends DomainError {
  constructor(readonly left: number | null) {
    super(
      'not_enough_seats',
      left === null
        ? 'Ya no quedan cupos suficientes para tu grupo. Prueba con menos cupos.'
        : `${left === 1 ? 'Queda 1 cupo' : `Quedan ${left} cupos`}: elige ${left === 1 ? 'ese cupo' : `hasta ${left}`} o únete a la lista de espera.`,
    );
  }
}

/** The companion is not one of this enrollment's seats still held. */
export class CompanionNotActiveError extends DomainError {
  constructor() {
    super('companion_not_active', 'Ese acompañante ya no tiene cupo en esta inscripción.');
  }
}
