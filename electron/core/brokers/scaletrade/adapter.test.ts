import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { startScaleTradeSim, type ScaleTradeSim, type ScaleTradeSimOptions } from '../../../../sim/scaletrade/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { eventually, fixtureData, MANAGER, PASSWORD, TRADER, trade } from '../../../../sim/scaletrade/testSupport';
import type { CloseAmount } from '../../../../shared/actions';
import { toDecimalString } from '../../../../shared/decimal';
import type { Position } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/errors';
import type { BrokerAdapter } from '../broker';
import { createScaleTradeAdapter, TRADE_PAGE } from './adapter';
import { closedPortUrl, failure } from '../adapterTests.testkit';

const ACCOUNT = String(TRADER);
const CLOSED = 2;

let sim: ScaleTradeSim;
let adapter: BrokerAdapter;

async function start(options: ScaleTradeSimOptions = {}): Promise<void> {
  sim = await startScaleTradeSim({ data: fixtureData(), fillDelayMs: 0, ...options });
  adapter = connect();
}

function connect(overrides: { password?: string; login?: number; timeoutMs?: number; now?: () => number } = {}): BrokerAdapter {
  return createScaleTradeAdapter(
    { baseUrl: sim.url, credentials: { login: overrides.login ?? TRADER, secret: overrides.password ?? PASSWORD }, timeoutMs: overrides.timeoutMs ?? 2_000 },
    overrides.now ? { now: overrides.now } : {},
  );
}

afterEach(async () => {
  await sim.close();
});

function requestsTo(method: string, path: string) {
  return sim.requests.filter((request) => request.method === method && request.path === path);
}

const signIns = () => requestsTo('POST', '/sign/in').length;
const closes = () => requestsTo('DELETE', '/trade/close');

async function positionOf(ticket: string, using = adapter): Promise<Position> {
  const position = (await using.listPositions(ACCOUNT)).find((candidate) => candidate.id === ticket);
  if (!position) throw new Error(`ticket ${ticket} is not open`);
  return position;
}

describe('ScaleTrade adapter: account', () => {
  beforeEach(() => start());

  it('lists the one account of the login, named from its profile', async () => {
    expect(await adapter.listAccounts()).toEqual([
      { id: ACCOUNT, number: ACCOUNT, name: 'Maya Okafor', status: 'ACTIVE', statusTone: 'active', currency: 'USD' },
    ]);
  });

  it('reads balance, equity and free margin as exact decimals, and no day result, which the profile does not give', async () => {
    expect(await adapter.getBalances(ACCOUNT)).toEqual({
      accountId: ACCOUNT, cash: '1000', equity: '4400.5', buyingPower: '3008.5', buyingPowerKind: 'free_margin', dayPnl: null, currency: 'USD',
    });
  });

  it('names an account that is not this login as not found, without asking the broker', async () => {
    const error = await failure(adapter.listPositions('999'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe(`Account 999 was not found: this ScaleTrade connection is login ${ACCOUNT}.`);
    expect(sim.requests).toHaveLength(0);
  });

  it('needs a login', () => {
    expect(() => createScaleTradeAdapter({ baseUrl: sim.url, credentials: { secret: PASSWORD } })).toThrow(/needs the account login/);
    expect(() => createScaleTradeAdapter({ baseUrl: sim.url, credentials: { keyId: ACCOUNT, secret: PASSWORD } })).not.toThrow();
  });
});

describe('ScaleTrade adapter: trades', () => {
  beforeEach(() => start());

  it('maps open trades to positions by ticket, sized in lots, with net profit', async () => {
    const positions = await adapter.listPositions(ACCOUNT);
    expect(positions.map((position) => [position.id, position.symbol, position.side, position.quantity, position.fractional])).toEqual([
      ['1001', 'EURUSD', 'long', '1', false],
      ['1002', 'XAUUSD', 'short', '2.5', true],
      ['1003', 'EURUSD', 'short', '0.1', true],
    ]);
    expect(positions[1]).toMatchObject({
      available: '2.5',
      unit: { name: 'lots', step: '0.01' },
      avgPrice: '2310.1',
      lastPrice: '2300.4',
      unrealizedPnl: '2402.5',
    });
    // 0.0002 x 10 000 units: -2 exactly, where binary floats give -1.9999999999999574.
    expect(positions[2]?.unrealizedPnl).toBe('-2');
    expect(requestsTo('GET', '/trades')[0]?.body).toEqual({ limit: TRADE_PAGE, offset: 0, tradeType: 1 });
  });

  it('carries each ticket its open time, stop loss, take profit, swap, commission and the symbol digits', async () => {
    sim.state.addTrade(trade(1005, { symbol: 'XAUUSD', volume: 250, open_time: 1_769_100_000, sl: '2290.5', tp: '2350', commission: '-3.25', storage: '1.5' }));
    const positions = await adapter.listPositions(ACCOUNT);
    const byTicket = new Map(positions.map((position) => [position.id, position]));
    expect(byTicket.get('1005')).toMatchObject({
      priceScale: { kind: 'digits', digits: 2 },
      ticket: { openedAt: '2026-01-22T16:40:00.000Z', stopLoss: '2290.5', takeProfit: '2350', swap: '1.5', commission: '-3.25' },
    });
    // Two gold sells of 2.5 lots, told apart by ticket, open time, limits and costs; 0 means no stop loss or take profit.
    expect(byTicket.get('1002')?.ticket).toEqual({ openedAt: '2026-01-21T12:53:20.000Z', stopLoss: null, takeProfit: null, swap: '-5', commission: '-17.5' });
    expect(byTicket.get('1001')?.priceScale).toEqual({ kind: 'digits', digits: 5 });
    expect((await adapter.listOrders(ACCOUNT))[0]?.priceScale).toEqual({ kind: 'digits', digits: 5 });
  });

  it('pages with limit and offset until every counted trade is read', async () => {
    for (let i = 0; i < 450; i += 1) sim.state.addTrade(trade(10_000 + i, { volume: 1 + (i % 7) }));
    const positions = await adapter.listPositions(ACCOUNT);
    expect(positions).toHaveLength(453);
    expect(new Set(positions.map((position) => position.id)).size).toBe(453);
    expect(requestsTo('GET', '/trades').map((request) => (request.body as { offset: number }).offset)).toEqual([0, 200, 400]);
  });

  it('lists pending trades as working orders with their kind', async () => {
    expect(await adapter.listOrders(ACCOUNT)).toEqual([
      expect.objectContaining({ id: '1004', symbol: 'EURUSD', side: 'buy', type: 'buy_limit', quantity: '0.5', limitPrice: '1.05', status: 'pending', open: true }),
    ]);
  });

  it('lists closed buys and sells, newest first, with the symbol digits, leaving out cancelled pending orders', async () => {
    sim.state.addTrade(trade(950, { status: 'deleted', cmd: 3, close_time: 1_769_100_000 }));
    await adapter.closePosition(ACCOUNT, await positionOf('1003'), { kind: 'all' });
    const history = (await adapter.listCloseHistory?.(ACCOUNT)) ?? [];
    expect(history.map((closed) => closed.id)).toEqual(['1003', '900']);
    expect(history[1]).toEqual({
      id: '900', accountId: ACCOUNT, symbol: 'EURUSD', side: 'long', orderSide: null, quantity: '1', openPrice: '1.08', closePrice: '1.085', profit: '493', closedAt: new Date(1_768_000_000_000).toISOString(),
      priceScale: { kind: 'digits', digits: 5 },
    });
    expect(requestsTo('GET', '/trades').at(-1)?.body).toMatchObject({ tradeType: CLOSED });
  });

  it('says cancelling is unavailable, without asking the broker', async () => {
    const error = await failure(adapter.cancelOrder(ACCOUNT, '1004'));
    expect(error.code).toBe('unsupported');
    expect(error.message).toBe('ScaleTrade pending trades cannot be cancelled through this API.');
    expect(sim.requests).toHaveLength(0);
  });
});

describe('ScaleTrade adapter: closing', () => {
  beforeEach(() => start());

  it('closes a whole trade with no volume and says what was closed in lots', async () => {
    const result = await adapter.closePosition(ACCOUNT, await positionOf('1002'), { kind: 'all' });
    expect(closes().map((request) => request.body)).toEqual([{ order: 1002 }]);
    expect(result.message).toBe('ScaleTrade closed 2.5 lots of XAUUSD short (ticket 1002), the whole trade.');
    expect(result.order).toMatchObject({ id: '1002', side: 'buy', quantity: '2.5', filledQuantity: '2.5', status: 'filled', open: false });
    expect(sim.state.trade(1002)?.status).toBe('closed');
  });

  it('closes part of a trade in minimal lots, with the comment, and the rest stays under the ticket', async () => {
    const result = await adapter.closePosition(ACCOUNT, await positionOf('1002'), { kind: 'quantity', quantity: toDecimalString('1') }, { comment: 'trim' });
    expect(closes().map((request) => request.body)).toEqual([{ order: 1002, volume: 100, comment: 'trim' }]);
    expect(result.message).toBe('ScaleTrade closed 1 of 2.5 lots of XAUUSD short (ticket 1002); 1.5 lots stay open under the same ticket.');
    expect((await positionOf('1002')).quantity).toBe('1.5');
    expect(sim.state.tradesOf(TRADER, CLOSED).find((closed) => closed.symbol === 'XAUUSD')?.comment).toBe('trim');
  });

  it('closes a hundredth of a lot as volume 1', async () => {
    await adapter.closePosition(ACCOUNT, await positionOf('1003'), { kind: 'quantity', quantity: toDecimalString('0.01') });
    expect(closes()[0]?.body).toEqual({ order: 1003, volume: 1 });
    expect(sim.state.trade(1003)?.volume).toBe(9);
  });

  const guarded: Array<[string, CloseAmount, string]> = [
    ['a part of a minimal lot', { kind: 'quantity', quantity: toDecimalString('0.005') }, 'quantity'],
    ['the whole volume given as a quantity', { kind: 'quantity', quantity: toDecimalString('1') }, 'quantity'],
    ['more than is open', { kind: 'quantity', quantity: toDecimalString('1.5') }, 'quantity'],
    ['a percentage', { kind: 'percent', percent: toDecimalString('50') }, 'percent'],
  ];
  for (const [name, amount, field] of guarded) {
    it(`refuses ${name} before sending anything`, async () => {
      const error = await failure(adapter.closePosition(ACCOUNT, await positionOf('1001'), amount));
      expect(error.code).toBe('validation');
      expect(error.field).toBe(field);
      expect(error.outcome).toBe('not_sent');
      expect(closes()).toHaveLength(0);
    });
  }

  it('reports ScaleTrade\'s own refusal of a volume in its words, with its code', async () => {
    const stale = { ...(await positionOf('1001')), quantity: toDecimalString('5'), available: toDecimalString('5') };
    const error = await failure(adapter.closePosition(ACCOUNT, stale, { kind: 'quantity', quantity: toDecimalString('2') }));
    expect(error.code).toBe('broker_rejected');
    expect(error.outcome).toBe('rejected');
    expect(error.brokerCode).toBe('INVALID_DATA');
    expect(error.httpStatus).toBe(400);
    expect(error.message).toBe('ScaleTrade rejected the request: volume 200 exceeds the open volume 100');
  });

  it('names the ticket that is no longer open', async () => {
    const position = await positionOf('1003');
    await adapter.closePosition(ACCOUNT, position, { kind: 'all' });
    const error = await failure(adapter.closePosition(ACCOUNT, position, { kind: 'all' }));
    expect(error.code).toBe('not_found');
    expect(error.outcome).toBe('rejected');
    expect(error.brokerCode).toBe('TRADE_ERROR');
    expect(error.message).toBe('Ticket 1003 (EURUSD) is not open at ScaleTrade: it may already be closed.');
  });

  it('reads a whole close back from its closed ticket: the close price and the net profit ScaleTrade booked', async () => {
    const position = await positionOf('1002');
    const { order } = await adapter.closePosition(ACCOUNT, position, { kind: 'all' });
    if (!order) throw new Error('the close gave no order');
    expect(order.avgFillPrice).toBeNull();
    const [reading] = await adapter.readClosingOrders?.(ACCOUNT, [{ order, position }]) ?? [];
    const closed = sim.state.trade(1002);
    expect(reading?.order).toMatchObject({ id: '1002', status: 'filled', open: false, filledQuantity: '2.5', avgFillPrice: toDecimalString(closed?.close_price ?? '') });
    expect(reading?.realizedPnl).toBe(toDecimalString(closed?.net_profit ?? ''));
  });

  it('finds the closed part of a partial close under the new ticket ScaleTrade booked it as', async () => {
    const position = await positionOf('1002');
    const { order } = await adapter.closePosition(ACCOUNT, position, { kind: 'quantity', quantity: toDecimalString('1') });
    if (!order) throw new Error('the close gave no order');
    const [reading] = await adapter.readClosingOrders?.(ACCOUNT, [{ order, position }]) ?? [];
    const split = sim.state.tradesOf(TRADER, CLOSED).find((closed) => closed.symbol === 'XAUUSD');
    expect(split?.order).not.toBe(1002);
    expect(reading?.order).toMatchObject({ id: '1002', status: 'filled', filledQuantity: '1', avgFillPrice: toDecimalString(split?.close_price ?? '') });
    expect(reading?.realizedPnl).toBe(toDecimalString(split?.net_profit ?? ''));
    expect((await positionOf('1002')).quantity).toBe('1.5');
  });

  it('reads an accepted close back unchanged while its trade is not closed yet', async () => {
    await sim.close();
    await start({ fillDelayMs: 60_000, closeAnswer: 'accepted' });
    const position = await positionOf('1001');
    const { order } = await adapter.closePosition(ACCOUNT, position, { kind: 'all' });
    if (!order) throw new Error('the close gave no order');
    const [before] = await adapter.readClosingOrders?.(ACCOUNT, [{ order, position }]) ?? [];
    expect(before).toEqual({ order, realizedPnl: null });
    expect(requestsTo('GET', '/trades').at(-1)?.body).toMatchObject({ tradeType: CLOSED });
  });

  it('understands the newer accepted answer: accepted into processing, not yet executed', async () => {
    sim.closeAnswer = 'accepted';
    const result = await adapter.closePosition(ACCOUNT, await positionOf('1001'), { kind: 'quantity', quantity: toDecimalString('0.3') });
    expect(result.message).toBe('ScaleTrade accepted the close of 0.3 of 1 lot of EURUSD long (ticket 1001) into processing, not yet executed: check the positions to see it done.');
    expect(result.order).toMatchObject({ id: '1001', side: 'sell', quantity: '0.3', filledQuantity: '0', status: 'accepted', open: true });
    await eventually(() => sim.state.trade(1001)?.volume === 70);
  });
});

describe('ScaleTrade adapter: session', () => {
  it('signs in once for many calls, and concurrent first calls share that sign-in', async () => {
    await start();
    await Promise.all([adapter.listPositions(ACCOUNT), adapter.listOrders(ACCOUNT), adapter.getBalances(ACCOUNT), adapter.listAccounts()]);
    await adapter.listPositions(ACCOUNT);
    expect(signIns()).toBe(1);
  });

  it('signs in again before a call when the token expires within a few seconds', async () => {
    let now = Date.UTC(2026, 0, 26, 12, 0, 0);
    await start({ clock: () => now, tokenTtlMs: 60_000 });
    const timed = connect({ now: () => now });
    await timed.getBalances(ACCOUNT);
    now += 54_000;
    await timed.getBalances(ACCOUNT);
    expect(signIns()).toBe(1);
    now += 2_000;
    await timed.closePosition(ACCOUNT, await positionOf('1003', timed), { kind: 'all' });
    // Four seconds before expiry the adapter signs in first, so nothing is ever refused and repeated.
    expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /sign/in', 'GET /account/me', 'GET /account/me', 'POST /sign/in', 'GET /trades', 'DELETE /trade/close',
    ]);
    expect(sim.state.trade(1003)?.status).toBe('closed');
  });

  it('signs in again once and repeats a read the broker refused with 401', async () => {
    await start({ tokenTtlMs: 60_000 });
    await adapter.getBalances(ACCOUNT);
    sim.advance(61_000);
    expect((await adapter.getBalances(ACCOUNT)).equity).toBe('4400.5');
    expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /sign/in', 'GET /account/me', 'GET /account/me', 'POST /sign/in', 'GET /account/me',
    ]);
  });

  it('gives up on a read after one fresh sign-in is refused too', async () => {
    await start({ tokenTtlMs: 0 });
    const error = await failure(adapter.getBalances(ACCOUNT));
    expect(error.code).toBe('credentials_refused');
    expect(error.brokerCode).toBe('PERMISSION_DENIED');
    expect(error.message).toBe('ScaleTrade refused the session even after signing in again: the login may not use the client API. Check the login with the broker.');
    expect(requestsTo('GET', '/account/me')).toHaveLength(2);
  });

  it('never resends a close refused with 401, reports it as refused with nothing executed, and signs in afresh next time', async () => {
    await start({ tokenTtlMs: 60_000 });
    const position = await positionOf('1001');
    sim.advance(61_000);
    const error = await failure(adapter.closePosition(ACCOUNT, position, { kind: 'all' }));
    expect(error.code).toBe('credentials_refused');
    expect(error.outcome).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^ScaleTrade refused the session for the close: .* Nothing was executed; try again/);
    expect(closes()).toHaveLength(1);
    expect(sim.state.trade(1001)?.status).toBe('open');
    await adapter.closePosition(ACCOUNT, position, { kind: 'all' });
    expect(sim.state.trade(1001)?.status).toBe('closed');
  });

  it('reports a session that may not trade (a manager login) as refused, not resent', async () => {
    await start();
    const manager = connect({ login: MANAGER });
    sim.state.addTrade(trade(7001, { login: MANAGER }));
    const position = (await manager.listPositions(String(MANAGER)))[0] as Position;
    const error = await failure(manager.closePosition(String(MANAGER), position, { kind: 'all' }));
    expect(error.code).toBe('credentials_refused');
    expect(error.httpStatus).toBe(401);
    expect(closes()).toHaveLength(1);
  });

  const refusals: Array<[string, { login?: number; password?: string }, string]> = [
    ['a wrong password', { password: 'wrong-password-1' }, `ScaleTrade did not accept login ${TRADER} with this password: the login does not exist or the password is wrong.`],
    ['a disabled login', { login: 200_002 }, 'ScaleTrade login 200002 is disabled: the broker has to enable it before Closeout can sign in.'],
    ['a password too short for the platform', { password: 'abc' }, `ScaleTrade refused the sign-in for login ${TRADER} (password must be at least 6 characters): the login must be a whole number and the password 6 to 64 characters.`],
  ];
  for (const [name, credentials, message] of refusals) {
    it(`reports ${name} at sign-in as refused credentials in plain words`, async () => {
      await start();
      const error = await failure(connect(credentials).listAccounts());
      expect(error.code).toBe('credentials_refused');
      expect(error.message).toBe(message);
    });
  }

  it('reports a close whose sign-in failed as not sent', async () => {
    await start();
    const position = await positionOf('1001');
    const error = await failure(connect({ password: 'wrong-password-1' }).closePosition(ACCOUNT, position, { kind: 'all' }));
    expect(error.code).toBe('credentials_refused');
    expect(error.outcome).toBe('not_sent');
    expect(error.message).toMatch(/The close was not sent\.$/);
    expect(closes()).toHaveLength(0);
  });
});

describe('ScaleTrade adapter: failures', () => {
  beforeEach(() => start());

  it('reports a 500 TRADE_ERROR whose words leave doubt as outcome unknown, quoting them, and never resends it', async () => {
    sim.faults.failAfterApply = { match: { method: 'DELETE' } };
    const error = await failure(adapter.closePosition(ACCOUNT, await positionOf('1001'), { kind: 'all' }));
    expect(error.code).toBe('outcome_unknown');
    expect(error.outcome).toBe('unknown');
    expect(error.brokerCode).toBe('TRADE_ERROR');
    expect(error.message).toBe(
      'ScaleTrade answered 500 TRADE_ERROR ("failed to close trade", by validation or execution) with the words "Failed to close trade (validation or execution)", which do not say whether the trade was closed: the close may or may not have happened. Closeout will not resend it; check the positions.',
    );
    expect(sim.state.trade(1001)?.status).toBe('closed');
    expect(closes()).toHaveLength(1);
  });

  it('reports a 500 TRADE_ERROR whose words say the trade was refused before executing as rejected, in those words', async () => {
    sim.state.setMarketOpen('EURUSD', false);
    const error = await failure(adapter.closePosition(ACCOUNT, await positionOf('1001'), { kind: 'all' }));
    expect(error.code).toBe('broker_rejected');
    expect(error.outcome).toBe('rejected');
    expect([error.httpStatus, error.brokerCode]).toEqual([500, 'TRADE_ERROR']);
    expect(error.message).toBe('ScaleTrade rejected the request: Market is closed for EURUSD (nothing was executed)');
    expect(sim.state.trade(1001)?.status).toBe('open');
  });

  it('reports a close answered by a server without the close route as a wrong address, not as a ticket already closed', async () => {
    await sim.close();
    await start({ withoutRoutes: ['DELETE /trade/close'] });
    const error = await failure(adapter.closePosition(ACCOUNT, await positionOf('1001'), { kind: 'all' }));
    expect(error.code).toBe('not_found');
    expect(error.outcome).toBe('rejected');
    expect(error.brokerCode).toBe('NOT_FOUND');
    expect(error.message).toBe('ScaleTrade has no DELETE /trade/close at this address: check the connection URL. The close reached no trade.');
    expect(sim.state.trade(1001)?.status).toBe('open');
  });

  it('reports a close that gets no answer as outcome unknown, whether or not it reached the book', async () => {
    const hasty = connect({ timeoutMs: 250 });
    const position = await positionOf('1001', hasty);
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    const after = await failure(hasty.closePosition(ACCOUNT, position, { kind: 'all' }));
    expect(after.outcome).toBe('unknown');
    expect(after.message).toBe('No answer from ScaleTrade: the close may or may not have happened. Closeout will not resend it; check the positions.');
    expect(sim.state.trade(1001)?.status).toBe('closed');
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'before-apply' };
    const before = await failure(hasty.closePosition(ACCOUNT, await positionOf('1003', hasty), { kind: 'all' }));
    expect(before.outcome).toBe('unknown');
    expect(sim.state.trade(1003)?.status).toBe('open');
    expect(closes()).toHaveLength(2);
  });

  it('reports a read that fails with a server error as a retryable network error', async () => {
    await adapter.listAccounts();
    sim.faults.errorRate = 1;
    const error = await failure(adapter.listPositions(ACCOUNT));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.brokerCode).toBe('INTERNAL_ERROR');
  });

  it('reports a close to a broker that refuses the connection as not sent', async () => {
    const position = await positionOf('1001');
    const offline = createScaleTradeAdapter({ baseUrl: await closedPortUrl(), credentials: { login: TRADER, secret: PASSWORD }, timeoutMs: 2_000 });
    const error = await failure(offline.closePosition(ACCOUNT, position, { kind: 'all' }));
    expect(error.code).toBe('network');
    expect(error.outcome).toBe('not_sent');
    expect(error.message).toMatch(/The close was not sent\.$/);
  });

  it('reports going over the rate limit with how long to wait', async () => {
    const limited = await startScaleTradeSim({ data: fixtureData(), rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const client = createScaleTradeAdapter({ baseUrl: limited.url, credentials: { login: TRADER, secret: PASSWORD }, timeoutMs: 2_000 });
      await client.listAccounts();
      const error = await failure(client.listPositions(ACCOUNT));
      expect(error.code).toBe('rate_limited');
      expect(error.httpStatus).toBe(429);
      expect(error.retryAfterMs).toBeGreaterThan(55_000);
      expect(error.message).toMatch(/^ScaleTrade is limiting the request rate: try again after \d\d:\d\d:\d\d \(in \d+ s\)\.$/);
    } finally {
      await limited.close();
    }
  });

  it('never puts the password or a token in any error', async () => {
    const wrong = connect({ password: `${PASSWORD}-typo` });
    const hasty = connect({ timeoutMs: 150 });
    const position = await positionOf('1001', hasty);
    const errors: AppError[] = [
      await failure(wrong.listAccounts()),
      await failure(wrong.closePosition(ACCOUNT, position, { kind: 'all' })),
      await failure(adapter.closePosition(ACCOUNT, { ...position, id: '424242' }, { kind: 'all' })),
    ];
    sim.faults.hang = { when: 'before-apply' };
    errors.push(await failure(hasty.closePosition(ACCOUNT, position, { kind: 'all' })));
    sim.faults.reset();
    sim.advance(16 * 60_000);
    errors.push(await failure(hasty.closePosition(ACCOUNT, position, { kind: 'all' })));
    expect(errors.map((error) => error.code)).toEqual(['credentials_refused', 'credentials_refused', 'not_found', 'outcome_unknown', 'credentials_refused']);
    for (const error of errors) {
      const everything = `${JSON.stringify(error)} ${JSON.stringify(error.toShape())} ${error.message} ${error.stack ?? ''}`;
      expect(everything).not.toContain(PASSWORD);
      expect(everything).not.toContain('eyJ');
      expect(everything.toLowerCase()).not.toContain('authorization');
    }
  });
});
