import { DomainError } from '../../lib/errors';

/** The customer holds no pack with a credit left that covers this workshop. */
export class NoPackCreditError extends DomainError {
  /** `needed`: the credits a booking for companions asks for (one per seat, from one bono). */
  constructor(needed = 1) {
    super(
      'no_pack_credit',
      needed > 1
        ? `Ninguno de tus bonos vigentes tiene los ${needed} créditos que necesitas (1 por cupo, de un mismo bono). Puedes inscribirte con menos cupos o pagar.`
        : 'No tienes un bono vigente con créditos para este taller. Puedes inscribirte y pagar, o comprar un bono en la tienda.',
    );
  }
}

/** The customer's company has no seat left in a bundle that covers this workshop. */
export class NoCompanySeatError extends DomainError {
  constructor(needed = 1) {
    super(
      'no_company_seat',
      needed > 1
        ? `Tu empresa no tiene ${needed} cupos disponibles para este taller. Puedes inscribirte con menos cupos o pagar tú.`
        : 'Tu empresa no tiene cupos disponibles para este taller. Puedes inscribirte y pagar tú, o consultar a tu empresa.',
    );
  }
}

/** A staff adjustment that would leave a pack below zero, or a pack that is no longer active. */
export class PackAdjustmentError extends DomainError {
  constructor(message: string) {
    super('pack_adjustment', message);
  }
}
