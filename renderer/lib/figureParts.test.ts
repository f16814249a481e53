import { describe, expect, it } from 'vitest';
import { fractionPlaces, paddedWidth, splitFigure } from './figureParts';

describe('fractionPlaces', () => {
  it('counts the digits after the point, before any unit', () => {
    expect(fractionPlaces('1,234.56')).toBe(2);
    expect(fractionPlaces('+0.12345')).toBe(5);
    expect(fractionPlaces('-1.20 %')).toBe(2);
  });

  it('counts none for whole numbers and for a missing value', () => {
    expect(fractionPlaces('36,012')).toBe(0);
    expect(fractionPlaces('—')).toBe(0);
  });
});

describe('splitFigure', () => {
  it('cuts a figure at its point and keeps the unit after the digits', () => {
    expect(splitFigure('+1,234.56 %')).toEqual({ whole: '+1,234', fraction: '.56', suffix: ' %', padding: '' });
  });

  it('pads a shorter fraction with invisible digits up to the column places', () => {
    expect(splitFigure('123.4', 5).padding).toBe('0000');
    expect(splitFigure('1.23456', 5).padding).toBe('');
  });

  it('pads a whole number with a point and the digits, so its last digit sits where the others have theirs', () => {
    expect(splitFigure('10', 3)).toEqual({ whole: '10', fraction: '', suffix: '', padding: '.000' });
    expect(splitFigure('+36,012 %', 2)).toEqual({ whole: '+36,012', fraction: '', suffix: ' %', padding: '.00' });
  });

  it('keeps a missing value whole and pads it like a whole number', () => {
    expect(splitFigure('—', 2)).toEqual({ whole: '—', fraction: '', suffix: '', padding: '.00' });
  });

  it('pads nothing when the column has no places', () => {
    expect(splitFigure('25').padding).toBe('');
  });
});

describe('paddedWidth', () => {
  it('counts digits whole and separators half, with the padding to the column places', () => {
    expect(paddedWidth('42,350.75', 5)).toBe(11);
    expect(paddedWidth('-1,277.89', 2)).toBe(7.75);
    expect(paddedWidth('0.65812', 5)).toBe(6.5);
  });

  it('gives a whole number no point when its column has no places', () => {
    expect(paddedWidth('36,012', 0)).toBe(5.5);
  });
});
