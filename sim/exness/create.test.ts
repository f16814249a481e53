import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startExnessSim } from './server';
import type { ExnessSim } from './server';
import { call, fixtureData, USERS } from './testSupport';

let sim: ExnessSim;

beforeEach(async () => {
  sim = await startExnessSim({ data: fixtureData() });
});

afterEach(async () => {
  await sim.close();
});

function create(body: unknown) {
  return call(sim, 'POST', '/api/v1/trade/create', { body });
}

describe('POST /api/v1/trade/create', () => {
  it('opens a ticket at the current price and answers its orderId', async () => {
    const answer = await create('{"symbol":"eurusd","type":"SELL","quantity":2500.5,"leverage":100,"stopLoss":1.1}');
    expect(answer.status).toBe(200);
    const { orderId } = answer.body as { orderId: string };
    expect(answer.body).toEqual({ message: 'Order created successfully', orderId: expect.stringMatching(/^ord_[0-9a-f]{16}$/) });
    expect(sim.state.openOrdersOf(USERS.maya.userId).find((order) => order.orderId === orderId)).toMatchObject({
      symbol: 'EURUSD',
      type: 'sell',
      quantity: '2500.5',
      leverage: 100,
      openPrice: '1.08423',
      stopLoss: '1.1',
      takeProfit: null,
    });
  });

  it('names every missing parameter', async () => {
    const answer = await create({ symbol: 'BTCUSD' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'Missing required parameters: type, quantity, leverage' });
  });

  it('refuses an unknown symbol, a side other than buy or sell, a quantity that is not positive and a fractional leverage', async () => {
    const base = { symbol: 'BTCUSD', type: 'buy', quantity: 1, leverage: 10 };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, symbol: 'DOGEUSD' }, 'Invalid symbol'],
      [{ ...base, type: 'hold' }, 'Invalid order type'],
      [{ ...base, quantity: -1 }, 'Invalid quantity'],
      [{ ...base, quantity: 'lots' }, 'Invalid quantity'],
      [{ ...base, leverage: 1.5 }, 'Invalid leverage'],
    ];
    for (const [body, error] of cases) {
      const answer = await create(body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error });
    }
    expect(sim.state.openOrdersOf(USERS.maya.userId)).toHaveLength(3);
  });
});
