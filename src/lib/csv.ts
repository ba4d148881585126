/**
 * CSV as RFC 4180 writes it: comma-separated, CRLF line ends, a field quoted when it holds a comma,
 * a quote or a line break (quotes doubled inside). The file starts with a UTF-8 byte-order mark:
 * without it Excel reads the bytes as Windows-1252 and "Muñoz" becomes "MuÃ±oz".
 */
export type CsvCell = string | number | null | undefined;

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
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: CsvCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** A whole CSV document (BOM, header line, rows). */
export function toCsv(header: string[], rows: Iterable<CsvCell[]>): string {
  let out = BOM + csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}
