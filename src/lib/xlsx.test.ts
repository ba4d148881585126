import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { columnName, crc32, unzip, writeXlsx, xmlEscape } from './xlsx';

describe('xlsx', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('names columns like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('escapes XML and drops characters XML cannot hold', () => {
    expect(xmlEscape('a<b & "c">\u0001')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
  });

  it('writes a zip whose parts inflate with node:zlib to a valid workbook with numbers and inline text', () => {
    const book = writeXlsx([
      {
        name: 'Ingresos',
        header: true,
        rows: [
          ['Fecha', 'Cliente', 'Monto'],
          ['31-03-2026', 'José Núñez <jn>', 45000],
          ['01-04-2026', 'Ana & Co.', -15000],
          ['', null, 0],
        ],
      },
    ]);
    expect(book.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

    // Walk the local headers by hand with node:zlib, independently of our own unzip().
    const names: string[] = [];
    let pos = 0;
    while (book.readUInt32LE(pos) === 0x04034b50) {
      const size = book.readUInt32LE(pos + 18);
      const nameLength = book.readUInt16LE(pos + 26);
      const name = book.subarray(pos + 30, pos + 30 + nameLength).toString();
      const data = inflateRawSync(book.subarray(pos + 30 + nameLength, pos + 30 + nameLength + size));
      expect(crc32(data)).toBe(book.readUInt32LE(pos + 14));
      expect(data.length).toBe(book.readUInt32LE(pos + 22));
      names.push(name);
      pos += 30 + nameLength + size;
    }
    expect(names).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);

    const files = unzip(book);
    const sheet = files.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Fecha</t></is></c>');
    expect(sheet).toContain('<t xml:space="preserve">José Núñez &lt;jn&gt;</t>');
    expect(sheet).toContain('<c r="C2"><v>45000</v></c>');
    expect(sheet).toContain('<c r="C3"><v>-15000</v></c>');
    expect(sheet).toContain('<c r="C4"><v>0</v></c>');
    expect(sheet).not.toContain('r="A4"');
    expect(files.get('xl/workbook.xml')!.toString()).toContain(
      '<sheet name="Ingresos" sheetId="1" r:id="rId1"/>',
    );
  });

  it('cleans sheet names Excel would refuse', () => {
    const files = unzip(writeXlsx([{ name: 'Marzo/Abril [2026]: ingresos por categoría y más', rows: [] }]));
    expect(files.get('xl/workbook.xml')!.toString()).toContain('name="Marzo Abril  2026   ingresos po"');
  });
});
