import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, parseCsvRows, toCsv } from './csv';

const parseCsv = (text: string): string[][] => parseCsvRows(text).map((row) => row.cells);

describe('csvField and toCsv', () => {
  it('leaves plain text alone and quotes commas and quotes', () => {
    expect(csvField('acc-1')).toBe('acc-1');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "yes"')).toBe('"say ""yes"""');
    expect(csvField(null)).toBe('');
  });

  it('turns control characters, line breaks included, and bidirectional controls from a broker into spaces', () => {
    expect(csvField('two\r\nlines')).toBe('two  lines');
    expect(csvField('rejected\u001b[2J, \u202eKCOLB\u202c \u2066x\u2069\u200f')).toBe('"rejected [2J,  KCOLB   x  "');
    expect(csvField('\t=1')).toBe("' =1");
  });

  it('keeps a cell that a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('round-trips any text without control characters that does not start like a formula', () => {
    const text = fc
      .string({ unit: fc.constantFrom('a', 'Z', '1', ',', '"', ' ', 'é', ';', '=', 'ש') })
      .filter((value) => !value.startsWith('='));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (cells) => {
        const width = cells[0]!.length;
        const rows = cells.map((row) => Array.from({ length: width }, (_, index) => row[index] ?? ''));
        const columns = rows[0]!.map((_, index) => ({ header: `c${index}`, value: (row: string[]) => row[index] ?? null }));
        expect(parseCsv(toCsv(columns, rows))).toEqual([columns.map((column) => column.header), ...rows]);
      }),
    );
  });
});

describe('parseCsvRows', () => {
  it('reads CRLF, LF and CR line ends alike and numbers each row by the line it starts on', () => {
    expect(parseCsvRows('a,b\r\n"two\nlines",c\nd\re')).toEqual([
      { cells: ['a', 'b'], line: 1 },
      { cells: ['two\nlines', 'c'], line: 2 },
      { cells: ['d'], line: 4 },
      { cells: ['e'], line: 5 },
    ]);
  });
});
