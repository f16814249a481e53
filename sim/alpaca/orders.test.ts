import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAlpacaSim } from './server';
import type { AlpacaSim } from './server';
import { call, eventually, fixtureData, IDS, sleep } from './testSupport';
import type { AlpacaOrder } from './types';

let sim: AlpacaSim;
// Long enough that a cancel sent right after a close always arrives before the fill, even on a busy machine.
const FILL_DELAY_MS = 150;
const ordersPath = `/v1/trading/accounts/${IDS.trader}/orders`;
let orders: Record<'filledGme' | 'canceledTsla' | 'heldSqqq' | 'heldAapl', AlpacaOrder>;

beforeEach(async () => {
  sim = await startAlpacaSim({ data: fixtureData(), fillDelayMs: FILL_DELAY_MS });
  orders = {
    filledGme: sim.state.addOrder(IDS.trader, { symbol: 'GME', side: 'buy', qty: '12.5', status: 'filled', filled_avg_price: '20', created_at: '2026-01-20T15:00:00.000Z' }),
    canceledTsla: sim.state.addOrder(IDS.trader, { symbol: 'TSLA', side: 'sell', qty: '5', type: 'limit', limit_price: '450', status: 'canceled', created_at: '2026-01-21T15:00:00.000Z' }),
    heldSqqq: sim.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'sell', qty: '1000', type: 'limit', limit_price: '16', created_at: '2026-01-22T15:00:00.000Z' }),
    heldAapl: sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'sell', qty: '3', type: 'limit', limit_price: '230', created_at: '2026-01-23T15:00:00.000Z' }),
  };
});

afterEach(async () => {
  await sim.close();
});

async function listIds(query: string): Promise<string[]> {
  const answer = await call(sim, 'GET', `${ordersPath}${query}`);
  expect(answer.status).toBe(200);
  return (answer.body as AlpacaOrder[]).map((order) => order.id);
}

describe('GET orders', () => {
  it('lists open orders newest first by default', async () => {
    expect(await listIds('')).toEqual([orders.heldAapl.id, orders.heldSqqq.id]);
  });

  it('filters by status closed or all, symbols, limit and direction', async () => {
    expect(await listIds('?status=closed')).toEqual([orders.canceledTsla.id, orders.filledGme.id]);
    expect(await listIds('?status=all&direction=asc')).toEqual([orders.filledGme.id, orders.canceledTsla.id, orders.heldSqqq.id, orders.heldAapl.id]);
    expect(await listIds('?status=all&limit=1')).toEqual([orders.heldAapl.id]);
    expect(await listIds('?status=all&symbols=TSLA,GME')).toEqual([orders.canceledTsla.id, orders.filledGme.id]);
    expect(await listIds('?status=all&after=2026-01-21T16:00:00Z&until=2026-01-23T00:00:00Z')).toEqual([orders.heldSqqq.id]);
  });

  it('caps limit at 500', async () => {
    for (let i = 0; i < 510; i += 1) sim.state.addOrder(IDS.trader, { symbol: 'HD', side: 'buy', qty: '1', type: 'limit', limit_price: '300' });
    expect(await listIds('?limit=1000')).toHaveLength(500);
    expect(await listIds('')).toHaveLength(50);
  });

  it('refuses an unknown status or a limit that is not a positive integer with 422', async () => {
    expect((await call(sim, 'GET', `${ordersPath}?status=pending`)).status).toBe(422);
    expect((await call(sim, 'GET', `${ordersPath}?limit=abc`)).status).toBe(422);
    expect((await call(sim, 'GET', `${ordersPath}?limit=0`)).status).toBe(422);
  });
});

describe('DELETE one order', () => {
  it('answers 204 and the order reads canceled, freeing the quantity it held', async () => {
    const answer = await call(sim, 'DELETE', `${ordersPath}/${orders.heldAapl.id}`);
    expect(answer.status).toBe(204);
    expect(answer.body).toBeNull();
    expect(sim.state.getOrder(IDS.trader, orders.heldAapl.id)?.status).toBe('canceled');
    expect(sim.state.positionOf(IDS.trader, 'AAPL')?.qty_available).toBe('10');
  });

  it('answers 422 order is not cancelable for a filled or already canceled order', async () => {
    for (const order of [orders.filledGme, orders.canceledTsla]) {
      const answer = await call(sim, 'DELETE', `${ordersPath}/${order.id}`);
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({ code: 42210000, message: 'order is not cancelable' });
    }
  });

  it('answers 422 order is not cancelable for an order the exchange will not let go of, and leaves it working', async () => {
    sim.state.uncancelable.add(orders.heldAapl.id);
    const answer = await call(sim, 'DELETE', `${ordersPath}/${orders.heldAapl.id}`);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ code: 42210000, message: 'order is not cancelable' });
    expect(sim.state.getOrder(IDS.trader, orders.heldAapl.id)?.status).toBe('new');
  });

  it('answers 404 order not found for an unknown order id', async () => {
    const answer = await call(sim, 'DELETE', `${ordersPath}/00000000-0000-4000-8000-000000000000`);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ code: 40410000, message: 'order not found' });
  });

  it('stops a closing order that is canceled before its fill', async () => {
    const close = await call(sim, 'DELETE', `/v1/trading/accounts/${IDS.trader}/positions/TSLA`);
    const closing = close.body as AlpacaOrder;
    expect((await call(sim, 'DELETE', `${ordersPath}/${closing.id}`)).status).toBe(204);
    await sleep(FILL_DELAY_MS + 50);
    expect(sim.state.getOrder(IDS.trader, closing.id)?.status).toBe('canceled');
    expect(sim.state.positionOf(IDS.trader, 'TSLA')?.qty).toBe('-5');
  });
});

describe('DELETE all orders', () => {
  it('answers 207 with status 200 for each open order and leaves none open', async () => {
    const answer = await call(sim, 'DELETE', ordersPath);
    expect(answer.status).toBe(207);
    const results = answer.body as Array<{ id: string; status: number; body: AlpacaOrder }>;
    expect(results.map((result) => [result.id, result.status])).toEqual([
      [orders.heldSqqq.id, 200],
      [orders.heldAapl.id, 200],
    ]);
    expect(results[0]?.body.status).toBe('canceled');
    expect(await listIds('')).toEqual([]);
  });

  it('answers an order it cannot pull back with its own 422 line and cancels the others', async () => {
    sim.state.uncancelable.add(orders.heldSqqq.id);
    const answer = await call(sim, 'DELETE', ordersPath);
    expect(answer.status).toBe(207);
    expect(answer.body).toEqual([
      { id: orders.heldSqqq.id, status: 422, body: { code: 42210000, message: 'order is not cancelable' } },
      expect.objectContaining({ id: orders.heldAapl.id, status: 200 }),
    ]);
    expect(await listIds('')).toEqual([orders.heldSqqq.id]);
  });

  it('answers 404 for an unknown account', async () => {
    const answer = await call(sim, 'DELETE', '/v1/trading/accounts/00000000-0000-4000-8000-000000000000/orders');
    expect(answer.status).toBe(404);
  });
});

describe('fills', () => {
  it('fills a closing order immediately when fillDelayMs is 0 but still answers it as accepted', async () => {
    const instant = await startAlpacaSim({ data: fixtureData(), fillDelayMs: 0 });
    try {
      const answer = await call(instant, 'DELETE', `/v1/trading/accounts/${IDS.trader}/positions/AAPL?qty=1`);
      expect((answer.body as AlpacaOrder).status).toBe('accepted');
      expect(instant.state.getOrder(IDS.trader, (answer.body as AlpacaOrder).id)?.status).toBe('filled');
      expect(instant.state.positionOf(IDS.trader, 'AAPL')?.qty).toBe('9');
    } finally {
      await instant.close();
    }
  });

  it('keeps closing orders working while fills are held, and fills them when released', async () => {
    sim.holdFills();
    const close = await call(sim, 'DELETE', `/v1/trading/accounts/${IDS.trader}/positions/AAPL?qty=1`);
    const id = (close.body as AlpacaOrder).id;
    await sleep(FILL_DELAY_MS * 3);
    expect(sim.state.getOrder(IDS.trader, id)?.status).toBe('accepted');
    expect(sim.state.positionOf(IDS.trader, 'AAPL')?.qty).toBe('10');

    sim.releaseFills();
    expect(sim.state.getOrder(IDS.trader, id)?.status).toBe('filled');
    expect(sim.state.positionOf(IDS.trader, 'AAPL')?.qty).toBe('9');
  });

  it('rejects a closing order the position can no longer cover when it comes to fill', async () => {
    const close = await call(sim, 'DELETE', `/v1/trading/accounts/${IDS.trader}/positions/GME`);
    sim.state.setPositions(IDS.trader, [{ symbol: 'GME', qty: '1', avg_entry_price: '20' }]);
    const id = (close.body as AlpacaOrder).id;
    await eventually(() => sim.state.getOrder(IDS.trader, id)?.status === 'rejected');
    expect(sim.state.positionOf(IDS.trader, 'GME')?.qty).toBe('1');
    expect(sim.state.cashOf(IDS.trader)).toBe('5000');
  });
});
