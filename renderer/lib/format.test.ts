import { describe, expect, it } from 'vitest';
import { formatAge, formatDecimal, formatPercent, formatSigned, formatTimestamp, humanise, signTone, unitWord } from './format';

describe('formatDecimal', () => {
  it('groups the integer part in thousands and keeps the fraction exactly as given', () => {
    expect(formatDecimal('1234567.8900')).toBe('1,234,567.8900');
    expect(formatDecimal('-12345.6')).toBe('-12,345.6');
    expect(formatDecimal('999')).toBe('999');
  });

  it('keeps digits that a binary float would lose', () => {
    expect(formatDecimal('12345678901234567890.123456789012345')).toBe('12,345,678,901,234,567,890.123456789012345');
  });

  it('shows a dash for a missing value and leaves text that is not a decimal alone', () => {
    expect(formatDecimal(null)).toBe('—');
    expect(formatDecimal('n/a')).toBe('n/a');
  });

  it('drops a leading plus sign', () => {
    expect(formatDecimal('+1000')).toBe('1,000');
  });
});

describe('signed values', () => {
  it('tells a gain, a loss and zero apart', () => {
    expect(signTone('12.5')).toBe('positive');
    expect(signTone('-0.01')).toBe('negative');
    expect(signTone('-0.00')).toBe('neutral');
    expect(signTone(null)).toBe('neutral');
  });

  it('writes a plus sign on gains only', () => {
    expect(formatSigned('1500.25')).toBe('+1,500.25');
    expect(formatSigned('-1500.25')).toBe('-1,500.25');
    expect(formatSigned('0')).toBe('0');
  });

  it('writes percentages with their sign and unit, to two places rounded half up', () => {
    expect(formatPercent('12.5')).toBe('+12.50 %');
    expect(formatPercent('1.89483657034581')).toBe('+1.89 %');
    expect(formatPercent('-2.005')).toBe('-2.01 %');
    expect(formatPercent('-0.001')).toBe('0.00 %');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('times', () => {
  it('formats an ISO timestamp as local date and time to the second', () => {
    expect(formatTimestamp('2024-05-01T14:03:22Z')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('leaves an unreadable timestamp as it came', () => {
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });

  it('says how old a value is in seconds, minutes or hours', () => {
    expect(formatAge(0, 4_900)).toBe('4 s ago');
    expect(formatAge(0, 180_000)).toBe('3 min ago');
    expect(formatAge(0, 7_200_000)).toBe('2 h ago');
  });
});

describe('words', () => {
  it('uses the singular only for exactly one', () => {
    expect(unitWord('shares', '1')).toBe('share');
    expect(unitWord('shares', '1.5')).toBe('shares');
    expect(unitWord('lots', '0.01')).toBe('lots');
    expect(unitWord('contracts', '1')).toBe('contract');
  });

  it('turns broker enums into words', () => {
    expect(humanise('SELL_SHORT')).toBe('sell short');
  });
});
