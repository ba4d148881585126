import { describe, expect, it } from 'vitest';
import { readXlsx, xlsxPart } from '../../test/support/xlsx';
import { sheetName, writeXlsx } from './xlsx';

describe('xlsx', () => {
  it('writes a workbook another reader opens, with a header row, numbers as numbers and text as written', async () => {
    const book = await writeXlsx([
      {
        name: 'Ingresos',
        header: true,
        rows: [
          ['Fecha', 'Cliente', 'Monto'],
          ['31-03-2026', 'José Núñez <jn>', 45000],
          ['01-04-2026', ' Ana & Co. "la del taller"\u0001', -15000],
          ['', null, 0],
        ],
      },
    ]);
    expect(book.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    const [sheet, ...others] = await readXlsx(book);
    expect(others).toEqual([]);
    expect(sheet).toEqual({
      name: 'Ingresos',
      rows: [
        ['Fecha', 'Cliente', 'Monto'],
        // Dates stay the text the lists show; a control character XML cannot hold is dropped.
        ['31-03-2026', 'José Núñez <jn>', 45000],
        ['01-04-2026', ' Ana & Co. "la del taller"', -15000],
        [null, null, 0],
      ],
    });
    expect(typeof sheet!.rows[1]![2]).toBe('number');
  });

  it('makes the header bold and frozen, and keeps the column widths', async () => {
    const book = await writeXlsx([
      {
        name: 'Clientes',
        header: true,
        widths: [17, 50],
        rows: [
          ['Nombre', 'Correo'],
          ['Ana', 'a@x.cl'],
        ],
      },
    ]);
    const sheet = xlsxPart(book, 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<col min="1" max="1" width="17" customWidth="1"/>');
    expect(sheet).toContain('<col min="2" max="2" width="50" customWidth="1"/>');
    expect(sheet).toContain('state="frozen"');
    const bold = /<c r="A1" s="(\d+)"/.exec(sheet)?.[1];
    const styles = xlsxPart(book, 'xl/styles.xml');
    const fontId = [...styles.matchAll(/<xf\b[^>]*>/g)][Number(bold)]?.[0].match(/fontId="(\d+)"/)?.[1];
    const fonts = [...styles.matchAll(/<font>.*?<\/font>/g)].map((m) => m[0]);
    expect(fonts[Number(fontId)]).toContain('<b/>');
    expect(sheet).not.toMatch(/<c r="A2" s=/);
  });

  it('cleans sheet names Excel would refuse, and names an empty one', async () => {
    const book = await writeXlsx([
      { name: 'Marzo/Abril [2026]: ingresos por categoría y más', rows: [] },
      { name: '[*?]', rows: [['x']] },
    ]);
    expect((await readXlsx(book)).map((s) => s.name)).toEqual(['Marzo Abril  2026   ingresos po', 'Hoja2']);
    expect(sheetName('Ingresos', 0)).toBe('Ingresos');
  });
});
