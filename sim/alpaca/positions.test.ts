import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startAlpacaSim } from './server';
import type { AlpacaSim } from './server';
import { ASSETS, call, CRYPTO_AND_OPTION, eventually, fixtureData, IDS } from './testSupport';
import type { AlpacaErrorBody, AlpacaOrder, AlpacaPosition } from './types';

let sim: AlpacaSim | undefined;

async function start(fillDelayMs = 20): Promise<AlpacaSim> {
  sim = await startAlpacaSim({ data: fixtureData(), fillDelayMs });
  return sim;
}

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const positionsPath = `/v1/trading/accounts/${IDS.trader}/positions`;

function qtyOf(running: AlpacaSim, symbol: string): string | undefined {
  return running.state.positionsOf(IDS.trader).find((position) => position.symbol === symbol)?.qty;
}

function holdSqqq(running: AlpacaSim): AlpacaOrder {
  return running.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'sell', qty: '1000', type: 'limit', limit_price: '16', time_in_force: 'gtc' });
}

describe('GET positions', () => {
  it('computes market value, cost basis and P&L from qty, entry and current price', async () => {
    const running = await start();
    const answer = await call(running, 'GET', positionsPath);
    const aapl = (answer.body as AlpacaPosition[]).find((position) => position.symbol === 'AAPL');
    expect(aapl).toMatchObject({
      asset_id: ASSETS[0]?.asset_id,
      side: 'long',
      qty: '10',
      qty_available: '10',
      avg_entry_price: '150',
      current_price: '200',
      lastday_price: '190',
      market_value: '2000',
      cost_basis: '1500',
      unrealized_pl: '500',
      unrealized_intraday_pl: '100',
      asset_class: 'us_equity',
      exchange: 'NASDAQ',
    });
    expect(new Decimal(aapl?.unrealized_plpc ?? 'NaN').minus(new Decimal(500).dividedBy(1500)).abs().lessThan('1e-15')).toBe(true);
    expect(new Decimal(aapl?.change_today ?? 'NaN').minus(new Decimal(10).dividedBy(190)).abs().lessThan('1e-15')).toBe(true);
  });

  it('serves a short with side short and negative qty, market value and cost basis, as Alpaca does', async () => {
    const running = await start();
    const answer = await call(running, 'GET', positionsPath);
    const tsla = (answer.body as AlpacaPosition[]).find((position) => position.symbol === 'TSLA');
    expect(tsla).toMatchObject({ side: 'short', qty: '-5', qty_available: '-5', market_value: '-2000', cost_basis: '-2100', unrealized_pl: '100', unrealized_intraday_pl: '50' });
  });

  it('takes quantity held by open sell orders out of qty_available', async () => {
    const running = await start();
    running.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'sell', qty: '3', type: 'limit', limit_price: '230' });
    const aapl = running.state.positionOf(IDS.trader, 'AAPL');
    expect(aapl?.qty).toBe('10');
    expect(aapl?.qty_available).toBe('7');
  });

  it('answers 404 for an unknown account', async () => {
    const running = await start();
    const answer = await call(running, 'GET', '/v1/trading/accounts/00000000-0000-4000-8000-000000000000/positions');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ code: 40410000, message: 'account not found' });
  });
});

describe('GET trade account', () => {
  it('sends cash, equity and market values as decimal strings consistent with the positions', async () => {
    const running = await start();
    const answer = await call(running, 'GET', `/v1/trading/accounts/${IDS.trader}/account`);
    expect(answer.status).toBe(200);
    // long 2000 + 312.5 + 14000, short -2000, cash 5000
    expect(answer.body).toMatchObject({ id: IDS.trader, cash: '5000', long_market_value: '16312.5', short_market_value: '-2000', equity: '19312.5' });
    for (const field of ['buying_power', 'regt_buying_power', 'portfolio_value', 'initial_margin', 'maintenance_margin']) {
      expect(typeof (answer.body as Record<string, unknown>)[field]).toBe('string');
    }
  });
});

describe('DELETE one position', () => {
  it('answers with an accepted market order and fills it after the delay, reducing the position and adding cash', async () => {
    const running = await start(150);
    const answer = await call(running, 'DELETE', `${positionsPath}/AAPL?qty=4`);
    expect(answer.status).toBe(200);
    const order = answer.body as AlpacaOrder;
    expect(order).toMatchObject({ symbol: 'AAPL', side: 'sell', qty: '4', type: 'market', order_type: 'market', time_in_force: 'day', status: 'accepted', filled_qty: '0', filled_avg_price: null, asset_id: ASSETS[0]?.asset_id });
    expect(qtyOf(running, 'AAPL')).toBe('10');
    await eventually(() => running.state.getOrder(IDS.trader, order.id)?.status === 'filled');
    expect(running.state.getOrder(IDS.trader, order.id)).toMatchObject({ filled_qty: '4', filled_avg_price: '200' });
    expect(qtyOf(running, 'AAPL')).toBe('6');
    expect(running.state.cashOf(IDS.trader)).toBe('5800');
  });

  it('covers a short with a buy order and takes the cost from cash', async () => {
    const running = await start();
    const answer = await call(running, 'DELETE', `${positionsPath}/TSLA?qty=2`);
    expect((answer.body as AlpacaOrder).side).toBe('buy');
    await eventually(() => qtyOf(running, 'TSLA') === '-3');
    expect(running.state.cashOf(IDS.trader)).toBe('4200');
  });

  it('closes the whole position without qty or percentage and removes it once flat', async () => {
    const running = await start();
    const answer = await call(running, 'DELETE', `${positionsPath}/GME`);
    expect((answer.body as AlpacaOrder).qty).toBe('12.5');
    await eventually(() => qtyOf(running, 'GME') === undefined);
    expect(running.state.cashOf(IDS.trader)).toBe('5312.5');
  });

  it('accepts the asset id in place of the symbol', async () => {
    const running = await start();
    const answer = await call(running, 'DELETE', `${positionsPath}/${ASSETS[0]?.asset_id}?qty=1`);
    expect(answer.status).toBe(200);
    expect((answer.body as AlpacaOrder).symbol).toBe('AAPL');
  });

  it('turns a percentage into shares, whole for a whole position and fractional for a fractional one', async () => {
    const running = await start();
    expect(((await call(running, 'DELETE', `${positionsPath}/AAPL?percentage=33.333`)).body as AlpacaOrder).qty).toBe('3');
    expect(((await call(running, 'DELETE', `${positionsPath}/GME?percentage=10`)).body as AlpacaOrder).qty).toBe('1.25');
  });

  it('counts the quantity of a closing order not yet filled as held, so a repeated close is refused', async () => {
    const running = await start(500);
    expect((await call(running, 'DELETE', `${positionsPath}/AAPL?qty=4`)).status).toBe(200);
    const again = await call(running, 'DELETE', `${positionsPath}/AAPL?qty=7`);
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ code: 40310000, message: 'insufficient qty available for order', existing_qty: '10', held_for_orders: '4', available: '6' });
  });

  it('refuses more than the available quantity with 403 and the held amounts', async () => {
    const running = await start();
    holdSqqq(running);
    const answer = await call(running, 'DELETE', `${positionsPath}/SQQQ`);
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ code: 40310000, message: 'insufficient qty available for order', existing_qty: '1000', held_for_orders: '1000', available: '0' });
    expect((await call(running, 'DELETE', `${positionsPath}/AAPL?qty=11`)).status).toBe(403);
  });

  it.each([
    ['qty and percentage together', 'qty=1&percentage=10', 'AAPL', /qty and percentage/],
    ['qty of zero', 'qty=0', 'AAPL', /qty must be > 0/],
    ['negative qty', 'qty=-1', 'AAPL', /qty must be > 0/],
    ['qty that is not a number', 'qty=abc', 'AAPL', /qty must be a decimal/],
    ['qty with ten decimals', 'qty=0.1234567891', 'AAPL', /at most 9 decimal places/],
    ['percentage of zero', 'percentage=0', 'AAPL', /percentage must be between 0 and 100/],
    ['percentage above 100', 'percentage=100.5', 'AAPL', /percentage must be between 0 and 100/],
    ['percentage with ten decimals', 'percentage=10.1234567891', 'AAPL', /percentage can have at most 9 decimal places/],
    ['percentage that rounds to no whole share', 'percentage=5', 'AAPL', /less than one closable unit/],
    ['fractional qty of a non-fractionable asset', 'qty=1.5', 'SQQQ', /not fractionable/],
  ])('refuses %s with 422 and code 42210000', async (_name, query, symbol, message) => {
    const running = await start();
    const answer = await call(running, 'DELETE', `${positionsPath}/${symbol}?${query}`);
    expect(answer.status).toBe(422);
    expect((answer.body as AlpacaErrorBody).code).toBe(42210000);
    expect((answer.body as AlpacaErrorBody).message).toMatch(message);
    expect(running.state.ordersOf(IDS.trader)).toEqual([]);
  });

  it('accepts nine decimals of qty and a percentage of exactly 100', async () => {
    const running = await start();
    expect((await call(running, 'DELETE', `${positionsPath}/GME?qty=0.123456789`)).status).toBe(200);
    expect(((await call(running, 'DELETE', `${positionsPath}/AAPL?percentage=100`)).body as AlpacaOrder).qty).toBe('10');
  });

  it('answers 404 position not found for a symbol the account does not hold', async () => {
    const running = await start();
    for (const symbol of ['HD', 'ZZZZ']) {
      const answer = await call(running, 'DELETE', `${positionsPath}/${symbol}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ code: 40410000, message: 'position not found' });
    }
  });

  it('answers 404 account not found for an unknown account', async () => {
    const running = await start();
    const answer = await call(running, 'DELETE', '/v1/trading/accounts/00000000-0000-4000-8000-000000000000/positions/AAPL');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ message: 'account not found' });
  });
});

describe('DELETE all positions', () => {
  it('answers 207 with an order per position and a 403 for the position held by an open order', async () => {
    const running = await start();
    holdSqqq(running);
    const answer = await call(running, 'DELETE', positionsPath);
    expect(answer.status).toBe(207);
    const results = answer.body as Array<{ symbol: string; status: number; body: AlpacaOrder | AlpacaErrorBody }>;
    expect(results.map((result) => [result.symbol, result.status])).toEqual([['AAPL', 200], ['GME', 200], ['SQQQ', 403], ['TSLA', 200]]);
    expect(results[2]?.body).toEqual({ code: 40310000, message: 'insufficient qty available for order', existing_qty: '1000', held_for_orders: '1000', available: '0' });
    expect(results[3]?.body).toMatchObject({ side: 'buy', qty: '5', status: 'accepted' });
    await eventually(() => running.state.positionsOf(IDS.trader).length === 1);
    expect(qtyOf(running, 'SQQQ')).toBe('1000');
    expect(running.state.cashOf(IDS.trader)).toBe('5312.5');
  });

  it('cancels open orders first with cancel_orders=true, then closes everything', async () => {
    const running = await start();
    const hold = holdSqqq(running);
    const answer = await call(running, 'DELETE', `${positionsPath}?cancel_orders=true`);
    const results = answer.body as Array<{ symbol: string; status: number }>;
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(running.state.getOrder(IDS.trader, hold.id)?.status).toBe('canceled');
    await eventually(() => running.state.positionsOf(IDS.trader).length === 0);
    expect(running.state.cashOf(IDS.trader)).toBe('19312.5');
  });

  it('answers 207 with an empty list for a flat account', async () => {
    const running = await start();
    const answer = await call(running, 'DELETE', `/v1/trading/accounts/${IDS.flat}/positions`);
    expect(answer.status).toBe(207);
    expect(answer.body).toEqual([]);
  });

  it('answers 404 for an unknown account and 422 with code 42210000 for a cancel_orders that is not a boolean', async () => {
    const running = await start();
    expect((await call(running, 'DELETE', '/v1/trading/accounts/00000000-0000-4000-8000-000000000000/positions')).status).toBe(404);
    const bad = await call(running, 'DELETE', `${positionsPath}?cancel_orders=maybe`);
    expect([bad.status, bad.body]).toEqual([422, { code: 42210000, message: 'cancel_orders must be true or false' }]);
  });

  it('reads cancel_orders as Alpaca does, so the True its Python SDK sends cancels the orders first', async () => {
    const running = await start();
    const sell = holdSqqq(running);
    const answer = await call(running, 'DELETE', `${positionsPath}?cancel_orders=True`);
    expect((answer.body as { status: number }[]).every((line) => line.status === 200)).toBe(true);
    expect(running.state.getOrder(IDS.trader, sell.id)?.status).toBe('canceled');
  });
});

describe('crypto and option positions', () => {
  async function withCryptoAndOption(): Promise<AlpacaSim> {
    const running = await start(0);
    for (const asset of CRYPTO_AND_OPTION) running.state.addAsset(asset);
    running.state.setPositions(IDS.flat, [
      { symbol: 'BTC/USD', qty: '0.123456789', avg_entry_price: '60000' },
      { symbol: 'AAPL240119C00100000', qty: '3', avg_entry_price: '2' },
    ]);
    return running;
  }

  it('lists a crypto pair without its slash and values an option per contract of 100 shares', async () => {
    const running = await withCryptoAndOption();
    const positions = (await call(running, 'GET', `/v1/trading/accounts/${IDS.flat}/positions`)).body as AlpacaPosition[];
    expect(positions.map((position) => [position.symbol, position.asset_class, position.qty, position.market_value, position.cost_basis])).toEqual([
      ['BTCUSD', 'crypto', '0.123456789', '7901.234496', '7407.40734'],
      ['AAPL240119C00100000', 'us_option', '3', '750', '600'],
    ]);
  });

  it('closes a crypto position named BTCUSD with a BTC/USD order, and answers 404 for BTC/USD in the path', async () => {
    const running = await withCryptoAndOption();
    const slashed = await call(running, 'DELETE', `/v1/trading/accounts/${IDS.flat}/positions/${encodeURIComponent('BTC/USD')}`);
    expect(slashed.status).toBe(404);
    const answer = await call(running, 'DELETE', `/v1/trading/accounts/${IDS.flat}/positions/BTCUSD?qty=0.000000789`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ symbol: 'BTC/USD', asset_class: 'crypto', qty: '0.000000789', side: 'sell', time_in_force: 'gtc' });
    await eventually(() => running.state.positionsOf(IDS.flat).find((position) => position.symbol === 'BTCUSD')?.qty === '0.123456');
  });

  it('closes option contracts in whole numbers, moving cash by 100 shares a contract', async () => {
    const running = await withCryptoAndOption();
    const fraction = await call(running, 'DELETE', `/v1/trading/accounts/${IDS.flat}/positions/AAPL240119C00100000?qty=0.5`);
    expect(fraction.status).toBe(422);
    const answer = await call(running, 'DELETE', `/v1/trading/accounts/${IDS.flat}/positions/AAPL240119C00100000?qty=2`);
    expect(answer.body).toMatchObject({ symbol: 'AAPL240119C00100000', asset_class: 'us_option', qty: '2' });
    await eventually(() => running.state.cashOf(IDS.flat) === '500');
  });

  it('names each position of a close all the way the positions list does', async () => {
    const running = await withCryptoAndOption();
    const answer = await call(running, 'DELETE', `/v1/trading/accounts/${IDS.flat}/positions`);
    expect((answer.body as { symbol: string; status: number }[]).map((line) => [line.symbol, line.status])).toEqual([
      ['BTCUSD', 200],
      ['AAPL240119C00100000', 200],
    ]);
  });
});
