import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { runInLanes, runRateLimited } from './rateLimitedRun';

const tick = (ms = 1) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const limited = (retryAfterMs?: number) =>
  new AppError({ code: 'rate_limited', message: 'Too many requests', outcome: 'rejected', ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('the rate-limited runner', () => {
  it('sends every item once and answers in the order of the items', async () => {
    const sent: number[] = [];
    const results = await runRateLimited([1, 2, 3, 4, 5, 6], async (n) => {
      sent.push(n);
      await tick(7 - n);
      return n * 10;
    });
    expect(sent.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.map((result) => (result.ok ? result.value : null))).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('sends an item the broker turned away with a 429 again once the wait it named is over', async () => {
    const attempts = new Map<string, number>();
    const waits: number[] = [];
    const results = await runRateLimited(['a', 'b'], async (id) => {
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (id === 'b' && n === 1) throw limited(30);
      return id;
    }, { concurrency: 1, sleep: async (ms) => { waits.push(ms); await tick(ms); } });
    expect(results.every((result) => result.ok)).toBe(true);
    expect(attempts.get('b')).toBe(2);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(30);
  });

  it('never sends again an item whose outcome is unknown, not even when the error says rate limited', async () => {
    const attempts: string[] = [];
    const results = await runRateLimited(['timeout', 'limited-unknown'], async (id) => {
      attempts.push(id);
      if (id === 'timeout') throw new AppError({ code: 'outcome_unknown', message: 'The broker did not answer in time.', outcome: 'unknown' });
      throw new AppError({ code: 'rate_limited', message: 'cut off mid-answer', outcome: 'unknown' });
    }, { sleep: async () => {} });
    expect(attempts.sort()).toEqual(['limited-unknown', 'timeout']);
    expect(results.map((result) => (result.ok ? null : result.error.outcome))).toEqual(['unknown', 'unknown']);
  });

  it('gives up on an item after the most rate-limit waits and reports the 429 as its refusal', async () => {
    let attempts = 0;
    const [result] = await runRateLimited(['a'], async () => {
      attempts += 1;
      throw limited(0);
    }, { maxRateLimitWaits: 3, sleep: async () => {} });
    expect(attempts).toBe(4);
    expect(result).toMatchObject({ ok: false, error: { code: 'rate_limited', outcome: 'rejected' } });
  });
});

describe('running in lanes', () => {
  it('runs the lanes side by side: a lane paused by its broker holds back none of the others', async () => {
    const order: string[] = [];
    let firstLimit = true;
    const items = [
      { lane: 'slow', id: 's1' },
      { lane: 'slow', id: 's2' },
      { lane: 'fast', id: 'f1' },
      { lane: 'fast', id: 'f2' },
      { lane: 'fast', id: 'f3' },
    ];
    const results = await runInLanes(items, async (item) => {
      if (item.id === 's1' && firstLimit) {
        firstLimit = false;
        throw limited(80);
      }
      order.push(item.id);
      return item.id;
    }, { laneOf: (item) => item.lane, concurrency: 1 });
    expect(results.map((result) => (result.ok ? result.value : null))).toEqual(['s1', 's2', 'f1', 'f2', 'f3']);
    // While the slow lane waited out its 429, the fast lane finished.
    expect(order.slice(0, 3)).toEqual(['f1', 'f2', 'f3']);
  });

  it('keeps each lane to its own concurrency while the lanes overlap', async () => {
    const inFlight = new Map<string, number>();
    const peak = new Map<string, number>();
    let overall = 0;
    let overallPeak = 0;
    const items = Array.from({ length: 12 }, (_, n) => ({ lane: n % 2 === 0 ? 'alpaca' : 'scaletrade', n }));
    await runInLanes(items, async (item) => {
      inFlight.set(item.lane, (inFlight.get(item.lane) ?? 0) + 1);
      overall += 1;
      peak.set(item.lane, Math.max(peak.get(item.lane) ?? 0, inFlight.get(item.lane) ?? 0));
      overallPeak = Math.max(overallPeak, overall);
      await tick(5);
      inFlight.set(item.lane, (inFlight.get(item.lane) ?? 0) - 1);
      overall -= 1;
    }, { laneOf: (item) => item.lane, concurrency: 2 });
    expect(peak.get('alpaca')).toBe(2);
    expect(peak.get('scaletrade')).toBe(2);
    expect(overallPeak).toBe(4);
  });

  it('starts a later stage of a lane only once every item of the earlier stage has ended', async () => {
    const log: string[] = [];
    const items = [
      { kind: 'close', id: 'p1' },
      { kind: 'cancel', id: 'o1' },
      { kind: 'close', id: 'p2' },
      { kind: 'cancel', id: 'o2' },
    ];
    const settled: number[] = [];
    await runInLanes(items, async (item) => {
      log.push(`start ${item.id}`);
      await tick(item.id === 'o2' ? 15 : 1);
      log.push(`end ${item.id}`);
    }, { laneOf: () => 'one', stageOf: (item) => (item.kind === 'cancel' ? 0 : 1), onSettled: (index) => settled.push(index) });
    const lastCancelEnd = Math.max(log.indexOf('end o1'), log.indexOf('end o2'));
    expect(log.indexOf('start p1')).toBeGreaterThan(lastCancelEnd);
    expect(log.indexOf('start p2')).toBeGreaterThan(lastCancelEnd);
    expect(settled.sort()).toEqual([0, 1, 2, 3]);
  });
});
