import { ValidationError } from '../../lib/errors';

export const duplicateLegalName = () =>
  new ValidationError({ razon_social: 'Ya existe una empresa con esa razón social.' });

export const duplicateCompanyRut = () => new ValidationError({ rut: 'Ya existe una empresa con ese RUT.' });
