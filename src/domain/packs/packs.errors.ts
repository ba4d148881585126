import { DomainError } from '../../lib/errors';

/** The customer holds no pack with a credit left that covers this workshop. */
export class NoPackCreditError extends DomainError {
  constructor() {
    super(
      'no_pack_credit',
      'No tienes un bono vigente con créditos para este taller. Puedes inscribirte y pagar, o comprar un bono en la tienda.',
    );
  }
}

/** The customer's company has no seat left in a bundle that covers this workshop. */
export class NoCompanySeatError extends DomainError {
  constructor() {
    super(
      'no_company_seat',
      'Tu empresa no tiene cupos disponibles para este taller. Puedes inscribirte y pagar tú, o consultar a tu empresa.',
    );
  }
}

/** A staff adjustment that would leave a pack below zero, or a pack that is no longer active. */
export class PackAdjustmentError extends DomainError {
  constructor(message: string) {
    super('pack_adjustment', message);
  }
}
