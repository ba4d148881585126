import { searchable } from '../../lib/text';

/**
 * Reads the CSV files people export from Excel or Google Sheets: `;` (Excel in Spanish) or `,`
 * separators (whichever the header line uses), quoted fields with doubled quotes, CRLF or LF, a
 * UTF-8 byte-order mark. Files Excel saved as Windows-1252 are decoded as Latin-1 when they are not
 * valid UTF-8, so "Peñalolén" survives either way.
 */

export type ParsedCsv = { delimiter: ',' | ';'; header: string[]; rows: { line: number; cells: string[] }[] };

export function decodeCsvBytes(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsv(input: string): ParsedCsv {
  const text = input.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(field);
      records.push({ line: recordLine, cells });
      cells = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    records.push({ line: recordLine, cells });
  }
  const nonEmpty = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...rows] = nonEmpty;
  return {
    delimiter,
    header: (head?.cells ?? []).map((c) => c.trim()),
    rows: rows.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) })),
  };
}

/** "Razón Social" → "razon_social", "E-mail" → "e_mail": how column names are compared. */
export const columnKey = (name: string) =>
  searchable(name)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
