import { describe, expect, it } from 'vitest';
import { healthBrief, healthText, healthTone } from './connectionHealth';

const now = new Date('2026-03-02T15:00:00');
const earlier = new Date('2026-03-02T10:00:00').toISOString();
const later = new Date('2026-03-02T11:00:00').toISOString();
const yesterday = new Date('2026-03-01T09:30:00').toISOString();

describe('connection health in words', () => {
  it('is failing when the last error came after the last success, and ok when a success followed it', () => {
    expect(healthTone({ lastSuccessAt: earlier, lastError: { at: later, code: 'network', message: 'refused' }, reach: null })).toBe('failing');
    expect(healthTone({ lastSuccessAt: later, lastError: { at: earlier, code: 'network', message: 'refused' }, reach: null })).toBe('ok');
    expect(healthTone({ lastSuccessAt: null, lastError: { at: earlier, code: 'network', message: 'refused' }, reach: null })).toBe('failing');
    expect(healthTone(undefined)).toBe('unused');
  });

  it('gives the date as well as the time for what happened on another day', () => {
    const text = healthText({ lastSuccessAt: yesterday, lastError: { at: later, code: 'network', message: 'Alpaca could not be reached' }, reach: { accounts: 1000, more: true } }, now);
    expect(text).toContain(new Date(yesterday).toLocaleString());
    expect(text).toContain('at least 1,000 accounts');
    expect(text).toContain(`last error at ${new Date(later).toLocaleTimeString()}: Alpaca could not be reached`);
    expect(healthBrief({ lastSuccessAt: earlier, lastError: { at: later, code: 'network', message: 'x' }, reach: null }, now)).toBe(`Failing since ${new Date(later).toLocaleTimeString()}`);
  });
});
