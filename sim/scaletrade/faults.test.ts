import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startScaleTradeSim } from './server';
import type { ScaleTradeSim } from './server';
import { call, eventually, fixtureData, signIn, TRADER } from './testSupport';
import { TRADE_TYPE } from './types';

let sim: ScaleTradeSim;
let token: string;

beforeEach(async () => {
  sim = await startScaleTradeSim({ data: fixtureData(), fillDelayMs: 0 });
  token = await signIn(sim);
});

afterEach(async () => {
  await sim.close();
});

const closeFirst = () => call(sim, 'DELETE', '/trade/close', { auth: token, body: { order: 1001 }, timeoutMs: 300 });
const isOpen = () => sim.state.trade(1001)?.status === 'open';

describe('fault knobs', () => {
  it('failAfterApply closes the trade, then answers 500 TRADE_ERROR', async () => {
    sim.faults.failAfterApply = { match: { method: 'DELETE' } };
    const answer = await closeFirst();
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: 'TRADE_ERROR', message: 'Failed to close trade (validation or execution)' });
    expect(isOpen()).toBe(false);
  });

  it('errorRate 1 answers 500 before anything is applied; reads fail with INTERNAL_ERROR', async () => {
    sim.faults.errorRate = 1;
    expect((await closeFirst()).status).toBe(500);
    expect(isOpen()).toBe(true);
    expect((await call(sim, 'GET', '/account/me', { auth: token })).body).toEqual({ error: 'INTERNAL_ERROR', message: 'Internal server error' });
  });

  it('hang before-apply leaves the trade open and never answers; after-apply closes it and never answers', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'before-apply' };
    await expect(closeFirst()).rejects.toThrow();
    expect(isOpen()).toBe(true);
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    await expect(closeFirst()).rejects.toThrow();
    expect(isOpen()).toBe(false);
  });

  it('latencyMs delays every answer', async () => {
    sim.faults.latencyMs = 120;
    const started = Date.now();
    expect((await call(sim, 'GET', '/account/me', { auth: token })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('an accepted close still executes when the answer after applying fails', async () => {
    sim.closeAnswer = 'accepted';
    sim.faults.failAfterApply = {};
    expect((await closeFirst()).status).toBe(500);
    await eventually(() => !isOpen());
    expect(sim.state.tradesOf(TRADER, TRADE_TYPE.open).map((trade) => trade.order)).toEqual([1002, 1003]);
  });
});

describe('rate limit', () => {
  it('answers 429 TOO_MANY_REQUESTS with the wait in seconds and in milliseconds', async () => {
    const limited = await startScaleTradeSim({ data: fixtureData(), rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      await signIn(limited);
      const auth = await signIn(limited);
      const answer = await call(limited, 'GET', '/account/me', { auth });
      expect(answer.status).toBe(429);
      expect(answer.body).toEqual({ error: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' });
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(59);
      const waitMs = Number(answer.headers['retry-after-ms']);
      expect(waitMs).toBeGreaterThan(55_000);
      expect(waitMs).toBeLessThanOrEqual(60_000);
    } finally {
      await limited.close();
    }
  });

  it('limits 50 a window under 20 ms latency without queueing: of 120 requests at once, 70 are refused at once', async () => {
    // A window far longer than the burst keeps the count exact on a busy machine; a queueing limiter would hold the
    // 70 extra requests until the window ends instead of refusing them.
    const windowMs = 60_000;
    const limited = await startScaleTradeSim({ data: fixtureData(), rateLimit: { limit: 51, windowMs } });
    try {
      const auth = await signIn(limited);
      limited.faults.latencyMs = 20;
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 120 }, () => call(limited, 'GET', '/account/me', { auth })));
      const elapsed = Date.now() - started;
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(50);
      expect(statuses.filter((status) => status === 429)).toHaveLength(70);
      expect(elapsed).toBeLessThan(windowMs);
    } finally {
      await limited.close();
    }
  });
});
