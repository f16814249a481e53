import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startExnessSim } from './server';
import type { ExnessSim } from './server';
import { call, closeTicket, eventually, fixtureData, openIds, TICKETS, USERS } from './testSupport';

let sim: ExnessSim;

beforeEach(async () => {
  sim = await startExnessSim({ data: fixtureData(), engineTimeoutMs: 100, createTimeoutMs: 100 });
});

afterEach(async () => {
  await sim.close();
});

function mayaOpen(): string[] {
  return openIds(sim, USERS.maya.userId);
}

describe('the close engine', () => {
  it('answers a close the engine finishes within the wait, after the engine\'s time', async () => {
    sim.engine.delayMs = 60;
    const started = Date.now();
    const answer = await closeTicket(sim, TICKETS.btcLong);
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(mayaOpen()).not.toContain(TICKETS.btcLong);
  });

  it('answers 500 when the engine is slower than the wait, and closes the ticket afterwards anyway', async () => {
    // Far slower than the wait, so the ticket is still open when the answer arrives even on a busy machine.
    sim.engine.delayMs = 2_000;
    const answer = await closeTicket(sim, TICKETS.btcLong);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: 'Internal server error', message: 'Engine response timeout' });
    expect(mayaOpen()).toContain(TICKETS.btcLong);
    await eventually(() => !mayaOpen().includes(TICKETS.btcLong), 10_000);
  });

  it('waits 5 seconds by default', async () => {
    const platform = await startExnessSim({ data: fixtureData() });
    try {
      expect(platform.engine).toEqual({ delayMs: 0, closeTimeoutMs: 5000, createTimeoutMs: 3000 });
    } finally {
      await platform.close();
    }
  });

  it('answers a slow create with 408 and opens the ticket afterwards', async () => {
    sim.engine.delayMs = 200;
    const answer = await call(sim, 'POST', '/api/v1/trade/create', { body: { symbol: 'BTCUSD', type: 'buy', quantity: 0.5, leverage: 10 } });
    expect(answer.status).toBe(408);
    expect(answer.body).toMatchObject({ error: 'Request timeout' });
    expect(mayaOpen()).toHaveLength(3);
    await eventually(() => mayaOpen().length === 4);
  });
});
