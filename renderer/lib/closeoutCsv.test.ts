import { describe, expect, it } from 'vitest';
import { closeoutReportFileName } from './closeoutCsv';

describe('closeoutReportFileName', () => {
  it('stamps the local date and time to the second', () => {
    expect(closeoutReportFileName(new Date(2024, 4, 1, 9, 3, 22))).toBe('closeout-report-20240501-090322.csv');
  });
});
