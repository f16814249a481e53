import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startScaleTradeSim } from './server';
import type { ScaleTradeSim, ScaleTradeSimOptions } from './server';
import { call, eventually, fixtureData, MANAGER, PASSWORD, READONLY, signIn, TRADER } from './testSupport';
import { CMD, TRADE_TYPE } from './types';

let sim: ScaleTradeSim;
let token: string;

async function start(options: ScaleTradeSimOptions = {}): Promise<void> {
  sim = await startScaleTradeSim({ data: fixtureData(), fillDelayMs: 0, ...options });
  token = await signIn(sim);
}

afterEach(async () => {
  await sim.close();
});

function closeTrade(body: unknown, auth = token) {
  return call(sim, 'DELETE', '/trade/close', { auth, body });
}

function openOrders(): number[] {
  return sim.state.tradesOf(TRADER, TRADE_TYPE.open).map((trade) => trade.order);
}

describe('DELETE /trade/close', () => {
  beforeEach(() => start());

  it('closes a whole trade at the current price, books its net profit and keeps the comment', async () => {
    const answer = await closeTrade({ order: 1002, comment: 'flatten gold' });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('{"data":"OK"}');
    expect(openOrders()).toEqual([1001, 1003]);
    expect(sim.state.trade(1002)).toMatchObject({ status: 'closed', close_price: '2300.4', profit: '2425', net_profit: '2402.5', comment: 'flatten gold' });
    expect(sim.state.balanceOf(TRADER)).toBe('3402.5');
  });

  it('closes part of a trade and leaves the rest open under the same ticket', async () => {
    const answer = await closeTrade({ order: 1002, volume: 100, comment: 'trim' });
    expect(answer.status).toBe(200);
    const remaining = sim.state.trade(1002);
    // 1.5 lots stay: 9.7 x 1.5 x 100 profit, 3/5 of the commission and swap.
    expect(remaining).toMatchObject({ status: 'open', volume: 150, profit: '1455', commission: '-10.5', storage: '-3', comment: 'gold hedge' });
    const closedPart = sim.state.tradesOf(TRADER, TRADE_TYPE.closed).find((trade) => trade.symbol === 'XAUUSD');
    expect(closedPart).toMatchObject({ volume: 100, profit: '970', commission: '-7', storage: '-2', comment: 'trim', cmd: CMD.sell });
    expect(closedPart?.order).not.toBe(1002);
    expect(sim.state.balanceOf(TRADER)).toBe('1961');
  });

  it('treats a volume equal to the open volume as a full close, as the platform does', async () => {
    expect((await closeTrade({ order: 1003, volume: 10 })).status).toBe(200);
    expect(sim.state.trade(1003)?.status).toBe('closed');
  });

  const refused: Array<[string, unknown, string]> = [
    ['a volume above the open volume', { order: 1001, volume: 101 }, 'volume 101 exceeds the open volume 100'],
    ['a fractional volume', { order: 1001, volume: 50.5 }, 'volume must be a positive integer number of minimal lots'],
    ['a volume of 0', { order: 1001, volume: 0 }, 'volume must be a positive integer number of minimal lots'],
    ['a missing order', { volume: 10 }, 'order must be a positive integer'],
    ['an order given as text', { order: '1001' }, 'order must be a positive integer'],
    ['a comment that is not text', { order: 1001, comment: 5 }, 'comment must be a string'],
  ];
  for (const [name, body, message] of refused) {
    it(`refuses ${name} with 400 INVALID_DATA and changes nothing`, async () => {
      const answer = await closeTrade(body);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ error: 'INVALID_DATA', message });
      expect(openOrders()).toEqual([1001, 1002, 1003]);
      expect(sim.state.trade(1001)?.volume).toBe(100);
    });
  }

  it('answers 404 TRADE_ERROR for an unknown ticket, a closed one, a pending one and another login\'s', async () => {
    sim.state.addTrade({ ...sim.state.trade(1001)!, order: 7000, login: MANAGER });
    for (const order of [424242, 900, 1004, 7000]) {
      const answer = await closeTrade({ order });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: 'TRADE_ERROR', message: `Trade ${order} not found` });
    }
  });

  it('answers 500 TRADE_ERROR with its reason when the market of the trade is closed, and executes nothing', async () => {
    sim.state.setMarketOpen('XAUUSD', false);
    const answer = await closeTrade({ order: 1002 });
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: 'TRADE_ERROR', message: 'Market is closed for XAUUSD' });
    expect(openOrders()).toEqual([1001, 1002, 1003]);
    sim.state.setMarketOpen('XAUUSD', true);
    expect((await closeTrade({ order: 1002 })).status).toBe(200);
  });

  it('answers a route it does not have, or was started without, with 404 NOT_FOUND, not TRADE_ERROR', async () => {
    const answer = await call(sim, 'DELETE', '/api/trade/close', { auth: token, body: { order: 1002 } });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: 'NOT_FOUND', message: 'Route not found' });
    await sim.close();
    await start({ withoutRoutes: ['DELETE /trade/close'] });
    const missing = await closeTrade({ order: 1002 });
    expect([missing.status, missing.body]).toEqual([404, { error: 'NOT_FOUND', message: 'Route not found' }]);
    expect(openOrders()).toEqual([1001, 1002, 1003]);
  });

  it('answers 401 PERMISSION_DENIED to a manager or read-only session: the wrong session type for trading', async () => {
    for (const login of [MANAGER, READONLY]) {
      const answer = await closeTrade({ order: 1001 }, await signIn(sim, login, PASSWORD));
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'PERMISSION_DENIED', message: 'Access denied (wrong session type)' });
    }
    expect(openOrders()).toEqual([1001, 1002, 1003]);
  });
});

describe('DELETE /trade/close with the newer accepted answer', () => {
  it('answers accepted with the close volume before executing, then executes after the fill delay', async () => {
    await start({ closeAnswer: 'accepted', fillDelayMs: 40 });
    const answer = await closeTrade({ order: 1001, volume: 30 });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ accepted: true, order: '1001', state: '20', login: String(TRADER), symbol: 'EURUSD', cmd: '0', close_volume: '30' });
    expect(sim.state.trade(1001)?.volume).toBe(100);
    await eventually(() => sim.state.trade(1001)?.volume === 70);
  });

  it('refuses a second close of a trade whose close is still in processing', async () => {
    await start({ closeAnswer: 'accepted', fillDelayMs: 60_000 });
    expect((await closeTrade({ order: 1001 })).body).toMatchObject({ accepted: true, state: '19', close_volume: '100' });
    const again = await closeTrade({ order: 1001 });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'INVALID_DATA', message: 'a close request for this trade is already in processing' });
  });

  it('switches shape per request through sim.closeAnswer', async () => {
    await start();
    sim.closeAnswer = 'accepted';
    expect((await closeTrade({ order: 1003 })).body).toMatchObject({ accepted: true });
    expect(sim.state.trade(1003)?.status).toBe('closed');
  });
});

describe('POST /trade/open', () => {
  beforeEach(() => start());

  it('opens a market trade at the current price and a pending one at its own price', async () => {
    const market = await call(sim, 'POST', '/trade/open', { auth: token, body: { login: TRADER, cmd: CMD.sell, volume: 20, symbol: 'EURUSD', sl: 0, tp: 0, comment: 'api' } });
    expect(market.body).toEqual({ data: 'OK' });
    const opened = sim.state.tradesOf(TRADER, TRADE_TYPE.open).at(-1);
    expect(opened).toMatchObject({ cmd: CMD.sell, volume: 20, open_price: '1.1', comment: 'api' });
    await call(sim, 'POST', '/trade/open', { auth: token, body: { login: TRADER, cmd: CMD.sellLimit, volume: 10, symbol: 'XAUUSD', sl: 0, tp: 0, open_price: 2400.5 } });
    expect(sim.state.tradesOf(TRADER, TRADE_TYPE.pending).at(-1)).toMatchObject({ cmd: CMD.sellLimit, open_price: '2400.5' });
  });

  it('refuses an unknown symbol, a pending trade without a price and another login with 400 INVALID_DATA', async () => {
    const base = { login: TRADER, cmd: CMD.buy, volume: 10, symbol: 'EURUSD', sl: 0, tp: 0 };
    for (const body of [{ ...base, symbol: 'DOGEUSD' }, { ...base, cmd: CMD.buyStop }, { ...base, login: MANAGER }]) {
      const answer = await call(sim, 'POST', '/trade/open', { auth: token, body });
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ error: 'INVALID_DATA' });
    }
  });
});
