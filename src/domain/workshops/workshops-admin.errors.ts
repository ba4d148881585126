import { DomainError } from '../../lib/errors';

export class WorkshopAlreadyCancelledError extends DomainError {
  constructor() {
    super('workshop_already_cancelled', 'Este taller ya estaba cancelado.');
  }
}

/** Seats can only shrink down to the seats already taken or held for a waitlist offer. */
export const seatsBelowTakenMessage = (taken: number, held: number) =>
  held > 0
    ? `No puedes dejar menos de ${taken + held} cupos: hay ${taken} ocupados y ${held} guardados para la lista de espera.`
    : `No puedes dejar menos de ${taken} cupos: ya hay ${taken} ocupados.`;

export const NAME_TAKEN_MESSAGE = 'Ya existe un taller con ese nombre: elige otro.';
export const PAST_DATE_MESSAGE = 'La fecha y hora ya pasaron: elige una fecha futura.';
