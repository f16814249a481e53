import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../../shared/decimal';
import { isFractional, shareUnit } from './shareUnits';

describe('share units', () => {
  it('steps whole holdings by one share and fractional ones by a billionth', () => {
    expect(shareUnit(toDecimalString('25'))).toEqual({ name: 'shares', step: '1' });
    expect(shareUnit(toDecimalString('0.5'))).toEqual({ name: 'shares', step: '0.000000001' });
  });

  it('reads "25.000" as whole once it is canonical', () => {
    expect(isFractional(toDecimalString('25.000'))).toBe(false);
    expect(isFractional(toDecimalString('-3.25'))).toBe(true);
  });

  it('shares one unit object between positions of the same kind', () => {
    expect(shareUnit(toDecimalString('1'))).toBe(shareUnit(toDecimalString('7')));
  });
});
