import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startClearStreetSim } from './server';
import type { ClearStreetSim } from './server';
import { call, fixtureData, IDS } from './testSupport';

let sim: ClearStreetSim;
const closeTsla = `/v1/accounts/${IDS.trader}/positions/TSLA`;

beforeEach(async () => {
  sim = await startClearStreetSim({ data: fixtureData(), fillDelayMs: 0 });
});

afterEach(async () => {
  await sim.close();
});

function tslaQuantity(): string | undefined {
  return sim.state.positionsOf(IDS.trader).find((position) => position.symbol === 'TSLA')?.quantity;
}

describe('fault knobs', () => {
  it('delays every answer by the latency', async () => {
    sim.faults.latencyMs = 120;
    const started = Date.now();
    await call(sim, 'GET', '/v1/accounts');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('answers 500 in the envelope before applying anything when the error rate says so', async () => {
    sim.faults.errorRate = 1;
    const answer = await call(sim, 'DELETE', closeTsla, { body: 'null' });
    expect(answer.status).toBe(500);
    expect(answer.body.error).toEqual({ code: 500, message: 'Internal error' });
    expect(tslaQuantity()).toBe('-5');
  });

  it('answers 500 after applying the change when failAfterApply matches', async () => {
    sim.faults.failAfterApply = { match: { method: 'DELETE', path: /positions/ } };
    expect((await call(sim, 'GET', `/v1/accounts/${IDS.trader}/positions`)).status).toBe(200);
    const answer = await call(sim, 'DELETE', closeTsla, { body: 'null' });
    expect(answer.status).toBe(500);
    expect(tslaQuantity()).toBeUndefined();
  });

  it('hangs before applying: no answer and nothing changed', async () => {
    sim.faults.hang = { when: 'before-apply', match: { method: 'DELETE' } };
    await expect(call(sim, 'DELETE', closeTsla, { body: 'null', timeoutMs: 200 })).rejects.toThrow();
    expect(tslaQuantity()).toBe('-5');
  });

  it('hangs after applying: no answer but the close happened', async () => {
    sim.faults.hang = { when: 'after-apply', match: { method: 'DELETE' } };
    await expect(call(sim, 'DELETE', closeTsla, { body: 'null', timeoutMs: 200 })).rejects.toThrow();
    expect(tslaQuantity()).toBeUndefined();
  });
});

describe('rate limit', () => {
  it('answers 429 with a retry-after once a key has used its window', async () => {
    const limited = await startClearStreetSim({ data: fixtureData(), rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      await call(limited, 'GET', '/v1/accounts');
      await call(limited, 'GET', '/v1/accounts');
      const answer = await call(limited, 'GET', '/v1/accounts');
      expect(answer.status).toBe(429);
      expect(answer.body.error?.code).toBe(429);
      const retryAfter = Number(answer.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      // The window, plus up to a second because the reset time is given in whole seconds.
      expect(retryAfter).toBeLessThanOrEqual(61);
      expect(answer.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await limited.close();
    }
  });
});
