import type { Cell } from 'write-excel-file/node';

/**
 * Workbooks for the back office's downloads, written by write-excel-file (small, maintained, one
 * dependency: fflate). It replaced our own zip + SpreadsheetML writer, which had its own CRC-32 and
 * XML escaping to keep right; exceljs was rejected for its heavy, stale dependency tree and the npm
 * `xlsx` (SheetJS) package for being years behind its own releases.
 * Numbers are written as numbers (they sum in Excel); everything else, dates included, as the text
 * the lists show.
 */
export type XlsxCell = string | number | null | undefined;
export type XlsxSheet = {
  /** Sheet tab name; cleaned of what Excel refuses (see sheetName). */
  name: string;
  rows: XlsxCell[][];
  /** Makes the first row bold and keeps it in view while scrolling (a header). */
  header?: boolean;
  /** Column widths in characters. */
  widths?: number[];
};

/** Excel refuses a tab name longer than 31 characters or holding any of : \ / ? * [ ]. */
export const sheetName = (name: string, index: number) =>
  name
    .replace(/[:\\/?*[\]]/g, ' ')
    .slice(0, 31)
    .trim() || `Hoja${index + 1}`;

function cell(value: XlsxCell, bold: boolean): Cell {
  if (value === null || value === undefined || value === '') return null;
  // NaN and Infinity are no number Excel can hold: they go as the text they print.
  const typed = typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  return bold ? { value: typed, fontWeight: 'bold' } : typed;
}

/** An .xlsx workbook with one sheet per entry. The writer is loaded with the first export. */
export async function writeXlsx(sheets: XlsxSheet[]): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(
    sheets.map((sheet, i) => ({
      sheet: sheetName(sheet.name, i),
      data: sheet.rows.map((cells, r) => cells.map((value) => cell(value, !!sheet.header && r === 0))),
      columns: sheet.widths?.map((width) => ({ width })),
      stickyRowsCount: sheet.header ? 1 : undefined,
    })),
  ).toBuffer();
}
