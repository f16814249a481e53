import { describe, expect, it } from 'vitest';
import { readDecimal, readOneOf, readOptionalDecimal, readOptionalText, readRows, readText } from './rowFields';

describe('readRows', () => {
  it('maps every row in order', () => {
    expect(readRows([{ n: 'a' }, { n: 'b' }], (row) => readText(row.n, 'n').toUpperCase())).toEqual(['A', 'B']);
  });

  it('names the row and the field of the first value it refuses', () => {
    const rows = [{ qty: '1' }, { qty: '2' }, { qty: 3 }];
    expect(() => readRows(rows, (row) => readDecimal(row.qty, 'qty'))).toThrow('2.qty must be a decimal number as text, got number');
  });

  it('refuses a body that is not a list, and a row that is not an object', () => {
    expect(() => readRows({ positions: [] }, () => 1)).toThrow('the body must be a list, got object');
    expect(() => readRows([{}, null], () => 1)).toThrow('1 must be an object, got null');
    expect(() => readRows([['AAPL']], () => 1)).toThrow('0 must be an object, got a list');
  });

  it('reads an empty list as no rows', () => {
    expect(readRows([], () => 1)).toEqual([]);
  });
});

describe('the field readers', () => {
  it('read text, and refuse anything else with the field and the rule', () => {
    expect(readText('AAPL', 'symbol')).toBe('AAPL');
    expect(() => readText(undefined, 'symbol')).toThrow('symbol must be text, got undefined');
    expect(readOptionalText(null, 'asset_class')).toBeNull();
    expect(readOptionalText(undefined, 'asset_class')).toBeNull();
    expect(() => readOptionalText(7, 'asset_class')).toThrow('asset_class must be text or absent, got number');
  });

  it('read one of a few words and say which words are allowed', () => {
    expect(readOneOf('short', ['long', 'short'], 'side')).toBe('short');
    expect(() => readOneOf('flat', ['long', 'short'], 'side')).toThrow('side must be one of long, short, got "flat"');
  });

  it('read decimals in canonical form and refuse JSON numbers, which may already have lost digits', () => {
    expect(readDecimal('+012.50', 'price')).toBe('12.5');
    expect(() => readDecimal(12.5, 'price')).toThrow('price must be a decimal number as text, got number');
    expect(() => readDecimal('12,5', 'price')).toThrow('price must be a decimal number, got "12,5"');
    expect(readOptionalDecimal('', 'price')).toBeNull();
    expect(readOptionalDecimal(null, 'price')).toBeNull();
    expect(readOptionalDecimal('0.10', 'price')).toBe('0.1');
  });
});
