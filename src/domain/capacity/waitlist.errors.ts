import { DomainError } from '../../lib/errors';

export class SeatsStillAvailableError extends DomainError {
  constructor() {
    super('seats_available', 'Todavía quedan cupos: puedes inscribirte directamente.');
  }
}

export class AlreadyOnWaitlistError extends DomainError {
  constructor() {
    super('already_on_waitlist', 'Ya estás en la lista de espera de este taller.');
  }
}

export class NotOnWaitlistError extends DomainError {
  constructor() {
    super('not_on_waitlist', 'No estás en la lista de espera de este taller.');
  }
}

export class NoLiveOfferError extends DomainError {
  constructor() {
    super(
      'no_live_offer',
      'No tienes una oferta de cupo vigente para este taller. Si el plazo venció, el cupo pasó a la siguiente persona.',
    );
  }
}
