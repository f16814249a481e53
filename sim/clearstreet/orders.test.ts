import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timeOrderedId } from './orders';
import { startClearStreetSim } from './server';
import type { ClearStreetSim } from './server';
import { call, eventually, fixtureData, IDS } from './testSupport';
import type { ClearStreetOrder } from './types';

let sim: ClearStreetSim;
const FILL_DELAY_MS = 150;
const ordersPath = `/v1/accounts/${IDS.trader}/orders`;
let orders: Record<'filledGme' | 'canceledTsla' | 'heldSqqq' | 'buyHd', ClearStreetOrder>;

beforeEach(async () => {
  sim = await startClearStreetSim({ data: fixtureData(), fillDelayMs: FILL_DELAY_MS });
  orders = {
    filledGme: sim.state.addOrder(IDS.trader, { symbol: 'GME', side: 'BUY', quantity: '12.5', status: 'FILLED', average_fill_price: '20', created_at: '2026-01-20T15:00:00.000Z' }),
    canceledTsla: sim.state.addOrder(IDS.trader, { symbol: 'TSLA', side: 'SELL_SHORT', quantity: '5', order_type: 'LIMIT', limit_price: '450', status: 'CANCELED', created_at: '2026-01-21T15:00:00.000Z' }),
    heldSqqq: sim.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'SELL', quantity: '1000', order_type: 'LIMIT', limit_price: '16', time_in_force: 'GOOD_TILL_CANCEL', created_at: '2026-01-22T15:00:00.000Z' }),
    buyHd: sim.state.addOrder(IDS.trader, { symbol: 'HD', side: 'BUY', quantity: '2', order_type: 'LIMIT', limit_price: '350', created_at: '2026-01-23T15:00:00.000Z' }),
  };
});

afterEach(async () => {
  await sim.close();
});

async function listIds(query: string): Promise<string[]> {
  const answer = await call(sim, 'GET', `${ordersPath}${query}`);
  expect(answer.status).toBe(200);
  return (answer.body.data as ClearStreetOrder[]).map((order) => order.id);
}

function submit(orders: unknown[]): ReturnType<typeof call> {
  return call(sim, 'POST', ordersPath, { body: JSON.stringify(orders) });
}

const marketSell = (quantity: string, id?: string) => ({ symbol: 'AAPL', side: 'SELL', quantity, order_type: 'MARKET', time_in_force: 'DAY', ...(id === undefined ? {} : { id }) });

describe('GET orders', () => {
  it('lists every order newest first, and filters by status list, symbol, instruments and time', async () => {
    expect(await listIds('')).toEqual([orders.buyHd.id, orders.heldSqqq.id, orders.canceledTsla.id, orders.filledGme.id]);
    expect(await listIds('?status=NEW,PARTIALLY_FILLED,PENDING_NEW')).toEqual([orders.buyHd.id, orders.heldSqqq.id]);
    expect(await listIds('?status=FILLED')).toEqual([orders.filledGme.id]);
    expect(await listIds('?symbol=tsla')).toEqual([orders.canceledTsla.id]);
    expect(await listIds('?instrument_ids=GME,93f58d0b-6c53-432d-b8ce-2bad264dbd94')).toEqual([orders.heldSqqq.id, orders.filledGme.id]);
    expect(await listIds('?from=2026-01-21T00:00:00Z&to=2026-01-22T15:00:00.000Z')).toEqual([orders.heldSqqq.id, orders.canceledTsla.id]);
    expect(await listIds(`?order_ids=${orders.filledGme.id}`)).toEqual([orders.filledGme.id]);
  });

  it('refuses an unknown status with the variants it accepts', async () => {
    const answer = await call(sim, 'GET', `${ordersPath}?status=OPEN`);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/^Failed to deserialize query string: status: unknown variant `OPEN`, expected one of `PENDING_NEW`/);
  });

  it('reads one order, and names the one it cannot find', async () => {
    expect((await call(sim, 'GET', `${ordersPath}/${orders.heldSqqq.id}`)).body.data).toMatchObject({ id: orders.heldSqqq.id, side: 'SELL', leaves_quantity: '1000' });
    const missing = await call(sim, 'GET', `${ordersPath}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toBe(`Order nope not found for account ${IDS.trader}`);
  });
});

describe('POST orders', () => {
  it('accepts an array of orders, echoes the client id, and fills a market sell after the delay', async () => {
    const answer = await submit([marketSell('4', 'close-aapl-1')]);
    expect(answer.status).toBe(200);
    const [order] = answer.body.data as ClearStreetOrder[];
    expect(order).toMatchObject({ client_order_id: 'close-aapl-1', symbol: 'AAPL', side: 'SELL', quantity: '4', status: 'PENDING_NEW', account_id: IDS.trader });
    expect(order?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await eventually(() => sim.state.getOrder(IDS.trader, order?.id ?? '')?.status === 'FILLED');
    expect(sim.state.positionsOf(IDS.trader).find((position) => position.symbol === 'AAPL')?.quantity).toBe('6');
    expect(sim.state.cashOf(IDS.trader)).toBe('5800');
  });

  it('opens a limit order as NEW after the delay and leaves it working', async () => {
    const answer = await submit([{ symbol: 'GME', side: 'SELL', quantity: '2.5', order_type: 'LIMIT', limit_price: '31.25', time_in_force: 'DAY' }]);
    const [order] = answer.body.data as ClearStreetOrder[];
    await eventually(() => sim.state.getOrder(IDS.trader, order?.id ?? '')?.status === 'NEW');
    expect(sim.state.positionsOf(IDS.trader).find((position) => position.symbol === 'GME')?.available_quantity).toBe('10');
  });

  it('refuses a client id already used in the account, whatever became of that order, and places nothing', async () => {
    const first = await submit([marketSell('1', 'retry-me')]);
    const placed = (first.body.data as ClearStreetOrder[])[0];
    const again = await submit([marketSell('1', 'retry-me')]);
    expect(again.status).toBe(400);
    // The first order may have filled by now on a busy machine; the message names whatever state it is in.
    expect(again.body.error?.message).toMatch(new RegExp(`^\\[0\\]: client order id \`retry-me\` is already used in account ${IDS.trader} by order ${placed?.id} \\((PENDING_NEW|NEW|FILLED)\\)$`));
    expect(again.body.error?.details?.[0]).toMatchObject({ type: 'DUPLICATE_CLIENT_ORDER_ID', subject: `order:${placed?.id}` });
    expect(sim.state.ordersOf(IDS.trader).filter((order) => order.client_order_id === 'retry-me')).toHaveLength(1);
    const twice = await submit([marketSell('1', 'pair'), marketSell('1', 'pair')]);
    expect(twice.status).toBe(400);
    expect(twice.body.error?.message).toContain('by another order in this request');
  });

  it('refuses a sell larger than the free long quantity with a risk check, placing no order of the batch', async () => {
    const answer = await submit([marketSell('5'), { ...marketSell('1'), symbol: 'SQQQ' }]);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toBe('Risk check failed');
    expect(answer.body.error?.details?.[1]).toMatchObject({ reason: 'INSUFFICIENT_POSITION', metadata: { symbol: 'SQQQ', available: '0', required: '1' } });
    expect(sim.state.ordersOf(IDS.trader)).toHaveLength(4);
  });

  it('refuses a purchase beyond the buying power, but lets a buy cover a short without it', async () => {
    const tooBig = await submit([{ symbol: 'HD', side: 'BUY', quantity: '100', order_type: 'MARKET', time_in_force: 'DAY' }]);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error?.details?.[0]).toMatchObject({ type: 'BUYING_POWER', description: 'Buying Power: required > available' });
    sim.state.setCash(IDS.trader, '-100000');
    const cover = await submit([{ symbol: 'TSLA', side: 'BUY', quantity: '5', order_type: 'MARKET', time_in_force: 'DAY' }]);
    expect(cover.status).toBe(200);
  });

  it('refuses a short sale in a cash account', async () => {
    const answer = await call(sim, 'POST', `/v1/accounts/${IDS.saver}/orders`, {
      body: JSON.stringify([{ symbol: 'AAPL', side: 'SELL_SHORT', quantity: '1', order_type: 'MARKET', time_in_force: 'DAY' }]),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.details?.[0]).toMatchObject({ type: 'SHORT_SALE' });
  });

  const invalid: Array<[string, unknown, string]> = [
    ['a zero quantity', marketSell('0'), '[0]: Order quantity must be greater than zero'],
    ['a quantity that is not a decimal', marketSell('1e3'), '[0]: quantity `1e3` is not a decimal number'],
    ['a limit order without a limit price', { ...marketSell('1'), order_type: 'LIMIT' }, '[0]: limit_price is required for LIMIT orders and must be a positive decimal'],
    ['an order without an instrument', { side: 'BUY', quantity: '1', order_type: 'MARKET', time_in_force: 'DAY' }, '[0]: either `symbol` or `instrument_id` must be provided'],
    ['an unknown symbol', { ...marketSell('1'), symbol: 'NOPE' }, '[0]: instrument NOPE could not be resolved'],
    ['a client id longer than 64 characters', marketSell('1', 'x'.repeat(65)), '[0]: id must be 1 to 64 characters long'],
  ];
  for (const [name, order, message] of invalid) {
    it(`refuses ${name} with 400`, async () => {
      const answer = await submit([order]);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toBe(message);
    });
  }

  it('refuses a wrongly shaped order with 422 and serde wording', async () => {
    const answer = await call(sim, 'POST', ordersPath, { body: '[{"symbol":"AAPL","side":"BUY","quantity":"1","time_in_force":"DAY"}]' });
    expect(answer.status).toBe(422);
    expect(answer.body.error?.message).toBe('Failed to deserialize the JSON body into the target type: [0]: missing field `order_type` at line 1 column 68');
  });
});

describe('DELETE one order', () => {
  it('answers PENDING_CANCEL, then the order becomes CANCELED and frees what it held', async () => {
    const answer = await call(sim, 'DELETE', `${ordersPath}/${orders.heldSqqq.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ id: orders.heldSqqq.id, status: 'PENDING_CANCEL', leaves_quantity: '1000' });
    const again = await call(sim, 'DELETE', `${ordersPath}/${orders.heldSqqq.id}`);
    expect(again.body.data).toMatchObject({ status: 'PENDING_CANCEL' });
    await eventually(() => sim.state.getOrder(IDS.trader, orders.heldSqqq.id)?.status === 'CANCELED');
    expect(sim.state.positionsOf(IDS.trader).find((position) => position.symbol === 'SQQQ')?.available_quantity).toBe('1000');
  });

  it('does not find an order that no longer works', async () => {
    const answer = await call(sim, 'DELETE', `${ordersPath}/${orders.filledGme.id}`);
    expect(answer.status).toBe(404);
    expect(answer.body.error?.message).toBe(`Order ${orders.filledGme.id} not found for account ${IDS.trader}`);
  });

  it('keeps a market order that is being canceled from filling', async () => {
    const [order] = (await submit([marketSell('2')])).body.data as ClearStreetOrder[];
    await call(sim, 'DELETE', `${ordersPath}/${order?.id}`);
    await eventually(() => sim.state.getOrder(IDS.trader, order?.id ?? '')?.status === 'CANCELED');
    expect(sim.state.positionsOf(IDS.trader).find((position) => position.symbol === 'AAPL')?.quantity).toBe('10');
  });
});

describe('DELETE all orders', () => {
  it('cancels every working order matching the filters', async () => {
    const buys = await call(sim, 'DELETE', `${ordersPath}?side=BUY`);
    expect((buys.body.data as ClearStreetOrder[]).map((order) => [order.id, order.status])).toEqual([[orders.buyHd.id, 'PENDING_CANCEL']]);
    const all = await call(sim, 'DELETE', ordersPath);
    expect((all.body.data as ClearStreetOrder[]).map((order) => order.id)).toEqual([orders.heldSqqq.id]);
  });

  it('answers 404 "No orders match the specified filters" when nothing is left to cancel', async () => {
    await call(sim, 'DELETE', ordersPath);
    const answer = await call(sim, 'DELETE', ordersPath);
    expect(answer.status).toBe(404);
    expect(answer.body.error?.message).toBe('No orders match the specified filters');
    expect((await call(sim, 'DELETE', `${ordersPath}?type=STOP`)).status).toBe(404);
  });

  it('refuses an unknown filter value with 400', async () => {
    expect((await call(sim, 'DELETE', `${ordersPath}?side=HOLD`)).status).toBe(400);
  });
});

describe('order ids', () => {
  it('are version-7 UUIDs that sort by time', () => {
    const hex = (count: number) => 'a'.repeat(count);
    const early = timeOrderedId(Date.UTC(2025, 9, 3), hex);
    const late = timeOrderedId(Date.UTC(2026, 0, 26), hex);
    // 2025-10-03T00:00Z is 0x0199a75e5000 milliseconds after the epoch.
    expect(early).toBe('0199a75e-5000-7aaa-aaaa-aaaaaaaaaaaa');
    expect(early < late).toBe(true);
  });
});
