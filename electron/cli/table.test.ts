import { describe, expect, it } from 'vitest';
import { printable, renderTable } from './table';

describe('renderTable', () => {
  const rows = [
    { symbol: 'AAPL', qty: '25', price: '187.1200' },
    { symbol: 'BRK.B', qty: '0.000000001', price: null },
  ];
  const table = renderTable(rows, [
    { header: 'SYMBOL', value: (row) => row.symbol },
    { header: 'QTY', value: (row) => row.qty, align: 'right' },
    { header: 'PRICE', value: (row) => row.price, align: 'right' },
  ]);

  it('aligns every column to its widest cell', () => {
    const lines = table.split('\n');
    expect(lines).toHaveLength(3);
    const priceEnds = lines.map((line) => line.length);
    expect(new Set(priceEnds).size).toBe(1);
    expect(lines[1]?.indexOf('AAPL')).toBe(lines[2]?.indexOf('BRK.B'));
  });

  it('prints decimals digit for digit and null as a dash', () => {
    expect(table).toContain('187.1200');
    expect(table).toContain('0.000000001');
    expect(table.split('\n')[2]?.trimEnd().endsWith('-')).toBe(true);
  });
});

describe('printable', () => {
  it('blanks control characters a broker could use to rewrite the terminal', () => {
    expect(printable('AAPL\u001b[2J\r\nX\u009b')).toBe('AAPL [2J  X ');
  });

  it('blanks bidirectional overrides, isolates and marks that would reorder what the terminal shows', () => {
    expect(printable('sell \u202e01 LPAA\u202c \u2067x\u2069\u200e\u200f\u061c')).toBe('sell  01 LPAA   x    ');
  });

  it('keeps ordinary text including non-Latin letters', () => {
    expect(printable('Überweisung 株式')).toBe('Überweisung 株式');
  });
});
