import { DomainError } from '../../lib/errors';

/** A session of the series has no seat left: nothing of the series is booked. */
export class SeriesFullError extends DomainError {
  constructor(sessionName: string) {
    super(
      'series_full',
      `No quedan cupos en ${sessionName}: no reservamos ninguna sesión de la serie. Puedes inscribirte en las sesiones con cupo una por una.`,
    );
  }
}

/** The customer already holds an enrollment in one of the sessions. */
export class SeriesAlreadyBookedError extends DomainError {
  override readonly flashKind = 'warning';
  constructor(sessionName: string) {
    super(
      'series_already_booked',
      `Ya tienes una inscripción en ${sessionName}: no reservamos la serie completa. Inscríbete en las demás sesiones una por una.`,
    );
  }
}

/** No session of the series is still to come and open. */
export class SeriesNothingToBookError extends DomainError {
  constructor() {
    super('series_nothing_to_book', 'Esta serie no tiene sesiones por venir que se puedan reservar.');
  }
}
