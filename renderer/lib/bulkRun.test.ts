import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { runEach } from './bulkRun';

const items = ['AAPL', 'MSFT', 'TSLA'].map((symbol) => ({ id: symbol, label: `Close ${symbol}` }));
const noSleep = () => Promise.resolve();

describe('runEach', () => {
  it('sends every item once and keeps their order in the results', async () => {
    const sent: string[] = [];
    const results = await runEach(items, async (item) => {
      sent.push(item.id);
      return { state: 'accepted', message: `${item.id} accepted` };
    });
    expect(sent.sort()).toEqual(['AAPL', 'MSFT', 'TSLA']);
    expect(results.map((result) => [result.id, result.state])).toEqual([
      ['AAPL', 'accepted'],
      ['MSFT', 'accepted'],
      ['TSLA', 'accepted'],
    ]);
  });

  it('sends an item turned away by a rate limit again, after the wait the broker asked for', async () => {
    const waits: number[] = [];
    let msftTries = 0;
    const results = await runEach(
      items,
      async (item) => {
        if (item.id === 'MSFT' && msftTries++ === 0) throw new AppError({ code: 'rate_limited', message: 'slow down', outcome: 'not_sent', retryAfterMs: 40 });
        return { state: 'filled', message: 'done' };
      },
      {
        concurrency: 1,
        // The pause is a deadline, so the sleep must really pass time; a sleep that returns at once spins until it does.
        sleep: async (ms) => {
          waits.push(ms);
          await new Promise((resolve) => setTimeout(resolve, ms));
        },
      },
    );
    expect(msftTries).toBe(2);
    expect(results.every((result) => result.state === 'filled')).toBe(true);
    expect(waits.length).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(40);
  });

  it('never resends an item whose outcome is unknown, and keeps the broker code and request id of a refusal', async () => {
    const tries = new Map<string, number>();
    const results = await runEach(
      items,
      async (item) => {
        tries.set(item.id, (tries.get(item.id) ?? 0) + 1);
        if (item.id === 'AAPL') throw new AppError({ code: 'outcome_unknown', message: 'no answer', outcome: 'unknown' });
        if (item.id === 'TSLA') throw new AppError({ code: 'broker_rejected', message: 'held', outcome: 'rejected', brokerCode: '40310000', requestId: 'req-9' });
        return { state: 'accepted', message: 'ok' };
      },
      { sleep: noSleep },
    );
    expect(tries.get('AAPL')).toBe(1);
    expect(results[0]).toMatchObject({ state: 'unknown', message: 'no answer' });
    expect(results[2]).toMatchObject({ state: 'rejected', brokerCode: '40310000', requestId: 'req-9' });
  });

  it('reports an item refused once its rate-limit waits run out', async () => {
    let tries = 0;
    const [result] = await runEach(
      items.slice(0, 1),
      async () => {
        tries += 1;
        throw new AppError({ code: 'rate_limited', message: 'slow down', outcome: 'not_sent' });
      },
      { maxRateLimitWaits: 2, sleep: noSleep, baseBackoffMs: 1 },
    );
    expect(tries).toBe(3);
    expect(result).toMatchObject({ state: 'rejected', message: 'slow down' });
  });
});
