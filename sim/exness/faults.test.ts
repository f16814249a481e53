import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startExnessSim } from './server';
import type { ExnessSim } from './server';
import { call, closeTicket, fixtureData, openIds, TICKETS, USERS } from './testSupport';

let sim: ExnessSim;

beforeEach(async () => {
  sim = await startExnessSim({ data: fixtureData(), rateLimit: { limit: 3, windowMs: 60_000 } });
});

afterEach(async () => {
  await sim.close();
});

function mayaOpen(): string[] {
  return openIds(sim, USERS.maya.userId);
}

describe('rate limit', () => {
  it('counts per user, sends x-ratelimit headers, and answers 429 with a flat error once over', async () => {
    for (let i = 0; i < 3; i += 1) expect((await call(sim, 'GET', '/api/v1/balance')).status).toBe(200);
    const limited = await call(sim, 'GET', '/api/v1/balance');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'Too many requests, please try again later.' });
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await call(sim, 'GET', '/api/v1/balance', { token: sim.issueToken(USERS.noor) })).status).toBe(200);
  });
});

describe('fault knobs', () => {
  it('errorRate 1 answers 500 before closing anything', async () => {
    sim.faults.errorRate = 1;
    const answer = await closeTicket(sim, TICKETS.btcLong);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: 'Internal server error' });
    expect(mayaOpen()).toContain(TICKETS.btcLong);
  });

  it('failAfterApply closes the ticket and then answers 500', async () => {
    sim.faults.failAfterApply = { match: { method: 'POST', path: /trade\/close$/ } };
    expect((await closeTicket(sim, TICKETS.btcLong)).status).toBe(500);
    expect(mayaOpen()).not.toContain(TICKETS.btcLong);
  });

  it('hang after-apply closes the ticket and never answers; before-apply does neither', async () => {
    sim.faults.hang = { match: { method: 'POST' }, when: 'before-apply' };
    await expect(call(sim, 'POST', '/api/v1/trade/close', { body: { orderId: TICKETS.btcLong }, timeoutMs: 150 })).rejects.toThrow();
    expect(mayaOpen()).toContain(TICKETS.btcLong);
    sim.faults.hang = { match: { method: 'POST' }, when: 'after-apply' };
    await expect(call(sim, 'POST', '/api/v1/trade/close', { body: { orderId: TICKETS.btcLong }, timeoutMs: 150 })).rejects.toThrow();
    expect(mayaOpen()).not.toContain(TICKETS.btcLong);
  });

  it('latencyMs delays the answer', async () => {
    sim.faults.latencyMs = 80;
    const started = Date.now();
    await call(sim, 'GET', '/api/v1/balance');
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });
});

describe('request ids', () => {
  it('sends none by default, as the platform does, and an x-request-id when asked', async () => {
    expect((await call(sim, 'GET', '/api/v1/balance')).headers.get('x-request-id')).toBeNull();
    const withIds = await startExnessSim({ data: fixtureData(), sendRequestIds: true });
    try {
      const answer = await call(withIds, 'GET', '/api/v1/balance');
      expect(answer.headers.get('x-request-id')).toBe(withIds.requests.at(-1)?.requestId);
    } finally {
      await withIds.close();
    }
  });
});
