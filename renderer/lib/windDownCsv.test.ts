import { describe, expect, it } from 'vitest';
import { windDownReportFileName } from './windDownCsv';

describe('windDownReportFileName', () => {
  it('stamps the local date and time to the second', () => {
    expect(windDownReportFileName(new Date(2024, 4, 1, 9, 3, 22))).toBe('wind-down-report-20240501-090322.csv');
  });
});
