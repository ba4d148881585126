import { parse } from 'csv-parse/sync';

/**
 * Reads a downloaded CSV the way Excel in Chile does: it must start with the UTF-8 BOM and use `;`
 * between fields. Parsed by csv-parse, strictly (every record as wide as the header), so tests
 * compare cells instead of splitting strings by hand.
 */
export function parseCsvExport(body: string | Buffer): string[][] {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (!text.startsWith('\uFEFF')) throw new Error('the CSV export does not start with a UTF-8 BOM');
  return parse(text.slice(1), { delimiter: ';', record_delimiter: '\r\n' });
}
