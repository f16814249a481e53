import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { startExnessSim, REFERENCE_CODE_STYLE, type ExnessSim, type ExnessSimOptions } from '../../../../sim/exness/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { eventually, fixtureData, TICKETS, USERS } from '../../../../sim/exness/testSupport';
import { toDecimalString } from '../../../../shared/decimal';
import type { Position } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/errors';
import type { BrokerAdapter } from '../broker';
import { createExnessAdapter } from './adapter';
import { closedPortUrl, failure, lastRequest } from '../adapterTests.testkit';

let sim: ExnessSim;
let adapter: BrokerAdapter;
const MAYA = USERS.maya.userId;

async function start(options: ExnessSimOptions = {}): Promise<void> {
  sim = await startExnessSim({ data: fixtureData(), engineTimeoutMs: 150, ...options });
  adapter = createExnessAdapter({ baseUrl: sim.url, credentials: { secret: sim.secret }, timeoutMs: 2_000 });
}

afterEach(async () => {
  await sim.close();
});

function posts(): number {
  return sim.requests.filter((request) => request.method === 'POST').length;
}

function openIds(): string[] {
  return sim.state.openOrdersOf(MAYA).map((order) => order.orderId);
}

async function positionOf(ticket: string): Promise<Position> {
  const position = (await adapter.listPositions(MAYA)).find((candidate) => candidate.id === ticket);
  if (!position) throw new Error(`${ticket} is not open`);
  return position;
}

describe('Exness adapter: account and balance', () => {
  beforeEach(() => start());

  it('lists the token\'s one account, named by its e-mail, after the platform accepted the token', async () => {
    expect(await adapter.listAccounts()).toEqual([
      { id: MAYA, number: MAYA, name: USERS.maya.email, status: 'ACTIVE', statusTone: 'active', currency: null },
    ]);
    expect(lastRequest(sim)).toMatchObject({ method: 'GET', path: '/api/v1/balance' });
    expect(lastRequest(sim).headers.authorization).toBe('REDACTED');
  });

  it('finds the account by e-mail or id and nothing else', async () => {
    expect(await adapter.listAccounts('MAYA@')).toHaveLength(1);
    expect(await adapter.listAccounts('noor')).toEqual([]);
  });

  it('gets the account by its id and names any other id as not found without asking the platform', async () => {
    expect((await adapter.getAccount(MAYA)).name).toBe(USERS.maya.email);
    const before = sim.requests.length;
    const error = await failure(adapter.getAccount(USERS.noor.userId));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe(`Account ${USERS.noor.userId} was not found: this connection's token is for account ${MAYA} only.`);
    expect(sim.requests).toHaveLength(before);
  });

  it('reads the balance as cash, exactly, and leaves out what the platform does not report', async () => {
    expect(await adapter.getBalances(MAYA)).toEqual({
      accountId: MAYA, cash: '1000.3', equity: null, buyingPower: null, buyingPowerKind: 'free_margin', dayPnl: null, currency: null,
    });
  });

  it('has no working orders', async () => {
    expect(await adapter.listOrders(MAYA)).toEqual([]);
  });

  it('cannot cancel an order and says why without sending anything', async () => {
    const before = sim.requests.length;
    const error = await failure(adapter.cancelOrder(MAYA, 'any'));
    expect(error).toMatchObject({ code: 'unsupported', outcome: 'not_sent', message: 'The platform has no working orders to cancel.' });
    expect(sim.requests).toHaveLength(before);
    expect(adapter.closeAllPositions).toBeUndefined();
    expect(adapter.closeAccount).toBeUndefined();
  });
});

describe('Exness adapter: tokens of every form the platform issues', () => {
  beforeEach(() => start());

  function connectWith(token: string): BrokerAdapter {
    return createExnessAdapter({ baseUrl: sim.url, credentials: { secret: token }, timeoutMs: 2_000 });
  }

  it('works with a standard JWT naming its user by sub, with no e-mail', async () => {
    const standard = connectWith(sim.issueToken(USERS.maya, { form: 'subject', expiresInSeconds: 600 }));
    expect(await standard.listAccounts()).toEqual([{ id: MAYA, number: MAYA, name: MAYA, status: 'ACTIVE', statusTone: 'active', currency: null }]);
    expect((await standard.listPositions(MAYA)).length).toBeGreaterThan(0);
  });

  it('works with an opaque token, its one account under the id token-holder, and closes a ticket with it', async () => {
    const opaque = connectWith(sim.issueToken(USERS.maya, { form: 'opaque' }));
    const [account] = await opaque.listAccounts();
    expect(account).toMatchObject({ id: 'token-holder', status: 'ACTIVE' });
    const [position] = await opaque.listPositions('token-holder');
    if (!position) throw new Error('the token holds no ticket');
    await opaque.closePosition('token-holder', position, { kind: 'all' });
    expect((await opaque.listPositions('token-holder')).map((open) => open.id)).not.toContain(position.id);
  });

  it('says it cannot read the expiry of an opaque token the platform refuses', async () => {
    const expired = connectWith(sim.issueToken(USERS.maya, { form: 'opaque', expiresInSeconds: -1 }));
    const error = await failure(expired.listAccounts());
    expect(error.code).toBe('credentials_refused');
    expect(error.message).toContain('Closeout cannot tell which, as it cannot read the expiry: the token is not a JWT whose payload Closeout can read.');
  });
});

describe('Exness adapter: positions and history', () => {
  it('lists each open order as a position ticket with exact decimals', async () => {
    await start();
    const positions = await adapter.listPositions(MAYA);
    expect(positions.map((position) => [position.id, position.symbol, position.side, position.quantity, position.unrealizedPnl])).toEqual([
      [TICKETS.btcLong, 'BTCUSD', 'long', '0.25', '125.5'],
      [TICKETS.eurShort, 'EURUSD', 'short', '1000', '5.77'],
      [TICKETS.us500Long, 'US500', 'long', '1.5', '-14.55'],
    ]);
    expect(positions[0]).toMatchObject({ avgPrice: '41848.75', lastPrice: '42350.75', marketValue: '10587.6875', available: '0.25', fractional: true });
    expect(lastRequest(sim).path).toBe('/api/v1/trade/orders');
  });

  it('reads the reference code\'s dialect: message as a JSON string, "btc", "buy", profitLoss', async () => {
    await start(REFERENCE_CODE_STYLE);
    const positions = await adapter.listPositions(MAYA);
    expect(positions.map((position) => [position.symbol, position.side, position.unrealizedPnl])).toEqual([
      ['btc', 'long', '125.5'],
      ['eurusd', 'short', '5.77'],
      ['us500', 'long', '-14.55'],
    ]);
  });

  it('carries each ticket its open time and limits, and the symbol decimals as its prices are quoted', async () => {
    await start();
    const added = sim.state.addOrder(USERS.maya.userId, { symbol: 'EURUSD', type: 'sell', quantity: '1000', leverage: 20, takeProfit: '1.07', stopLoss: '1.1' });
    const positions = await adapter.listPositions(MAYA);
    const byTicket = new Map(positions.map((position) => [position.id, position]));
    // Two EURUSD sells of 1000, told apart by ticket, open time and limits; the platform reports no swap or commission.
    expect(byTicket.get(TICKETS.eurShort)?.ticket).toEqual({ openedAt: '2026-01-21T10:00:00.000Z', stopLoss: null, takeProfit: null, swap: null, commission: null });
    expect(byTicket.get(added.orderId)?.ticket).toMatchObject({ stopLoss: '1.1', takeProfit: '1.07', swap: null, commission: null });
    // 1.09 and 1.08423 arrive as JSON numbers: the symbol is quoted to the most places any of its prices shows.
    expect([TICKETS.eurShort, added.orderId, TICKETS.btcLong, TICKETS.us500Long].map((id) => byTicket.get(id)?.priceScale)).toEqual([
      { kind: 'digits', digits: 5 },
      { kind: 'digits', digits: 5 },
      { kind: 'digits', digits: 2 },
      { kind: 'digits', digits: 1 },
    ]);
  });

  it('keeps prices a float would round', async () => {
    await start();
    sim.state.setPrice('BTCUSD', '12345678901234.123456789');
    const btc = await positionOf(TICKETS.btcLong);
    expect(btc.lastPrice).toBe('12345678901234.123456789');
    expect(btc.marketValue).toBe('3086419725308.53086419725');
  });

  it('falls back to /trade/open when /trade/orders is not there, and remembers it', async () => {
    await start({ openOrdersPaths: 'open' });
    expect(await adapter.listPositions(MAYA)).toHaveLength(3);
    expect(sim.requests.map((request) => request.path)).toEqual(['/api/v1/trade/orders', '/api/v1/trade/open']);
    await adapter.listPositions(MAYA);
    expect(lastRequest(sim).path).toBe('/api/v1/trade/open');
    expect(sim.requests).toHaveLength(3);
  });

  it('names both paths when neither lists open orders', async () => {
    await start();
    const elsewhere = createExnessAdapter({ baseUrl: `${sim.url}/wrong`, credentials: { secret: sim.secret }, timeoutMs: 2_000 });
    const error = await failure(elsewhere.listPositions(MAYA));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('neither /api/v1/trade/orders nor /api/v1/trade/open answered');
  });

  it('lists the close history with close price, profit and time, quoted with the places its prices show', async () => {
    await start(REFERENCE_CODE_STYLE);
    expect(await adapter.listCloseHistory?.(MAYA)).toEqual([
      {
        id: 'ord_closed000000001',
        accountId: MAYA,
        symbol: 'usdjpy',
        side: 'long',
        orderSide: null,
        quantity: '10000',
        openPrice: '148.5',
        closePrice: '150',
        profit: '100',
        closedAt: '2026-01-12T16:30:00.000Z',
        priceScale: { kind: 'digits', digits: 1 },
      },
    ]);
  });
});

describe('Exness adapter: the demo platform', () => {
  it('connects with the simulator\'s own URL and token and reads the demo book', async () => {
    sim = await startExnessSim();
    adapter = createExnessAdapter({ baseUrl: sim.url, credentials: { secret: sim.secret }, timeoutMs: 2_000 });
    const [account] = await adapter.listAccounts();
    expect(account).toMatchObject({ id: sim.userId, name: sim.email });
    const positions = await adapter.listPositions(sim.userId);
    expect(positions).toHaveLength(sim.state.openOrdersOf(sim.userId).length);
    expect(new Set(positions.map((position) => position.side))).toEqual(new Set(['long', 'short']));
    expect((await adapter.listCloseHistory?.(sim.userId))?.length).toBe(sim.state.closedOrdersOf(sim.userId).length);
  });
});

describe('Exness adapter: closing a ticket', () => {
  it('closes the whole ticket and says at what price and profit', async () => {
    await start();
    const result = await adapter.closePosition(MAYA, await positionOf(TICKETS.btcLong), { kind: 'all' });
    expect(lastRequest(sim)).toMatchObject({ method: 'POST', path: '/api/v1/trade/close', body: { orderId: TICKETS.btcLong } });
    expect(result.message).toBe('Closed BTCUSD at 42350.75, profit 125.5');
    expect(result.requestId).toBeNull();
    expect(result.order).toMatchObject({ id: TICKETS.btcLong, side: 'sell', quantity: '0.25', filledQuantity: '0.25', avgFillPrice: '42350.75', status: 'filled', open: false });
    expect(result.realizedPnl).toBe('125.5');
    expect(openIds()).not.toContain(TICKETS.btcLong);
  });

  it('reads the full closed order with profitLoss, and a request id when the platform sends one', async () => {
    await start({ ...REFERENCE_CODE_STYLE, sendRequestIds: true });
    const result = await adapter.closePosition(MAYA, await positionOf(TICKETS.us500Long), { kind: 'all' });
    expect(result.message).toBe('Closed us500 at 4890.3, profit -14.55');
    expect(result.realizedPnl).toBe('-14.55');
    expect(result.requestId).toBe(lastRequest(sim).requestId);
    expect(result.order?.side).toBe('sell');
  });

  it('refuses a partial close as a validation error on the amount and sends nothing', async () => {
    await start();
    const btc = await positionOf(TICKETS.btcLong);
    for (const amount of [{ kind: 'quantity', quantity: toDecimalString('0.1') }, { kind: 'percent', percent: toDecimalString('50') }] as const) {
      const error = await failure(adapter.closePosition(MAYA, btc, amount));
      expect(error).toMatchObject({ code: 'validation', field: 'amount', outcome: 'not_sent' });
      expect(error.message).toBe('amount cannot be partial: The platform closes an order only in full.');
    }
    expect(posts()).toBe(0);
  });

  it('names a ticket that is no longer open as not found', async () => {
    await start();
    const btc = await positionOf(TICKETS.btcLong);
    await adapter.closePosition(MAYA, btc, { kind: 'all' });
    const error = await failure(adapter.closePosition(MAYA, btc, { kind: 'all' }));
    expect(error).toMatchObject({ code: 'not_found', outcome: 'rejected', retryable: false, httpStatus: 400 });
    expect(error.message).toBe(`Ticket ${TICKETS.btcLong} (BTCUSD) is not open at Exness: the platform says "Order not found or already closed". Refresh the open orders.`);
  });

  it('reports another user\'s ticket as the platform\'s refusal', async () => {
    await start();
    const btc = await positionOf(TICKETS.btcLong);
    const error = await failure(adapter.closePosition(MAYA, { ...btc, id: TICKETS.noorBtc }, { kind: 'all' }));
    expect(error).toMatchObject({ code: 'broker_rejected', outcome: 'rejected', httpStatus: 400 });
    expect(error.message).toBe(`Exness rejected the request: Order ID mismatch (ticket ${TICKETS.noorBtc} belongs to another user of the platform)`);
    expect(sim.state.openOrdersOf(USERS.noor.userId)).toHaveLength(1);
  });

  it('passes the platform\'s other refusals on in its own words', async () => {
    await start();
    const btc = await positionOf(TICKETS.btcLong);
    const error = await failure(adapter.closePosition(MAYA, { ...btc, id: '' }, { kind: 'all' }));
    expect(error).toMatchObject({ code: 'broker_rejected', outcome: 'rejected' });
    expect(error.message).toBe('Exness rejected the request: Missing required parameters: orderId');
  });

  it('refuses to close in an account the token is not for, without sending', async () => {
    await start();
    const error = await failure(adapter.closePosition(USERS.noor.userId, await positionOf(TICKETS.btcLong), { kind: 'all' }));
    expect(error).toMatchObject({ code: 'not_found', outcome: 'not_sent', retryable: false });
    expect(posts()).toBe(0);
  });

  it('reports the engine timing out as outcome unknown, never resends, and the engine does close it', async () => {
    await start();
    sim.engine.delayMs = 400;
    const error = await failure(adapter.closePosition(MAYA, await positionOf(TICKETS.btcLong), { kind: 'all' }));
    expect(error).toMatchObject({ code: 'outcome_unknown', outcome: 'unknown', retryable: false, httpStatus: 500 });
    expect(error.message).toBe(
      `Exness answered with a server error (HTTP 500): the close of ticket ${TICKETS.btcLong} may or may not have happened. ` +
        'Closeout will not resend it; check the open orders: the platform\'s engine can still close it after the API stops waiting (5 seconds).',
    );
    expect(openIds()).toContain(TICKETS.btcLong);
    await eventually(() => !openIds().includes(TICKETS.btcLong));
    expect(posts()).toBe(1);
  });

  it('reports a close that gets no answer as outcome unknown, and it did happen', async () => {
    await start();
    sim.faults.hang = { match: { method: 'POST' }, when: 'after-apply' };
    const hasty = createExnessAdapter({ baseUrl: sim.url, credentials: { secret: sim.secret }, timeoutMs: 200 });
    const error = await failure(hasty.closePosition(MAYA, await positionOf(TICKETS.eurShort), { kind: 'all' }));
    expect(error).toMatchObject({ code: 'outcome_unknown', outcome: 'unknown' });
    expect(error.message).toMatch(/^No answer from Exness: the close of ticket /);
    expect(openIds()).not.toContain(TICKETS.eurShort);
  });

  it('reports a server error after the close was applied as outcome unknown', async () => {
    await start();
    sim.faults.failAfterApply = { match: { method: 'POST' } };
    const error = await failure(adapter.closePosition(MAYA, await positionOf(TICKETS.eurShort), { kind: 'all' }));
    expect(error).toMatchObject({ code: 'outcome_unknown', httpStatus: 500 });
    expect(posts()).toBe(1);
  });

  it('reports a close to a platform that refuses the connection as not sent', async () => {
    await start();
    const btc = await positionOf(TICKETS.btcLong);
    const offline = createExnessAdapter({ baseUrl: await closedPortUrl(), credentials: { secret: sim.secret }, timeoutMs: 2_000 });
    const error = await failure(offline.closePosition(MAYA, btc, { kind: 'all' }));
    expect(error).toMatchObject({ code: 'network', outcome: 'not_sent' });
    expect(error.message).toContain(`the close of ticket ${TICKETS.btcLong} was not sent`);
  });

  it('treats a 200 it cannot read as a done close', async () => {
    await start();
    const btc = await positionOf(TICKETS.btcLong);
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('closed'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const odd = createExnessAdapter({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, credentials: { secret: sim.secret } });
      const result = await odd.closePosition(MAYA, btc, { kind: 'all' });
      expect(result.order?.status).toBe('filled');
      expect(result.message).toBe(`Closed BTCUSD (ticket ${TICKETS.btcLong}); the platform did not say at what price, so check the close history.`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('Exness adapter: refusals and limits', () => {
  beforeEach(() => start({ rateLimit: { limit: 2, windowMs: 60_000 } }));

  it('reports a token the platform refuses as refused credentials', async () => {
    const forged = `${sim.secret.slice(0, sim.secret.lastIndexOf('.'))}.Zm9yZ2Vk`;
    const stranger = createExnessAdapter({ baseUrl: sim.url, credentials: { secret: forged }, timeoutMs: 2_000 });
    const error = await failure(stranger.listAccounts());
    expect(error).toMatchObject({ code: 'credentials_refused', httpStatus: 401, retryable: false });
    expect(error.message).toBe(
      'Exness refused the token ("Invalid token."): the token is wrong, expired or revoked; Closeout cannot tell which, as it cannot read the expiry: the token carries no expiry (no exp claim). Sign in to the platform again and store the new token in this connection.',
    );
  });

  it('says when the refused token has expired', async () => {
    const expired = createExnessAdapter({ baseUrl: sim.url, credentials: { secret: sim.issueToken(USERS.maya, { expiresInSeconds: -60 }) } });
    const error = await failure(expired.getBalances(MAYA));
    expect(error.code).toBe('credentials_refused');
    expect(error.message).toMatch(/: the token expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z\. Sign in/);
  });

  it('reports going over the rate limit with the time it resets', async () => {
    await adapter.getBalances(MAYA);
    await adapter.getBalances(MAYA);
    const error = await failure(adapter.getBalances(MAYA));
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, httpStatus: 429 });
    expect(error.message).toMatch(/^Exness is limiting the request rate: try again after \d\d:\d\d:\d\d \(in \d+ s\)\.$/);
  });

  it('reports a server error on a read as a retryable network error', async () => {
    sim.faults.errorRate = 1;
    const error = await failure(adapter.listPositions(MAYA));
    expect(error).toMatchObject({ code: 'network', retryable: true, httpStatus: 500 });
  });

  it('never puts the token in any error', async () => {
    const token = sim.secret;
    await adapter.getBalances(MAYA);
    const btc = await positionOf(TICKETS.btcLong);
    const offline = createExnessAdapter({ baseUrl: await closedPortUrl(), credentials: { secret: token }, timeoutMs: 2_000 });
    const errors: AppError[] = [
      await failure(adapter.closePosition(MAYA, btc, { kind: 'percent', percent: toDecimalString('10') })),
      await failure(adapter.getAccount('someone-else')),
      await failure(offline.listAccounts()),
      await failure(offline.closePosition(MAYA, btc, { kind: 'all' })),
      await failure(adapter.getBalances(MAYA)),
      await failure(createExnessAdapter({ baseUrl: sim.url, credentials: { secret: `${token.slice(0, -4)}AAAA` } }).listAccounts()),
      await failure(Promise.resolve().then(() => createExnessAdapter({ baseUrl: sim.url, credentials: { secret: `${token} extra` } }))),
    ];
    expect(errors.map((error) => error.code)).toEqual([
      'validation', 'not_found', 'network', 'network', 'rate_limited', 'credentials_refused', 'validation',
    ]);
    for (const error of errors) {
      const everything = `${JSON.stringify(error)} ${JSON.stringify(error.toShape())} ${error.message} ${error.stack ?? ''}`;
      expect(everything).not.toContain(token);
      expect(everything).not.toContain(token.split('.')[2] as string);
      expect(everything.toLowerCase()).not.toContain('bearer');
    }
  });
});
