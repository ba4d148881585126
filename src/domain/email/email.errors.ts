import { DomainError, ValidationError } from '../../lib/errors';

/**
 * The two ways a staff message is refused are field errors of the message (`mensaje`), so the
 * compose form is shown again with the text kept and the reason beside it.
 */

/** A message uses a placeholder that needs data this send does not have (e.g. [Link de Pago] without an enrollment). */
export class PlaceholderUnavailableError extends ValidationError {
  constructor(placeholders: string[]) {
    const message = `El mensaje usa ${placeholders.join(', ')}, que solo se puede completar al escribir a personas inscritas en un taller. Quítalo o elige destinatarios desde un taller.`;
    super({ mensaje: message }, message);
  }
}

export class RecipientNotFoundError extends ValidationError {
  constructor() {
    const message = 'Uno de los destinatarios ya no existe. Recarga la página y vuelve a elegirlos.';
    super({ mensaje: message }, message);
  }
}

/** "Reenviar" on a reset or confirmation e-mail: its link was single-use; a new one must be issued. */
export class AccessLinkResendError extends DomainError {
  constructor() {
    super(
      'access_link_resend',
      'Ese correo tenía un enlace de un solo uso: no se puede reenviar una copia. Enviamos uno nuevo desde la cuenta de la persona.',
    );
  }
}

/** Logged for a marketing e-mail not sent because the customer opted out. */
export const OPTED_OUT_MESSAGE =
  'No enviado: el cliente se dio de baja de los correos de novedades (los correos de sus compras e inscripciones sí se envían).';
