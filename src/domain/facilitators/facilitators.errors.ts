import { ValidationError } from '../../lib/errors';
import { formatRut } from '../../lib/rut';

/** Two facilitators with one RUT would get one boleta de honorarios each for the same person. */
export class FacilitatorRutTakenError extends ValidationError {
  constructor(rut: string) {
    super({ rut: `Ya hay un facilitador con el RUT ${formatRut(rut)}.` });
  }
}
