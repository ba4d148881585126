import { DomainError } from '../../lib/errors';

export class ProductUnavailableError extends DomainError {
  constructor(name: string) {
    super('product_unavailable', `"${name}" ya no está disponible.`);
  }
}

export class OutOfStockError extends DomainError {
  constructor(name: string) {
    super('out_of_stock', `"${name}" no tiene stock por ahora.`);
  }
}

export class InvalidQuantityError extends DomainError {
  constructor() {
    super('invalid_quantity', 'Cantidad inválida.');
  }
}
