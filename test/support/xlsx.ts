import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';

export type XlsxValue = string | number | boolean | null;

/**
 * Reads back a downloaded workbook with a reader that is not our writer (read-excel-file): a file
 * it opens, with the cells typed as we meant, is a file Excel opens. Text is not trimmed, so what
 * a test sees is exactly what was written.
 */
export async function readXlsx(buffer: Buffer): Promise<{ name: string; rows: XlsxValue[][] }[]> {
  const sheets = await readXlsxFile(buffer, { trim: false });
  return sheets.map((sheet) => ({ name: sheet.sheet, rows: sheet.data as XlsxValue[][] }));
}

/** The rows of the first sheet. */
export async function readXlsxRows(buffer: Buffer): Promise<XlsxValue[][]> {
  const [first] = await readXlsx(buffer);
  if (!first) throw new Error('the workbook has no sheet');
  return first.rows;
}

/** One XML part of the workbook's zip (column widths and styles, which a cell reader does not show). */
export function xlsxPart(buffer: Buffer, name: string): string {
  const part = unzipSync(new Uint8Array(buffer), { filter: (file) => file.name === name })[name];
  if (!part) throw new Error(`the workbook has no ${name}`);
  return strFromU8(part);
}
