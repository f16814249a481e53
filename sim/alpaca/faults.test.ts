import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAlpacaSim } from './server';
import type { AlpacaSim } from './server';
import { basicAuth, call, eventually, fixtureData, IDS } from './testSupport';

let sim: AlpacaSim;
const closeAapl = `/v1/trading/accounts/${IDS.trader}/positions/AAPL?qty=4`;
const positionsPath = `/v1/trading/accounts/${IDS.trader}/positions`;

beforeEach(async () => {
  sim = await startAlpacaSim({ data: fixtureData(), fillDelayMs: 10 });
});

afterEach(async () => {
  await sim.close();
});

function aaplQty(): string | undefined {
  return sim.state.positionOf(IDS.trader, 'AAPL')?.qty;
}

describe('latencyMs', () => {
  it('delays the answer by at least the configured time', async () => {
    sim.faults.latencyMs = 150;
    const started = Date.now();
    const answer = await call(sim, 'GET', '/v1/accounts');
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('errorRate', () => {
  it('answers 500 with an Alpaca error body before applying anything when the rate is 1', async () => {
    sim.faults.errorRate = 1;
    const answer = await call(sim, 'DELETE', closeAapl);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ code: 50010000, message: 'internal server error' });
    expect(answer.headers.get('x-request-id')).not.toBeNull();
    expect(sim.state.ordersOf(IDS.trader)).toEqual([]);
    expect(aaplQty()).toBe('10');
  });

  it('never fails when the rate is 0', async () => {
    sim.faults.errorRate = 0;
    for (let i = 0; i < 5; i += 1) expect((await call(sim, 'GET', '/v1/accounts')).status).toBe(200);
  });
});

describe('hang', () => {
  it('before-apply leaves matching requests unanswered and unapplied, and answers the rest', async () => {
    sim.faults.hang = { match: { method: 'DELETE', path: /\/positions/ }, when: 'before-apply' };
    await expect(call(sim, 'DELETE', closeAapl, { timeoutMs: 200 })).rejects.toThrow();
    expect((await call(sim, 'GET', positionsPath)).status).toBe(200);
    expect(sim.state.ordersOf(IDS.trader)).toEqual([]);
    expect(aaplQty()).toBe('10');
  });

  it('after-apply places the order but never answers', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    await expect(call(sim, 'DELETE', closeAapl, { timeoutMs: 200 })).rejects.toThrow();
    expect(sim.state.ordersOf(IDS.trader)).toHaveLength(1);
    await eventually(() => aaplQty() === '6');
  });

  it('lets close() finish while a request is still hanging', async () => {
    sim.faults.hang = { when: 'before-apply' };
    const pending = fetch(`${sim.url}/v1/accounts`, { headers: { authorization: basicAuth(sim.keyId, sim.secret) } });
    await eventually(() => sim.requests.length === 1);
    // The hang never ends, so a close() that waited for it would not return before the test's timeout.
    await sim.close();
    await expect(pending).rejects.toThrow();
  });
});

describe('failAfterApply', () => {
  it('applies the change and then answers 500', async () => {
    sim.faults.failAfterApply = { match: { path: /\/positions\/AAPL$/ } };
    const answer = await call(sim, 'DELETE', closeAapl);
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ code: 50010000 });
    expect(sim.state.ordersOf(IDS.trader)).toHaveLength(1);
    await eventually(() => aaplQty() === '6');
  });

  it('leaves requests that do not match alone', async () => {
    sim.faults.failAfterApply = { match: { method: 'DELETE' } };
    expect((await call(sim, 'GET', positionsPath)).status).toBe(200);
  });
});

describe('reset', () => {
  it('switches every fault off', async () => {
    // A latency longer than the call's own timeout: the call answers only if reset switched it off.
    sim.faults.latencyMs = 60_000;
    sim.faults.errorRate = 1;
    sim.faults.hang = { when: 'before-apply' };
    sim.faults.failAfterApply = {};
    sim.faults.reset();
    expect((await call(sim, 'DELETE', closeAapl, { timeoutMs: 10_000 })).status).toBe(200);
  });
});
