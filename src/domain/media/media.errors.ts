import { DomainError } from '../../lib/errors';

export class InvalidImageError extends DomainError {
  constructor(message: string) {
    super('invalid_image', message);
  }
}

export const IMAGE_MESSAGES = {
  missing: 'Elige una imagen para subir.',
  tooLarge: 'La imagen pesa más de 5 MB. Reduce su tamaño e inténtalo otra vez.',
  wrongType: 'El archivo no es una imagen JPEG, PNG o WebP válida.',
} as const;
