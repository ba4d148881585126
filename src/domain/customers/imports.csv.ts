import { CsvError, type Options, parse } from 'csv-parse/sync';
import { searchable } from '../../lib/text';
import { MalformedCsvError, type MalformedCsvReason } from './imports.errors';

/**
 * Reads the CSV files people export from Excel or Google Sheets, with csv-parse: `;` (Excel in
 * Chile) or `,` separators (whichever splits the header into more columns), quoted fields with
 * doubled quotes and line breaks, CRLF or LF, a UTF-8 byte-order mark. A stray quote inside an
 * unquoted field is kept as text (`Kit 5" pulgadas`), as the old hand-written reader did; a file
 * csv-parse cannot read (a quote never closed) is a MalformedCsvError with a Spanish message.
 * Files Excel saved as Windows-1252 are decoded as Latin-1 when they are not valid UTF-8, so
 * "Peñalolén" survives either way.
 */

export type CsvRecord = { line: number; cells: string[] };
export type ParsedCsv = { delimiter: ',' | ';'; header: string[]; rows: CsvRecord[] };

export function decodeCsvBytes(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

const READ: Options = { bom: true, relax_quotes: true, relax_column_count: true, trim: true };

/** How many columns the first record has when read with this separator (0 if it cannot be read). */
function headerWidth(text: string, delimiter: string): number {
  try {
    return parse(text, { ...READ, delimiter, to: 1 })[0]?.length ?? 0;
  } catch {
    return 0;
  }
}

function reasonOf(error: CsvError): MalformedCsvReason {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'unclosed_quote';
  if (
    error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE' ||
    error.code === 'CSV_INVALID_CLOSING_QUOTE'
  )
    return 'text_after_quote';
  return 'unreadable';
}

/** Header and rows of a CSV text, each row with the file line it starts on; blank rows dropped. */
export function parseCsv(text: string): ParsedCsv {
  const delimiter = headerWidth(text, ';') > headerWidth(text, ',') ? ';' : ',';
  // The line each record starts on, for the report: the previous record's line plus the line breaks
  // inside its quoted fields. (csv-parse's own `lines` counts a CRLF inside quotes as two lines.)
  const starts: number[] = [];
  let next = 1;
  let records: string[][];
  try {
    records = parse(text, {
      ...READ,
      delimiter,
      on_record: (record: string[]) => {
        starts.push(next);
        next += 1 + record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new MalformedCsvError(reasonOf(error), next);
    throw error;
  }
  const [head, ...rows] = records
    .map((cells, i) => ({ line: starts[i]!, cells: cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { delimiter, header: head?.cells ?? [], rows };
}

/** "Razón Social" → "razon_social", "E-mail" → "e_mail": how column names are compared. */
export const columnKey = (name: string) =>
  searchable(name)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
