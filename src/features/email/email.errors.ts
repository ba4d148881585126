import { DomainError } from '../../lib/errors';

/** A message uses a placeholder that needs data this send does not have (e.g. [Link de Pago] without an enrollment). */
export class PlaceholderUnavailableError extends DomainError {
  constructor(placeholders: string[]) {
    super(
      'placeholder_unavailable',
      `El mensaje usa ${placeholders.join(', ')}, que solo se puede completar al escribir a personas inscritas en un taller. Quítalo o elige destinatarios desde un taller.`,
    );
  }
}

export class RecipientNotFoundError extends DomainError {
  constructor() {
    super(
      'recipient_not_found',
      'Uno de los destinatarios ya no existe. Recarga la página y vuelve a elegirlos.',
    );
  }
}
