import { DomainError } from '../../lib/errors';

export class CartEmptyError extends DomainError {
  constructor() {
    super('cart_empty', 'El carrito está vacío.');
  }
}

/** One line cannot be bought as it is (unavailable product): the whole order is refused. */
export class CartBlockedError extends DomainError {
  constructor(message: string) {
    super('cart_blocked', message);
  }
}

/** Stock ran out between the cart and the checkout: the whole order is refused, nothing sold. */
export class InsufficientStockError extends DomainError {
  constructor(
    readonly productName: string,
    readonly unitsLeft: number,
    message: string,
  ) {
    super('insufficient_stock', message);
  }
}

export class SaleNotPayableError extends DomainError {
  constructor(message: string) {
    super('sale_not_payable', message);
  }
}

export class SimulatedPaymentDeclinedError extends DomainError {
  constructor() {
    super(
      'payment_declined',
      'El pago fue rechazado (simulado). No se cobró nada; puedes intentarlo de nuevo.',
    );
  }
}
