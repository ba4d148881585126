import { describe, expect, it } from 'vitest';
import { columnKey, decodeCsvBytes, parseCsv } from '../../src/domain/customers/imports.csv';
import { MalformedCsvError } from '../../src/domain/customers/imports.errors';
import { filter, listHref, parseListQuery } from '../../src/lib/list-query';

const SPEC = {
  sortable: ['nombre', 'registro'] as const,
  defaultSort: 'registro' as const,
  defaultDir: 'desc' as const,
  filters: {
    tipo: filter.oneOf(['B2C', 'B2B'] as const),
    empresa: filter.id(),
    interes: filter.ids(),
    deuda: filter.flag(),
    desde: filter.date(),
  },
};

describe('list query: the state of a list read from its URL', () => {
  it('parses search, filters, sort, page and export format into typed values', () => {
    const q = parseListQuery(
      {
        q: '  José  ',
        tipo: 'B2B',
        empresa: '7',
        interes: ['3', '5', '3'],
        deuda: '1',
        desde: '2026-03-01',
        sort: 'nombre',
        dir: 'asc',
        page: '2',
        formato: 'xlsx',
      },
      SPEC,
    );
    expect(q).toMatchObject({
      q: 'José',
      sort: 'nombre',
      dir: 'asc',
      page: 2,
      format: 'xlsx',
      filters: { tipo: 'B2B', empresa: 7, interes: [3, 5], deuda: true, desde: '2026-03-01' },
    });
  });

  it('ignores every invalid value instead of failing', () => {
    const q = parseListQuery(
      {
        tipo: 'VIP',
        empresa: '-1',
        interes: ['x', '0', '1e3'],
        deuda: 'maybe',
        desde: '2026-02-31',
        sort: 'password',
        dir: 'up',
        page: 'abc',
        formato: 'pdf',
      },
      SPEC,
    );
    expect(q).toMatchObject({
      q: '',
      sort: 'registro',
      dir: 'desc',
      page: 1,
      format: null,
      filters: { tipo: null, empresa: null, interes: [], deuda: false, desde: null },
    });
    expect(q.params).toEqual([]);
    expect(parseListQuery(null, SPEC).page).toBe(1);
  });

  it('builds links that keep the other parameters', () => {
    const q = parseListQuery({ q: 'ana', interes: ['3', '5'], sort: 'nombre', dir: 'asc', page: '3' }, SPEC);
    expect(listHref('/gestion/clientes/', q, { page: 2 })).toBe(
      '/gestion/clientes/?q=ana&interes=3&interes=5&sort=nombre&dir=asc&page=2',
    );
    expect(listHref('/gestion/clientes/', q, { sort: 'registro', dir: 'desc' })).toBe(
      '/gestion/clientes/?q=ana&interes=3&interes=5&sort=registro&dir=desc',
    );
    expect(listHref('/gestion/clientes/', q, { formato: 'csv' })).toBe(
      '/gestion/clientes/?q=ana&interes=3&interes=5&sort=nombre&dir=asc&formato=csv',
    );
  });
});

describe('CSV reading for imports', () => {
  it('reads semicolon files from Excel with quotes, doubled quotes, line breaks and a BOM', () => {
    const csv = parseCsv(
      '\uFEFFNombre;Email\r\n"Núñez; Paula";paula@x.cl\r\n"Dice ""hola""\nen dos líneas";a@x.cl\r\n\r\n',
    );
    expect(csv.delimiter).toBe(';');
    expect(csv.header).toEqual(['Nombre', 'Email']);
    expect(csv.rows).toEqual([
      { line: 2, cells: ['Núñez; Paula', 'paula@x.cl'] },
      { line: 3, cells: ['Dice "hola"\nen dos líneas', 'a@x.cl'] },
    ]);
  });

  it('reads comma files and Latin-1 bytes, and compares column names without accents', () => {
    const csv = parseCsv(decodeCsvBytes(Buffer.from('nombre,comuna\nAna,Peñalolén\n', 'latin1')));
    expect(csv.delimiter).toBe(',');
    expect(csv.rows[0]!.cells).toEqual(['Ana', 'Peñalolén']);
    expect(columnKey(' Razón Social ')).toBe('razon_social');
    expect(columnKey('E-mail')).toBe('e_mail');
  });

  it('picks the separator that splits the header, so commas inside a semicolon file stay text', () => {
    const csv = parseCsv('nombre;intereses\nAna, la de Ñuñoa;Resina, Bordado\n');
    expect(csv.delimiter).toBe(';');
    expect(csv.rows[0]!.cells).toEqual(['Ana, la de Ñuñoa', 'Resina, Bordado']);
    expect(parseCsv('nombre').delimiter).toBe(',');
  });

  it('drops blank rows (Excel writes ";;;" for them) and trailing empty lines, keeping file line numbers', () => {
    const csv = parseCsv(
      'nombre;email\r\n;\r\n  Ana  ; "  a@x.cl " \r\n\r\nBeto;b@x.cl;extra\r\n;;;\r\n\r\n',
    );
    expect(csv.header).toEqual(['nombre', 'email']);
    expect(csv.rows).toEqual([
      { line: 3, cells: ['Ana', 'a@x.cl'] },
      { line: 5, cells: ['Beto', 'b@x.cl', 'extra'] },
    ]);
  });

  it('numbers rows by the file line they start on when a quoted field spans CRLF line breaks', () => {
    const csv = parseCsv('nombre;notas\r\nAna;"uno\r\ndos\r\ntres"\r\nBeto;x\r\n');
    expect(csv.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(csv.rows[0]!.cells[1]).toBe('uno\r\ndos\r\ntres');
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(parseCsv('nombre,notas\nKit,Trae 5" de tela\n').rows[0]!.cells).toEqual([
      'Kit',
      'Trae 5" de tela',
    ]);
  });

  it('refuses a malformed file with a Spanish message that names the row', () => {
    const unclosed = () => parseCsv('nombre;email\nAna;a@x.cl\n"Beto;b@x.cl\nCarla;c@x.cl\n');
    expect(unclosed).toThrow(MalformedCsvError);
    expect(unclosed).toThrow('las comillas (") que abren un campo en la fila 3 nunca se cierran');
    expect(() => parseCsv('nombre;email\n"Ana" Soto;a@x.cl\n')).toThrow(
      'en la fila 2 hay texto pegado después de unas comillas de cierre',
    );
  });
});
