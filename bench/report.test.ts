import { describe, expect, it } from 'vitest';
import { failedRow, formatMs, formatTable, type MeasureRow } from './report';

const row: MeasureRow = {
  id: 'list-positions',
  measure: 'list positions',
  goal: '<= 1.3x',
  floor: 'bare GET: 40.0 ms',
  closeout: '50.0 ms',
  ratio: 1.25,
  holds: true,
  values: { floorMs: 40, closeoutMs: 50 },
};

describe('formatTable', () => {
  it('prints one Markdown row per measure with the ratio to two places and whether the goal holds', () => {
    const lines = formatTable([row, { ...row, id: 'close-tickets', ratio: 1.5, holds: false }]).split('\n');
    expect(lines[0]).toBe('| measure | floor or baseline | Closeout | ratio | goal | holds? |');
    expect(lines[2]).toBe('| list positions | bare GET: 40.0 ms | 50.0 ms | 1.25x | <= 1.3x | yes |');
    expect(lines[3]).toContain('| 1.50x | <= 1.3x | NO |');
  });

  it('shows a measure that failed as an error with its first line, never as a figure', () => {
    const failed = failedRow({ id: 'table-paint', measure: 'paint', goal: '<= 2x' }, new Error('the renderer build failed\nstack'));
    expect(formatTable([failed]).split('\n')[2]).toBe('| paint | - | error: the renderer build failed | - | <= 2x | error |');
  });

  it('escapes a pipe inside a cell so the table keeps its columns', () => {
    expect(formatTable([{ ...row, closeout: 'a | b' }])).toContain('a \\| b');
  });
});

describe('formatMs', () => {
  it('uses microseconds below a millisecond and seconds from ten seconds', () => {
    expect(formatMs(0.0123)).toBe('12.3 µs');
    expect(formatMs(16.66)).toBe('16.7 ms');
    expect(formatMs(10_204)).toBe('10.20 s');
  });
});
