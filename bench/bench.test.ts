import { describe, expect, it } from 'vitest';
import { SMOKE_CONFIG } from './config';
import { MEASURE_IDS, formatTable } from './report';
import { runBench } from './runBench';

describe('the benchmark at smoke size', () => {
  it('measures every row of the performance table with finite figures, Chromium included', async () => {
    const report = await runBench(SMOKE_CONFIG);

    expect(report.rows.map((row) => row.id)).toEqual([...MEASURE_IDS]);
    for (const row of report.rows) {
      expect(row.error, `${row.id} failed`).toBeUndefined();
      const figures = Object.values(row.values);
      expect(figures.length, `${row.id} has figures`).toBeGreaterThan(0);
      expect(figures.every(Number.isFinite), `${row.id} figures are finite: ${JSON.stringify(row.values)}`).toBe(true);
      if (row.ratio !== null) expect(Number.isFinite(row.ratio) && row.ratio > 0).toBe(true);
    }
    expect(report.machine.chromium).toMatch(/^\d+\./);
    const table = formatTable(report.rows);
    for (const row of report.rows) expect(table).toContain(row.measure);
  }, 120_000);
});
