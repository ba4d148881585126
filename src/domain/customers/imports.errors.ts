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

export type MalformedCsvReason = 'unclosed_quote' | 'text_after_quote' | 'unreadable';

const MALFORMED_CSV: Record<MalformedCsvReason, (line: number) => string> = {
  unclosed_quote: (line) =>
    `No pudimos leer el archivo: las comillas (") que abren un campo en la fila ${line} nunca se cierran. Revisa esa fila, o vuelve a guardar el archivo desde Excel como CSV.`,
  text_after_quote: (line) =>
    `No pudimos leer el archivo: en la fila ${line} hay texto pegado después de unas comillas de cierre ("). Un campo con comillas va entero entre comillas, con las de adentro duplicadas ("").`,
  unreadable: (line) =>
    `No pudimos leer el archivo como CSV (problema en la fila ${line}). Vuelve a guardarlo desde Excel como «CSV UTF-8» o «CSV (delimitado por punto y coma)».`,
};

/** The file is not CSV we can read; the message names the row where reading stopped. */
export class MalformedCsvError extends DomainError {
  readonly line: number;
  constructor(reason: MalformedCsvReason, line: number) {
    super('malformed_csv', MALFORMED_CSV[reason](line));
    this.line = line;
  }
}
