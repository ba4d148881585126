import type { DiscountScope } from '../../db/schema';
import { formatCalendarDate } from '../../lib/dates';
import { DomainError } from '../../lib/errors';
import { formatClp } from '../../lib/money';

/** A code that cannot be used here and now; the message tells the customer why. */
export class DiscountCodeRejectedError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/**
 * What a code limited to one kind of product is for, said when it is typed elsewhere: a code for
 * packs on a kit order otherwise reads like a broken code.
 */
const ONLY_FOR: Partial<Record<DiscountScope, string>> = {
  kits: 'Es solo para kits.',
  packs: 'Es solo para bonos.',
};

export const codeRejections = {
  blank: () => new DiscountCodeRejectedError('discount_blank', 'Escribe el código de descuento.'),
  unknown: () =>
    new DiscountCodeRejectedError(
      'discount_unknown',
      'No encontramos ese código de descuento. Revisa que esté bien escrito.',
    ),
  inactive: () =>
    new DiscountCodeRejectedError('discount_inactive', 'Este código de descuento ya no está disponible.'),
  notYet: (from: string) =>
    new DiscountCodeRejectedError(
      'discount_not_yet_valid',
      `Este código de descuento se puede usar desde el ${formatCalendarDate(from)}.`,
    ),
  expired: (until: string) =>
    new DiscountCodeRejectedError(
      'discount_expired',
      `Este código de descuento venció el ${formatCalendarDate(until)}.`,
    ),
  exhausted: () =>
    new DiscountCodeRejectedError(
      'discount_exhausted',
      'Este código de descuento ya se usó todas las veces permitidas.',
    ),
  customerLimit: () =>
    new DiscountCodeRejectedError(
      'discount_customer_limit',
      'Ya usaste este código de descuento todas las veces que permite por persona.',
    ),
  notApplicable: (what: string, scope: DiscountScope) =>
    new DiscountCodeRejectedError(
      'discount_not_applicable',
      `Este código de descuento no aplica a ${what}.${ONLY_FOR[scope] ? ` ${ONLY_FOR[scope]}` : ''}`,
    ),
  belowMinimum: (minimumClp: number) =>
    new DiscountCodeRejectedError(
      'discount_below_minimum',
      `Este código de descuento es para compras desde ${formatClp(minimumClp)}.`,
    ),
  alreadyApplied: (what: string) =>
    new DiscountCodeRejectedError('discount_already_applied', `${what} ya tiene un código de descuento.`),
  notPending: (what: string) =>
    new DiscountCodeRejectedError(
      'discount_not_pending',
      `Los códigos de descuento se aplican antes de pagar: ${what} ya no está pendiente de pago.`,
    ),
  partlyPaid: (what: string) =>
    new DiscountCodeRejectedError(
      'discount_partly_paid',
      `Los códigos de descuento se aplican antes de pagar: una tarjeta de regalo ya pagó parte de ${what}.`,
    ),
};

/** Staff tried to save a code that another code already uses. */
export class DuplicateDiscountCodeError extends DomainError {
  constructor() {
    super('discount_duplicate', 'Ya existe un código de descuento con ese texto.');
  }
}
