import { describe, expect, it } from 'vitest';
import { parseCsvExport } from '../../test/support/csv';
import { csvField, csvHead, csvLine, toCsv } from './csv';

describe('csv', () => {
  it('quotes fields with semicolons, quotes and line breaks, doubling inner quotes', () => {
    expect(csvField('simple')).toBe('simple');
    expect(csvField('Muñoz; Ana')).toBe('"Muñoz; Ana"');
    expect(csvField('Muñoz, Ana')).toBe('Muñoz, Ana');
    expect(csvField('Taller "Resina"')).toBe('"Taller ""Resina"""');
    expect(csvField('dos\nlíneas')).toBe('"dos\nlíneas"');
    expect(csvField('retorno\r')).toBe('"retorno\r"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('writes numbers as numbers, negative refunds included', () => {
    expect(csvField(45000)).toBe('45000');
    expect(csvField(-15000)).toBe('-15000');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+56912345678')).toBe("'+56912345678");
    expect(csvField('@usuario')).toBe("'@usuario");
    expect(csvField('-menos')).toBe("'-menos");
  });

  it('starts with a UTF-8 BOM, separates with semicolons and ends every record with CRLF', () => {
    const csv = toCsv(
      ['Cliente', 'Monto'],
      [
        ['José Núñez', 45000],
        ['Ana; "la del taller", de Ñuñoa', -1000],
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe(
      'Cliente;Monto\r\nJosé Núñez;45000\r\n"Ana; ""la del taller"", de Ñuñoa";-1000\r\n',
    );
    expect(csvHead(['Cliente', 'Monto']) + csvLine(['José Núñez', 45000])).toBe(
      '\uFEFFCliente;Monto\r\nJosé Núñez;45000\r\n',
    );
  });

  it('opens as separate columns in a reader set to semicolons, as Excel in Chile reads it', () => {
    const csv = toCsv(
      ['Cliente', 'Concepto', 'Monto'],
      [['Núñez, Paula', 'Kit "Resina"; dos\r\nlíneas', -1000]],
    );
    expect(parseCsvExport(csv)).toEqual([
      ['Cliente', 'Concepto', 'Monto'],
      ['Núñez, Paula', 'Kit "Resina"; dos\r\nlíneas', '-1000'],
    ]);
    expect(() => parseCsvExport(csv.slice(1))).toThrow('BOM');
  });
});
