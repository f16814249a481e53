import { expect, test } from '@playwright/test';
import { SMOKE_CONFIG } from '../bench/config';
import { MEASURE_IDS, formatTable } from '../bench/report';
import { runBench } from '../bench/runBench';

// `npm run bench` at smoke size, so the benchmark cannot rot between full runs. It builds the renderer and launches
// its own Chromium, so it runs here beside the browser specs rather than inside the unit suite; it checks that every
// measure ran and gave figures, never how fast (the full run's ratios say that).

test('the benchmark at smoke size measures every row of the performance table with finite figures, Chromium included', async () => {
  test.setTimeout(240_000);
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
});
