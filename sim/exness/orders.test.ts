import { afterEach, describe, expect, it } from 'vitest';
import { startExnessSim } from './server';
import type { ExnessSim, ExnessSimOptions } from './server';
import { call, fixtureData, TICKETS, USERS } from './testSupport';
import { REFERENCE_CODE_STYLE } from './types';

let sim: ExnessSim | undefined;

async function start(options: ExnessSimOptions = {}): Promise<ExnessSim> {
  sim = await startExnessSim({ data: fixtureData(), ...options });
  return sim;
}

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

type Listed = { message: Array<Record<string, unknown>> };

describe('open orders', () => {
  it('lists the user\'s tickets in the docs\' shape, numbers as JSON numbers with their exact digits', async () => {
    const platform = await start();
    const answer = await call(platform, 'GET', '/api/v1/trade/orders');
    expect(answer.status).toBe(200);
    const orders = (answer.body as Listed).message;
    expect(orders.map((order) => order.orderId)).toEqual([TICKETS.btcLong, TICKETS.eurShort, TICKETS.us500Long]);
    expect(orders[0]).toEqual({
      orderId: TICKETS.btcLong,
      symbol: 'BTCUSD',
      type: 'BUY',
      quantity: 0.25,
      leverage: 20,
      openPrice: 41848.75,
      openTime: '2026-01-20T10:00:00.000Z',
      takeProfit: null,
      stopLoss: null,
      currentPrice: 42350.75,
      profit: 125.5,
      status: 'OPEN',
    });
    expect(answer.text).toContain('"profit":125.50,');
    expect(orders.map((order) => order.profit)).toEqual([125.5, 5.77, -14.55]);
  });

  it('answers the same list under /trade/open', async () => {
    const platform = await start();
    const seed = await call(platform, 'GET', '/api/v1/trade/orders');
    const docs = await call(platform, 'GET', '/api/v1/trade/open');
    expect(docs.status).toBe(200);
    expect(docs.text).toBe(seed.text);
  });

  it('serves only the path the option names', async () => {
    const onlyOpen = await start({ openOrdersPaths: 'open' });
    expect((await call(onlyOpen, 'GET', '/api/v1/trade/orders')).status).toBe(404);
    expect((await call(onlyOpen, 'GET', '/api/v1/trade/open')).status).toBe(200);
    await onlyOpen.close();
    const onlyOrders = await start({ openOrdersPaths: 'orders' });
    expect((await call(onlyOrders, 'GET', '/api/v1/trade/open')).status).toBe(404);
    expect((await call(onlyOrders, 'GET', '/api/v1/trade/orders')).status).toBe(200);
  });

  it('shows a user only their own tickets', async () => {
    const platform = await start();
    const answer = await call(platform, 'GET', '/api/v1/trade/orders', { token: platform.issueToken(USERS.noor) });
    expect((answer.body as Listed).message.map((order) => order.orderId)).toEqual([TICKETS.noorBtc]);
  });

  it('speaks the reference code\'s dialect when asked: message as a JSON string, lower-case names, profitLoss, epoch times', async () => {
    const platform = await start(REFERENCE_CODE_STYLE);
    const answer = await call(platform, 'GET', '/api/v1/trade/orders');
    const message = (answer.body as { message: unknown }).message;
    expect(typeof message).toBe('string');
    expect(message as string).toContain('"profitLoss":125.50');
    const orders = JSON.parse(message as string) as Array<Record<string, unknown>>;
    expect(orders[0]).toMatchObject({
      orderId: TICKETS.btcLong,
      userId: USERS.maya.userId,
      symbol: 'btc',
      type: 'buy',
      openTime: Date.parse('2026-01-20T10:00:00.000Z'),
      profitLoss: 125.5,
      status: 'open',
    });
    expect(orders[0]).not.toHaveProperty('profit');
  });

  it('follows price changes in currentPrice and profit', async () => {
    const platform = await start();
    platform.state.setPrice('US500', '4910.3');
    const orders = (await call(platform, 'GET', '/api/v1/trade/orders')).body as Listed;
    expect(orders.message[2]).toMatchObject({ currentPrice: 4910.3, profit: 15.45 });
  });
});

describe('balance and history', () => {
  it('answers the balance as {status:"success", message:<number>}', async () => {
    const platform = await start();
    const answer = await call(platform, 'GET', '/api/v1/balance');
    expect(answer.body).toEqual({ status: 'success', message: 1000.3 });
    expect(answer.text).toBe('{"status":"success","message":1000.30}');
  });

  it('lists closed orders with close price, close time and realised profit', async () => {
    const platform = await start({ profitField: 'profitLoss' });
    const answer = await call(platform, 'GET', '/api/v1/trade/close');
    expect((answer.body as Listed).message).toEqual([
      expect.objectContaining({
        orderId: 'ord_closed000000001',
        symbol: 'USDJPY',
        type: 'BUY',
        closePrice: 150,
        closeTime: '2026-01-12T16:30:00.000Z',
        profitLoss: 100,
        status: 'CLOSED',
      }),
    ]);
  });
});
