import { describe, expect, it } from 'vitest';
import { alternatingRounds, median, percentile } from './stats';

describe('median', () => {
  it('takes the middle of an odd count whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('is NaN when there is nothing to take the middle of', () => {
    expect(median([])).toBeNaN();
  });
});

describe('percentile', () => {
  it('picks by nearest rank, so the 95th of twenty values is the nineteenth smallest', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(values, 95)).toBe(19);
  });

  it('gives the largest value at the 100th and the smallest at the 0th', () => {
    expect(percentile([3, 7, 5], 100)).toBe(7);
    expect(percentile([3, 7, 5], 0)).toBe(3);
  });
});

describe('alternatingRounds', () => {
  it('runs the warm-up untimed, then times both sides each round, swapping which goes first', async () => {
    const order: string[] = [];
    const times = await alternatingRounds(
      { warmup: 1, timed: 3 },
      async () => order.push('floor'),
      async () => order.push('measured'),
    );
    expect(order).toEqual(['floor', 'measured', 'floor', 'measured', 'measured', 'floor', 'floor', 'measured']);
    expect(times.floorMs).toHaveLength(3);
    expect(times.measuredMs).toHaveLength(3);
  });
});
