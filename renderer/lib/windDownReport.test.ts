import { describe, expect, it } from 'vitest';
import { reportSummary } from './windDownReport';

describe('reportSummary', () => {
  it('counts each result', () => {
    expect(reportSummary({ summary: { done: 2, stopped: 1, skipped: 0, parked: 0, unknown: 0 } })).toBe('2 done, 1 stopped, 0 skipped.');
  });

  it('asks for a look at the broker when an outcome is unknown', () => {
    expect(reportSummary({ summary: { done: 0, stopped: 1, skipped: 0, parked: 0, unknown: 1 } })).toBe(
      '0 done, 1 stopped, 0 skipped; 1 with an unknown outcome: check them at the broker before running again.',
    );
  });
});
