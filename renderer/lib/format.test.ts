import { describe, expect, it } from 'vitest';
import { formatAge, formatBlotterTime, formatTimestamp, humanise, unitWord } from './format';

describe('times', () => {
  it('formats an ISO timestamp as local date and time to the second', () => {
    expect(formatTimestamp('2024-05-01T14:03:22Z')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('writes a blotter time as the time alone today, else the date without the year to the minute', () => {
    const now = new Date(2026, 0, 26, 15, 0, 0);
    expect(formatBlotterTime(new Date(2026, 0, 26, 9, 5, 7).toISOString(), now)).toBe('09:05:07');
    expect(formatBlotterTime(new Date(2026, 0, 23, 14, 35, 59).toISOString(), now)).toBe('01-23 14:35');
    expect(formatBlotterTime('soon', now)).toBe('soon');
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
