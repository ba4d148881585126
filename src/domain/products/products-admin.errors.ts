import { ValidationError } from '../../lib/errors';

export class DuplicateProductNameError extends ValidationError {
  constructor() {
    super({ nombre: 'Ya existe un producto con ese nombre (sin contar mayúsculas ni tildes).' });
  }
}

export class UnknownCategoryError extends ValidationError {
  constructor() {
    super({ categoria: 'Esa categoría ya no existe: elige otra.' });
  }
}
