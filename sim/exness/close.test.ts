import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startExnessSim } from './server';
import type { ExnessSim } from './server';
import { call, closeTicket, fixtureData, openIds, TICKETS, USERS } from './testSupport';
import { REFERENCE_CODE_STYLE } from './types';

let sim: ExnessSim;

beforeEach(async () => {
  sim = await startExnessSim({ data: fixtureData() });
});

afterEach(async () => {
  await sim.close();
});

describe('POST /api/v1/trade/close', () => {
  it('closes the whole ticket at the current price and answers the seed\'s summary', async () => {
    const answer = await closeTicket(sim, TICKETS.btcLong);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      message: 'Order closed successfully',
      order: { orderId: TICKETS.btcLong, status: 'CLOSED', closePrice: 42350.75, profit: 125.5 },
    });
    expect(answer.text).toContain('"profit":125.50');
    expect(openIds(sim, USERS.maya.userId)).toEqual([TICKETS.eurShort, TICKETS.us500Long]);
    expect(sim.state.closedOrdersOf(USERS.maya.userId).at(-1)).toMatchObject({ orderId: TICKETS.btcLong, closePrice: '42350.75', profit: '125.50' });
  });

  it('adds the realised profit, or loss, to the balance', async () => {
    await closeTicket(sim, TICKETS.btcLong);
    await closeTicket(sim, TICKETS.us500Long);
    expect(sim.state.balanceOf(USERS.maya.userId)).toBe('1111.25');
    expect((await call(sim, 'GET', '/api/v1/balance')).text).toBe('{"status":"success","message":1111.25}');
  });

  it('answers the full closed order with profitLoss in the reference code\'s dialect', async () => {
    await sim.close();
    sim = await startExnessSim({ data: fixtureData(), ...REFERENCE_CODE_STYLE });
    const answer = await closeTicket(sim, TICKETS.eurShort);
    expect(answer.body).toMatchObject({
      message: 'Order closed successfully',
      order: { orderId: TICKETS.eurShort, symbol: 'eurusd', type: 'sell', quantity: 1000, closePrice: 1.08423, profitLoss: 5.77, status: 'closed' },
    });
  });

  it('refuses a body without an orderId with "Missing required parameters: orderId"', async () => {
    for (const body of [{}, { orderId: '' }, { orderId: 42 }]) {
      const answer = await call(sim, 'POST', '/api/v1/trade/close', { body });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: 'Missing required parameters: orderId' });
    }
  });

  it('refuses an unknown ticket and an already closed one alike, with error and message', async () => {
    const unknown = await closeTicket(sim, 'ord_nonexistent');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ error: 'Order not found or already closed', message: 'Order not found or already closed' });
    await closeTicket(sim, TICKETS.btcLong);
    const again = await closeTicket(sim, TICKETS.btcLong);
    expect(again.status).toBe(400);
    expect(again.body).toEqual(unknown.body);
    expect(sim.state.closedOrdersOf(USERS.maya.userId).filter((order) => order.orderId === TICKETS.btcLong)).toHaveLength(1);
  });

  it('refuses another user\'s ticket with "Order ID mismatch" and leaves it open', async () => {
    const answer = await closeTicket(sim, TICKETS.noorBtc);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'Order ID mismatch' });
    expect(openIds(sim, USERS.noor.userId)).toEqual([TICKETS.noorBtc]);
  });

  it('refuses a body that is not JSON', async () => {
    const answer = await call(sim, 'POST', '/api/v1/trade/close', { body: '{"orderId":' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'Invalid JSON body' });
  });
});
