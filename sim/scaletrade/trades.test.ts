import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startScaleTradeSim } from './server';
import type { ScaleTradeSim } from './server';
import { call, fixtureData, MANAGER, rowsOf, signIn, TRADER, trade } from './testSupport';
import type { TradeTable } from './testSupport';
import { CMD, TRADE_TYPE } from './types';

let sim: ScaleTradeSim;
let token: string;

beforeEach(async () => {
  sim = await startScaleTradeSim({ data: fixtureData(), fillDelayMs: 0 });
  token = await signIn(sim);
});

afterEach(async () => {
  await sim.close();
});

async function trades(body: unknown): Promise<TradeTable> {
  const answer = await call(sim, 'GET', '/trades', { auth: token, body });
  expect(answer.status).toBe(200);
  return answer.body as TradeTable;
}

describe('GET /trades', () => {
  it('answers the platform structure with one row per open trade, values in column order', async () => {
    const table = await trades({ limit: 100, offset: 0, tradeType: TRADE_TYPE.open });
    expect(table.structure).toEqual([
      'order', 'login', 'cmd', 'state', 'symbol', 'reason', 'volume', 'open_time', 'close_time', 'open_price', 'close_price',
      'sl', 'tp', 'profit', 'net_profit', 'commission', 'storage', 'comment', 'digits', 'expiration',
    ]);
    expect(table.count).toBe('3');
    expect(rowsOf(table).map((row) => row.order)).toEqual(['1001', '1002', '1003']);
  });

  it('prices an open trade at the current closing side, with exact decimal profit', async () => {
    const [eurBuy, goldSell, eurSell] = rowsOf(await trades({ limit: 100, offset: 0, tradeType: TRADE_TYPE.open }));
    // 1 lot bought at 1.09, closes at the 1.1 bid: 0.01 x 100 000.
    expect(eurBuy).toMatchObject({ close_price: '1.1', profit: '1000', net_profit: '1000', volume: '100', digits: '5' });
    // 2.5 lots sold at 2310.1, closes at the 2300.4 ask: 9.7 x 2.5 x 100, less 17.5 commission and 5 swap.
    expect(goldSell).toMatchObject({ cmd: '1', close_price: '2300.4', profit: '2425', net_profit: '2402.5', commission: '-17.5', comment: 'gold hedge' });
    // 0.1 lot sold at 1.1, closes at the 1.1002 ask: 0.0002 x 10 000 (a float would make this -1.9999999999999574).
    expect(eurSell).toMatchObject({ profit: '-2' });
  });

  it('follows price changes', async () => {
    sim.state.setPrice('EURUSD', '1.08', '1.0802');
    const [eurBuy] = rowsOf(await trades({ limit: 1, offset: 0, tradeType: TRADE_TYPE.open }));
    expect(eurBuy).toMatchObject({ close_price: '1.08', profit: '-1000' });
  });

  it('pages with limit and offset while count and totals cover every matching trade', async () => {
    const page = await trades({ limit: 2, offset: 1, tradeType: TRADE_TYPE.open });
    expect(rowsOf(page).map((row) => row.order)).toEqual(['1002', '1003']);
    expect(page.count).toBe('3');
    expect(page).toMatchObject({ total_profit: '3423', total_net_profit: '3400.5', total_volume: '360' });
    expect((await trades({ limit: 5, offset: 3, tradeType: TRADE_TYPE.open })).rows).toEqual([]);
  });

  it('lists pending trades with tradeType 3 and closed ones with 2', async () => {
    const pending = rowsOf(await trades({ limit: 10, offset: 0, tradeType: TRADE_TYPE.pending }));
    expect(pending).toEqual([expect.objectContaining({ order: '1004', cmd: String(CMD.buyLimit), open_price: '1.05', profit: '0' })]);
    const closed = rowsOf(await trades({ limit: 10, offset: 0, tradeType: TRADE_TYPE.closed }));
    expect(closed).toEqual([expect.objectContaining({ order: '900', state: '3', close_price: '1.085', profit: '500', net_profit: '493' })]);
    expect((await trades({ limit: 10, offset: 0, tradeType: TRADE_TYPE.all })).count).toBe('5');
  });

  it('shows only the trades of the login in the token', async () => {
    sim.state.addTrade(trade(5000, { login: MANAGER }));
    expect((await trades({ limit: 10, offset: 0, tradeType: TRADE_TYPE.open })).count).toBe('3');
  });

  const invalid: Array<[string, Parameters<typeof call>[3]]> = [
    ['no body', {}],
    ['a body that is not JSON', { rawBody: '{limit:1' }],
    ['a missing tradeType', { body: { limit: 10, offset: 0 } }],
    ['a limit of 0', { body: { limit: 0, offset: 0, tradeType: 1 } }],
    ['a fractional offset', { body: { limit: 10, offset: 0.5, tradeType: 1 } }],
    ['tradeType 9', { body: { limit: 10, offset: 0, tradeType: 9 } }],
    ['a where filter the simulator cannot apply', { body: { limit: 10, offset: 0, tradeType: 1, where: [['symbol', 'EURUSD']] } }],
  ];
  for (const [name, options] of invalid) {
    it(`answers 400 INVALID_DATA for ${name}`, async () => {
      const answer = await call(sim, 'GET', '/trades', { auth: token, ...options });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'INVALID_DATA' });
    });
  }
});

describe('GET /account/me', () => {
  it('reports balance, equity and margin from the open trades, as exact JSON numbers', async () => {
    const answer = await call(sim, 'GET', '/account/me', { auth: token });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      login: String(TRADER),
      currency: 'USD',
      name: 'Maya Okafor',
      enable: '1',
      enable_read_only: '0',
      balance: '1000',
      credit: '0',
      // 1000 + 2402.5 - 2 floating.
      equity: '4400.5',
      // 1 lot and 0.1 lot EURUSD at 220, 2.5 lots XAUUSD at 460.
      margin: '1392',
      margin_free: '3008.5',
      margin_level: '316.13',
    });
    expect(answer.text).toContain('"equity":4400.5');
  });
});
