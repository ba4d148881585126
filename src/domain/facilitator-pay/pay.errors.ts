import { DomainError, ValidationError } from '../../lib/errors';

/** Two periods over the same days would pay their sessions twice (or leave one period short). */
export class PayPeriodOverlapError extends ValidationError {
  constructor(existing: string) {
    const message = `Ese período se cruza con uno ya cerrado (${existing}): elige fechas que no se superpongan.`;
    super({ desde: message }, message);
  }
}

/** Closing a period whose last day has not ended would pay sessions whose attendance is not marked yet. */
export class PayPeriodNotOverError extends ValidationError {
  constructor() {
    const message = 'Solo puedes cerrar un período que ya terminó: la fecha final debe ser anterior a hoy.';
    super({ hasta: message }, message);
  }
}

/** A rule for a workshop the facilitator does not lead, or a rule that is not this facilitator's. */
export class PayRuleNotFoundError extends DomainError {
  constructor() {
    super('pay_rule_not_found', 'No encontramos esa regla de pago entre las de este facilitador.');
  }
}
