/**
 * CSV for Excel in Chile: Excel opens a double-clicked CSV with the system's list separator, which
 * in es-CL is `;` (the comma is the decimal mark), so a comma-separated file lands in one column.
 * Hence `;` between fields, CRLF line ends and RFC 4180 quoting otherwise: a field is quoted when
 * it holds a `;`, a quote or a line break, with quotes doubled inside. The file starts with a UTF-8
 * byte-order mark: without it Excel reads the bytes as Windows-1252 and "Muñoz" becomes "MuÃ±oz".
 * (A `sep=;` first line was rejected: Excel then ignores the BOM.)
 */
export type CsvCell = string | number | null | undefined;

const SEPARATOR = ';';
const BOM = '\uFEFF';

/**
 * Text that starts with = + - @ (or a tab/CR) is a formula to a spreadsheet: a customer named
 * "=HYPERLINK(…)" would become a live link in the owner's Excel. Such text gets a leading apostrophe,
 * which spreadsheets show as plain text. Numbers are written as they are (refunds stay negative).
 */
function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'number' ? String(cell) : neutralise(cell);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: CsvCell[]): string {
  return `${cells.map(csvField).join(SEPARATOR)}\r\n`;
}

/** The start of a CSV document: the BOM and the header line (for exports written as a stream). */
export function csvHead(header: string[]): string {
  return BOM + csvLine(header);
}

/** A whole CSV document (BOM, header line, rows). */
export function toCsv(header: string[], rows: Iterable<CsvCell[]>): string {
  let out = csvHead(header);
  for (const row of rows) out += csvLine(row);
  return out;
}
