import { DomainError } from '../../lib/errors';
import type { ImportReport } from './imports.report';

/** At least one row is invalid: nothing was imported; the report says which rows and why. */
export class ImportRejectedError extends DomainError {
  readonly report: ImportReport;
  constructor(report: ImportReport) {
    super('import_rejected', 'No se importó nada: corrige las filas marcadas y vuelve a subir el archivo.');
    this.report = report;
  }
}
