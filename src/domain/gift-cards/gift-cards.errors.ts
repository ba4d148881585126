import { DomainError } from '../../lib/errors';

/** No issued card has that code (mistyped, or a card not paid yet). */
export class GiftCardNotFoundError extends DomainError {
  constructor() {
    super(
      'gift_card_not_found',
      'No encontramos una tarjeta de regalo con ese código. Revísalo: son 12 letras y números, como XXXX-XXXX-XXXX.',
    );
  }
}

/** The card's validity ended (or it was cancelled). */
export class GiftCardExpiredError extends DomainError {
  constructor() {
    super('gift_card_expired', 'Esta tarjeta de regalo ya no está vigente: venció o fue anulada.');
  }
}

/** The card has nothing left, or not enough for what must be paid with it whole. */
export class GiftCardBalanceError extends DomainError {
  constructor(message: string) {
    super('gift_card_balance', message);
  }
}

/** A gift card cannot pay for another gift card. */
export class GiftCardForGiftCardError extends DomainError {
  constructor() {
    super(
      'gift_card_for_gift_card',
      'Una tarjeta de regalo no se puede pagar con otra tarjeta de regalo. Paga este pedido con otro medio de pago.',
    );
  }
}

/** The amount chosen for a new card is outside what the shop sells. */
export class GiftCardAmountError extends DomainError {
  constructor(message: string) {
    super('gift_card_amount', message);
  }
}

/** A staff adjustment that would leave a card below zero, or a card that is not issued. */
export class GiftCardAdjustmentError extends DomainError {
  constructor(message: string) {
    super('gift_card_adjustment', message);
  }
}

/** A discount code on an order that sells a gift card. */
export class GiftCardDiscountError extends DomainError {
  constructor() {
    super('gift_card_discount', 'Los códigos de descuento no se aplican a las tarjetas de regalo.');
  }
}
