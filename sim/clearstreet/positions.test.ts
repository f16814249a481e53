import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startClearStreetSim } from './server';
import type { ClearStreetSim } from './server';
import { call, CASH_SWEEP, eventually, fixtureData, IDS } from './testSupport';
import type { ClearStreetOrder, ClearStreetPosition } from './types';

let sim: ClearStreetSim;
// Long enough that a request sent right after a close always arrives before the fill, even on a busy machine.
const FILL_DELAY_MS = 150;
const positionsPath = `/v1/accounts/${IDS.trader}/positions`;

beforeEach(async () => {
  sim = await startClearStreetSim({ data: fixtureData(), fillDelayMs: FILL_DELAY_MS });
});

afterEach(async () => {
  await sim.close();
});

function quantityOf(symbol: string, accountId: number = IDS.trader): string | undefined {
  return sim.state.positionsOf(accountId).find((position) => position.symbol === symbol)?.quantity;
}

async function listed(query = ''): Promise<ClearStreetPosition[]> {
  const answer = await call(sim, 'GET', `${positionsPath}${query}`);
  expect(answer.status).toBe(200);
  return answer.body.data as ClearStreetPosition[];
}

describe('GET positions', () => {
  it('serves a short with negative quantity, value and cost, and a profit when the price fell', async () => {
    const tsla = (await listed()).find((position) => position.symbol === 'TSLA');
    expect(tsla).toMatchObject({
      position_type: 'SHORT',
      quantity: '-5',
      available_quantity: '-5',
      market_value: '-2000.00',
      cost_basis: '-2100.00',
      unrealized_pnl: '100.00',
      unrealized_pnl_pct: '4.76',
      instrument_price: '400.00',
      closing_price: '410.00',
      daily_unrealized_pnl: '50.00',
    });
  });

  it('keeps fractional quantities exact', async () => {
    const gme = (await listed()).find((position) => position.symbol === 'GME');
    expect(gme).toMatchObject({ quantity: '12.5', market_value: '312.50', cost_basis: '250.00', unrealized_pnl: '62.50', unrealized_pnl_pct: '25.00' });
  });

  it('lowers the available quantity by what working orders already sell or buy back', async () => {
    sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'SELL', quantity: '4', order_type: 'LIMIT', limit_price: '230' });
    sim.state.addOrder(IDS.trader, { symbol: 'TSLA', side: 'BUY', quantity: '2', order_type: 'LIMIT', limit_price: '380' });
    sim.state.addOrder(IDS.trader, { symbol: 'GME', side: 'SELL', quantity: '1', order_type: 'LIMIT', limit_price: '30', status: 'CANCELED' });
    const bySymbol = new Map((await listed()).map((position) => [position.symbol, position]));
    expect(bySymbol.get('AAPL')?.available_quantity).toBe('6');
    expect(bySymbol.get('TSLA')?.available_quantity).toBe('-3');
    expect(bySymbol.get('GME')?.available_quantity).toBe('12.5');
  });

  it('sorts by symbol by default, by any documented field on request, and narrows by instrument', async () => {
    expect((await listed()).map((position) => position.symbol)).toEqual(['AAPL', 'GME', 'SQQQ', 'TSLA']);
    expect((await listed('?sort_by=MARKET_VALUE&sort_direction=DESC')).map((position) => position.symbol)).toEqual(['SQQQ', 'AAPL', 'GME', 'TSLA']);
    expect((await listed('?instrument_ids=a4778bc8-fad1-47b7-87fe-d5cde10d43f4,GME')).map((position) => position.symbol)).toEqual(['GME', 'TSLA']);
    expect((await call(sim, 'GET', `${positionsPath}?sort_by=PRICE`)).status).toBe(400);
  });

  it('pages positions like any list', async () => {
    const first = await call(sim, 'GET', `${positionsPath}?page_size=3`);
    expect((first.body.data as ClearStreetPosition[]).length).toBe(3);
    const next = await call(sim, 'GET', `${positionsPath}?page_token=${first.body.metadata.next_page_token ?? ''}`);
    expect((next.body.data as ClearStreetPosition[]).map((position) => position.symbol)).toEqual(['TSLA']);
    expect(next.body.metadata.next_page_token).toBeUndefined();
  });
});

describe('DELETE one position', () => {
  it('answers with the closing market order, PENDING_NEW, which fills and removes the position and moves the cash', async () => {
    const answer = await call(sim, 'DELETE', `${positionsPath}/TSLA`, { body: 'null' });
    expect(answer.status).toBe(200);
    const [order] = answer.body.data as ClearStreetOrder[];
    expect(order).toMatchObject({ symbol: 'TSLA', side: 'BUY', quantity: '5', order_type: 'MARKET', time_in_force: 'DAY', status: 'PENDING_NEW', leaves_quantity: '5', filled_quantity: '0', venue: 'XNMS' });
    expect(order?.client_order_id).toBe(order?.id);
    expect(quantityOf('TSLA')).toBe('-5');
    await eventually(() => quantityOf('TSLA') === undefined);
    expect(sim.state.getOrder(IDS.trader, order?.id ?? '')).toMatchObject({ status: 'FILLED', filled_quantity: '5', leaves_quantity: '0', average_fill_price: '400.00' });
    // Bought back 5 at 400: an unsettled debit of 2000 on 5000 settled.
    expect(sim.state.cashOf(IDS.trader)).toBe('3000');
    expect(sim.state.balancesOf(IDS.trader).daily_realized_pnl).toBe('100.00');
  });

  it('accepts the instrument id as well as the symbol, and no body at all', async () => {
    const answer = await call(sim, 'DELETE', `${positionsPath}/904837e3-3b76-47ec-b432-046db621571b`);
    expect((answer.body.data as ClearStreetOrder[])[0]).toMatchObject({ symbol: 'GME', side: 'SELL', quantity: '12.5' });
  });

  it('closes only the free part when working orders hold some, and all of it after cancel_orders', async () => {
    const held = sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'SELL', quantity: '4', order_type: 'LIMIT', limit_price: '230' });
    const partial = await call(sim, 'DELETE', `${positionsPath}/AAPL`, { body: 'null' });
    expect((partial.body.data as ClearStreetOrder[])[0]?.quantity).toBe('6');
    await eventually(() => quantityOf('AAPL') === '4');
    const whole = await call(sim, 'DELETE', `${positionsPath}/AAPL`, { body: '{"cancel_orders": true}' });
    expect((whole.body.data as ClearStreetOrder[])[0]?.quantity).toBe('4');
    expect(sim.state.getOrder(IDS.trader, held.id)?.status).toBe('CANCELED');
    await eventually(() => quantityOf('AAPL') === undefined);
  });

  it('refuses a position wholly held by working orders with a risk check and its details', async () => {
    sim.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'SELL', quantity: '1000', order_type: 'LIMIT', limit_price: '16' });
    const answer = await call(sim, 'DELETE', `${positionsPath}/SQQQ`, { body: 'null' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toBe('Risk check failed');
    expect(answer.body.error?.details?.[0]).toMatchObject({ type: 'INSUFFICIENT_POSITION', description: 'Position: the whole quantity is held by working orders' });
    expect(answer.body.error?.details?.[1]).toMatchObject({ domain: 'com.clearstreet.oems.risk', reason: 'INSUFFICIENT_POSITION' });
  });

  it('answers an empty list when the account holds no such position, and 400 for an unknown instrument', async () => {
    const none = await call(sim, 'DELETE', `${positionsPath}/HD`, { body: 'null' });
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual([]);
    const unknown = await call(sim, 'DELETE', `${positionsPath}/ZZZZ`, { body: 'null' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toBe('Instrument ZZZZ could not be resolved');
  });

  it('refuses to close a cash holding, which no order can trade, and leaves it as it was', async () => {
    sim.state.addInstrument(CASH_SWEEP);
    sim.state.setPositions(IDS.saver, [{ symbol: 'USD', quantity: '2500', avg_price: '1' }, { symbol: 'HD', quantity: '3', avg_price: '300' }]);
    const answer = await call(sim, 'DELETE', `/v1/accounts/${IDS.saver}/positions/USD`, { body: 'null' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toBe('Instrument USD is CASH and cannot be closed by an order');
    expect(quantityOf('USD', IDS.saver)).toBe('2500');
  });

  it('refuses to trade in an account that is not active', async () => {
    const answer = await call(sim, 'DELETE', `/v1/accounts/${IDS.dormant}/positions/GME`, { body: 'null' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.details?.[0]).toMatchObject({ type: 'ACCOUNT_STATUS', description: 'Account status: INACTIVE accounts cannot trade' });
    expect(quantityOf('GME', IDS.dormant)).toBe('2');
  });

  it('refuses a body that is not JSON with the parse position, and changes nothing', async () => {
    const answer = await call(sim, 'DELETE', `${positionsPath}/AAPL`, { body: '{\n  "cancel_orders" true\n}' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toBe('Failed to parse the request body as JSON: expected `:` at line 2 column 19');
    expect(sim.state.ordersOf(IDS.trader)).toEqual([]);
  });
});

describe('DELETE all positions', () => {
  it('places one closing order per position, and none for a position wholly held', async () => {
    sim.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'SELL', quantity: '1000', order_type: 'LIMIT', limit_price: '16' });
    const answer = await call(sim, 'DELETE', positionsPath, { body: 'null' });
    const orders = answer.body.data as ClearStreetOrder[];
    expect(orders.map((order) => [order.symbol, order.side, order.quantity])).toEqual([
      ['AAPL', 'SELL', '10'],
      ['GME', 'SELL', '12.5'],
      ['TSLA', 'BUY', '5'],
    ]);
    await eventually(() => sim.state.positionsOf(IDS.trader).length === 1);
    expect(quantityOf('SQQQ')).toBe('1000');
  });

  it('places no closing order for a cash holding, listed as a CASH position', async () => {
    sim.state.addInstrument(CASH_SWEEP);
    sim.state.setPositions(IDS.saver, [{ symbol: 'USD', quantity: '2500', avg_price: '1' }, { symbol: 'HD', quantity: '3', avg_price: '300' }]);
    const listedCash = (await call(sim, 'GET', `/v1/accounts/${IDS.saver}/positions`)).body.data as ClearStreetPosition[];
    expect(listedCash.find((position) => position.symbol === 'USD')).toMatchObject({ instrument_type: 'CASH', quantity: '2500', position_type: 'LONG' });
    const answer = await call(sim, 'DELETE', `/v1/accounts/${IDS.saver}/positions`, { body: 'null' });
    expect((answer.body.data as ClearStreetOrder[]).map((order) => order.symbol)).toEqual(['HD']);
  });

  it('cancels the working orders on the positions first when asked, then closes everything', async () => {
    const sell = sim.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'SELL', quantity: '1000', order_type: 'LIMIT', limit_price: '16' });
    const unrelated = sim.state.addOrder(IDS.trader, { symbol: 'HD', side: 'BUY', quantity: '1', order_type: 'LIMIT', limit_price: '300' });
    const answer = await call(sim, 'DELETE', positionsPath, { body: '{"cancel_orders":true}' });
    expect((answer.body.data as ClearStreetOrder[]).map((order) => order.symbol)).toEqual(['AAPL', 'GME', 'SQQQ', 'TSLA']);
    expect(sim.state.getOrder(IDS.trader, sell.id)).toMatchObject({ status: 'CANCELED', details: ['Canceled before closing the position (cancel_orders)'] });
    expect(sim.state.getOrder(IDS.trader, unrelated.id)?.status).toBe('NEW');
    await eventually(() => sim.state.positionsOf(IDS.trader).length === 0);
    // 5000 + 2000 (AAPL) + 312.50 (GME) + 14000 (SQQQ) - 2000 (TSLA).
    expect(sim.state.cashOf(IDS.trader)).toBe('19312.5');
  });

  it('refuses to close in a closed account, and answers an empty list for an active flat one', async () => {
    const flat = await call(sim, 'DELETE', `/v1/accounts/${IDS.closed}/positions`, { body: 'null' });
    expect(flat.status).toBe(400);
    sim.state.setAccountStatus(IDS.closed, 'ACTIVE');
    const reopened = await call(sim, 'DELETE', `/v1/accounts/${IDS.closed}/positions`, { body: 'null' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.data).toEqual([]);
  });
});
