import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { largeDemoData } from '../../../../sim/clearstreet/demoData';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { startClearStreetSim, type ClearStreetSim } from '../../../../sim/clearstreet/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { CASH_SWEEP, fixtureData, IDS, LIMITED_KEY } from '../../../../sim/clearstreet/testSupport';
import { toDecimalString } from '../../../../shared/decimal';
import type { Position } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import type { BrokerAdapter } from '../broker';
import { createClearStreetAdapter } from './adapter';
import { closedPortUrl, failure, lastRequest } from '../adapterTests.testkit';

const API_KEY = 'cs-test-key-Zq81yTw0pLm3';
const TRADER = String(IDS.trader);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sim: ClearStreetSim;
let adapter: BrokerAdapter;

function adapterFor(target: ClearStreetSim, secret = target.apiKey, timeoutMs = 2_000): BrokerAdapter {
  return createClearStreetAdapter({ baseUrl: target.url, credentials: { secret }, timeoutMs });
}

beforeEach(async () => {
  sim = await startClearStreetSim({ fillDelayMs: 0, cancelDelayMs: 0, apiKey: API_KEY, keys: [LIMITED_KEY], data: fixtureData() });
  adapter = adapterFor(sim);
});

afterEach(async () => {
  await sim.close();
});

async function positionOf(symbol: string, accountId = TRADER): Promise<Position> {
  const position = (await adapter.listPositions(accountId)).find((candidate) => candidate.symbol === symbol);
  if (!position) throw new Error(`${symbol} is not open`);
  return position;
}

function quantityOf(symbol: string, accountId: number = IDS.trader): string | undefined {
  return sim.state.positionsOf(accountId).find((position) => position.symbol === symbol)?.quantity;
}

describe('Clear Street adapter: accounts', () => {
  it('lists every account with its number, full name and status tone, sending the key as a bearer token', async () => {
    const accounts = await adapter.listAccounts();
    expect(accounts.map((account) => [account.id, account.number, account.name, account.status, account.statusTone])).toEqual([
      [TRADER, TRADER, 'Maya Okafor Trading', 'ACTIVE', 'active'],
      ['100002', '100002', 'Daniel Reyes Savings', 'ACTIVE', 'active'],
      ['100003', '100003', 'Redwood Family Trust', 'INACTIVE', 'restricted'],
      ['200001', '200001', 'Old Test Account', 'CLOSED', 'closed'],
    ]);
    expect(lastRequest(sim).headers.authorization).toBe('REDACTED');
    expect(lastRequest(sim).query).toEqual({ page_size: '1000' });
  });

  it('searches digits as an account id prefix and anything else as part of the name', async () => {
    expect((await adapter.listAccounts('1000')).map((account) => account.id)).toEqual(['100001', '100002', '100003']);
    expect(lastRequest(sim).query).toMatchObject({ account_id: '1000' });
    expect((await adapter.listAccounts(' reyes ')).map((account) => account.id)).toEqual(['100002']);
    expect(lastRequest(sim).query).toMatchObject({ account_name: 'reyes' });
    expect(lastRequest(sim).query.account_id).toBeUndefined();
  });

  it('follows next_page_token to the last page', async () => {
    const template = fixtureData().accounts[3];
    if (!template) throw new Error('fixture has no closed account');
    for (let i = 0; i < 1203; i += 1) sim.state.addAccount({ ...template, account: { ...template.account, id: 500000 + i, full_name: `Client ${i}` } });
    const accounts = await adapter.listAccounts();
    expect(accounts).toHaveLength(1207);
    expect(new Set(accounts.map((account) => account.id)).size).toBe(1207);
    const pages = sim.requests.filter((request) => request.path === '/v1/accounts');
    expect(pages).toHaveLength(2);
    expect(pages[1]?.query.page_token).toBeTruthy();
  });

  it('reads one account and its balances, cash being trade-date cash', async () => {
    expect(await adapter.getAccount(TRADER)).toMatchObject({ id: TRADER, name: 'Maya Okafor Trading', statusTone: 'active' });
    await adapter.closePosition(TRADER, await positionOf('TSLA'), { kind: 'all' });
    const balances = await adapter.getBalances(TRADER);
    // 5000 settled less the 2000 paid to buy back 5 TSLA at 400, not yet settled; equity adds the longs worth 16312.50.
    // Buying power: Reg T, twice equity less half the 16312.50 gross. The day: 100 realised on TSLA (sold at 420, bought
    // back at 400), AAPL up 100 and GME up 12.50 from the close, SQQQ down 500.
    expect(balances).toEqual({
      accountId: TRADER,
      cash: '3000',
      equity: '19312.5',
      buyingPower: '22312.5',
      buyingPowerKind: 'buying_power',
      dayPnl: '-287.5',
      currency: 'USD',
    });
  });

  it('reads a closing order by id with Clear Street\'s average_fill_price and filled_quantity once it fills', async () => {
    const closing = (await adapter.closePosition(TRADER, await positionOf('TSLA'), { kind: 'all' })).order;
    const order = await adapter.getOrder?.(TRADER, closing?.id ?? '');
    expect(lastRequest(sim).path).toBe(`/v1/accounts/${TRADER}/orders/${closing?.id}`);
    expect(order).toMatchObject({ symbol: 'TSLA', side: 'buy', status: 'filled', open: false, quantity: '5', filledQuantity: '5', avgFillPrice: '400', timeInForce: 'day' });
    expect(order?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('reads a close the venue filled only in part as canceled with what did fill', async () => {
    sim.state.fillShare = '0.3';
    const closing = (await adapter.closePosition(TRADER, await positionOf('AAPL'), { kind: 'all' })).order;
    expect(await adapter.getOrder?.(TRADER, closing?.id ?? '')).toMatchObject({ status: 'canceled', open: false, quantity: '10', filledQuantity: '3', avgFillPrice: '200' });
    expect(quantityOf('AAPL')).toBe('7');
  });

  it('lists the day\'s filled orders as fills, newest first, with the price they filled at', async () => {
    await adapter.closePosition(TRADER, await positionOf('TSLA'), { kind: 'all' });
    await adapter.closePosition(TRADER, await positionOf('AAPL'), { kind: 'quantity', quantity: toDecimalString('4') });
    const fills = await adapter.listCloseHistory?.(TRADER);
    expect(lastRequest(sim).query.status).toBe('FILLED,PARTIALLY_FILLED,CANCELED,DONE_FOR_DAY');
    expect(lastRequest(sim).query.from).toMatch(/T00:00:00.000Z$/);
    expect(fills).toHaveLength(2);
    expect(fills?.map((fill) => [fill.symbol, fill.orderSide, fill.side, fill.quantity, fill.closePrice])).toEqual(
      expect.arrayContaining([['TSLA', 'buy', 'short', '5', '400'], ['AAPL', 'sell', 'long', '4', '200']]),
    );
  });

  it('names the account that was not found', async () => {
    const error = await failure(adapter.getAccount('424242'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Account 424242 was not found.');
    expect(error.httpStatus).toBe(404);
    expect(error.brokerCode).toBe('404');
    expect(error.requestId).toBe(lastRequest(sim).requestId);
  });

  it('reports an account the key may not touch as a refusal on that account, not as bad credentials', async () => {
    const limited = adapterFor(sim, LIMITED_KEY.apiKey);
    expect((await limited.listAccounts()).map((account) => account.id)).toEqual(['100002']);
    const error = await failure(limited.listPositions(TRADER));
    expect(error.code).toBe('broker_rejected');
    expect(error.httpStatus).toBe(403);
    expect(error.message).toBe(
      'Clear Street rejected the request: this API key may not act on account 100001 (The caller does not have permission to execute the specified operation)',
    );
  });

  it('refuses an account id that is not a number before sending anything', async () => {
    const before = sim.requests.length;
    const error = await failure(adapter.listPositions('../orders'));
    expect(error.code).toBe('validation');
    expect(error.outcome).toBe('not_sent');
    expect(sim.requests.length).toBe(before);
  });
});

describe('Clear Street adapter: positions and orders', () => {
  it('maps a short with its negative quantity to a short side and a positive size', async () => {
    sim.state.addOrder(IDS.trader, { symbol: 'TSLA', side: 'BUY', quantity: '2', order_type: 'LIMIT', limit_price: '380' });
    const tsla = await positionOf('TSLA');
    expect(tsla).toMatchObject({ id: 'TSLA', side: 'short', quantity: '5', available: '3', fractional: false, unit: { name: 'shares', step: '1' } });
    expect(tsla).toMatchObject({ avgPrice: '420', lastPrice: '400', marketValue: '-2000', unrealizedPnl: '100', unrealizedPnlPct: '4.76', assetClass: 'COMMON_STOCK' });
    expect(tsla.priceScale).toEqual({ kind: 'us_equity' });
  });

  it('keeps fractional quantities exact and steps them in billionths', async () => {
    const gme = await positionOf('GME');
    expect(gme).toMatchObject({ side: 'long', quantity: '12.5', available: '12.5', fractional: true, marketValue: '312.5' });
    expect(gme.unit.step).toBe('0.000000001');
  });

  it('reads every page of a long position list', async () => {
    const large = await startClearStreetSim({ fillDelayMs: 0, data: largeDemoData(2300) });
    try {
      const positions = await adapterFor(large).listPositions('300001');
      expect(positions).toHaveLength(2300);
      expect(new Set(positions.map((position) => position.id)).size).toBe(2300);
      expect(large.requests.filter((request) => request.path.endsWith('/positions'))).toHaveLength(3);
    } finally {
      await large.close();
    }
  });

  it('lists only working orders, asking for every status that is not finished', async () => {
    const working = sim.state.addOrder(IDS.trader, { symbol: 'HD', side: 'BUY', quantity: '2', order_type: 'LIMIT', limit_price: '350.10' });
    const resting = sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'SELL', quantity: '1', order_type: 'LIMIT', limit_price: '250', status: 'DONE_FOR_DAY' });
    sim.state.addOrder(IDS.trader, { symbol: 'GME', side: 'BUY', quantity: '1', status: 'FILLED' });
    sim.state.addOrder(IDS.trader, { symbol: 'TSLA', side: 'SELL_SHORT', quantity: '1', status: 'CANCELED' });
    const orders = await adapter.listOrders(TRADER);
    expect(orders.map((order) => order.id).sort()).toEqual([working.id, resting.id].sort());
    expect(lastRequest(sim).query.status?.split(',')).toEqual(expect.arrayContaining(['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'PENDING_CANCEL', 'DONE_FOR_DAY']));
    const asked = lastRequest(sim).query.status?.split(',') ?? [];
    for (const finished of ['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'REPLACED']) expect(asked).not.toContain(finished);
    expect(orders.find((order) => order.id === working.id)).toEqual({
      id: working.id,
      accountId: TRADER,
      clientOrderId: working.id,
      symbol: 'HD',
      side: 'buy',
      type: 'limit',
      quantity: '2',
      filledQuantity: '0',
      limitPrice: '350.1',
      stopPrice: null,
      avgFillPrice: null,
      timeInForce: 'day',
      status: 'new',
      open: true,
      createdAt: working.created_at,
      updatedAt: working.updated_at,
      priceScale: { kind: 'us_equity' },
    });
  });
  it("lists an order whose side, type and status are the spec's OTHER with the rest, and still closes every position", async () => {
    const booked = sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'OTHER', quantity: '3', order_type: 'OTHER', status: 'OTHER' });
    const working = sim.state.addOrder(IDS.trader, { symbol: 'HD', side: 'BUY', quantity: '2', order_type: 'LIMIT', limit_price: '350' });
    const orders = await adapter.listOrders(TRADER);
    expect(orders.map((order) => [order.id, order.side, order.type, order.status, order.open]).sort()).toEqual(
      [[booked.id, 'other', 'other', 'other', true], [working.id, 'buy', 'limit', 'new', true]].sort(),
    );
    const result = await adapter.closeAllPositions?.(TRADER, { cancelOrders: false });
    expect(result?.items.map((item) => [item.symbol, item.ok])).toEqual([['AAPL', true], ['GME', true], ['SQQQ', true], ['TSLA', true]]);
    expect((await adapter.listOrders(TRADER)).map((order) => order.id)).toContain(booked.id);
  });
});

describe('Clear Street adapter: closing positions', () => {
  it('closes a whole position by deleting it with a JSON null body, and returns the closing order with the request id', async () => {
    const result = await adapter.closePosition(TRADER, await positionOf('TSLA'), { kind: 'all' });
    const request = lastRequest(sim);
    expect(request).toMatchObject({ method: 'DELETE', path: `/v1/accounts/${TRADER}/positions/TSLA`, body: null });
    // A JSON null, not an empty body.
    expect(request.headers['content-length']).toBe('4');
    expect(result.requestId).toBe(request.requestId);
    expect(result.order).toMatchObject({ symbol: 'TSLA', side: 'buy', type: 'market', quantity: '5', status: 'pending_new', open: true });
    expect(result.message).toMatch(/^Clear Street accepted the close of TSLA: buy order \S+ for 5 is pending_new\.$/);
    expect(quantityOf('TSLA')).toBeUndefined();
  });

  it('closes part of a long with a SELL market order carrying the given client order id', async () => {
    const result = await adapter.closePosition(TRADER, await positionOf('AAPL'), { kind: 'quantity', quantity: toDecimalString('4') }, { clientOrderId: 'desk-retry-1' });
    const request = lastRequest(sim);
    expect(request).toMatchObject({ method: 'POST', path: `/v1/accounts/${TRADER}/orders` });
    expect(request.body).toEqual([{ id: 'desk-retry-1', symbol: 'AAPL', side: 'SELL', quantity: '4', order_type: 'MARKET', time_in_force: 'DAY' }]);
    expect(result.order).toMatchObject({ clientOrderId: 'desk-retry-1', side: 'sell', quantity: '4' });
    expect(result.requestId).toBe(request.requestId);
    expect(quantityOf('AAPL')).toBe('6');
  });

  it('closes part of a short with a BUY, and makes up a fresh client order id when none is given', async () => {
    const result = await adapter.closePosition(TRADER, await positionOf('TSLA'), { kind: 'quantity', quantity: toDecimalString('2') });
    const sent = (lastRequest(sim).body as Array<{ id: string; side: string }>)[0];
    expect(sent?.side).toBe('BUY');
    expect(sent?.id).toMatch(UUID);
    expect(result.order?.clientOrderId).toBe(sent?.id);
    expect(quantityOf('TSLA')).toBe('-3');
  });

  it('keeps fractional shares exact in a partial close', async () => {
    await adapter.closePosition(TRADER, await positionOf('GME'), { kind: 'quantity', quantity: toDecimalString('0.3') });
    expect(quantityOf('GME')).toBe('12.2');
  });

  it('makes a deliberate retry with the same client order id safe: Clear Street refuses the second one', async () => {
    const aapl = await positionOf('AAPL');
    await adapter.closePosition(TRADER, aapl, { kind: 'quantity', quantity: toDecimalString('1') }, { clientOrderId: 'once-only' });
    const error = await failure(adapter.closePosition(TRADER, aapl, { kind: 'quantity', quantity: toDecimalString('1') }, { clientOrderId: 'once-only' }));
    expect(error.code).toBe('broker_rejected');
    expect(error.outcome).toBe('rejected');
    expect(error.message).toContain('client order id `once-only` is already used in account 100001');
    expect(error.message).toContain('no new order was placed');
    expect(sim.state.ordersOf(IDS.trader).filter((order) => order.client_order_id === 'once-only')).toHaveLength(1);
    expect(quantityOf('AAPL')).toBe('9');
  });

  it('refuses a percentage before sending anything, since Clear Street closes by shares only', async () => {
    const aapl = await positionOf('AAPL');
    const before = sim.requests.length;
    const error = await failure(adapter.closePosition(TRADER, aapl, { kind: 'percent', percent: toDecimalString('50') }));
    expect(error.code).toBe('validation');
    expect(error.field).toBe('percent');
    expect(sim.requests.length).toBe(before);
  });

  it("reports a risk check refusal in Clear Street's words with the details' words, its code and request id", async () => {
    const error = await failure(adapter.closePosition(TRADER, await positionOf('AAPL'), { kind: 'quantity', quantity: toDecimalString('11') }));
    expect(error.code).toBe('broker_rejected');
    expect(error.outcome).toBe('rejected');
    expect(error.retryable).toBe(false);
    expect(error.httpStatus).toBe(400);
    expect(error.brokerCode).toBe('400');
    expect(error.requestId).toBe(lastRequest(sim).requestId);
    expect(error.message).toBe('Clear Street rejected the request: Risk check failed (Position: sell quantity > available long quantity; INSUFFICIENT_POSITION)');
  });

  it('reports a position wholly held by working orders as refused', async () => {
    sim.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'SELL', quantity: '1000', order_type: 'LIMIT', limit_price: '16' });
    const error = await failure(adapter.closePosition(TRADER, await positionOf('SQQQ'), { kind: 'all' }));
    expect(error.code).toBe('broker_rejected');
    expect(error.message).toContain('Position: the whole quantity is held by working orders');
  });

  it('reports a close in an inactive account as refused', async () => {
    const error = await failure(adapter.closePosition('100003', await positionOf('GME', '100003'), { kind: 'all' }));
    expect(error.code).toBe('broker_rejected');
    expect(error.message).toContain('Account status: INACTIVE accounts cannot trade');
  });

  it('reports a position that is no longer open as not found', async () => {
    const hd: Position = { ...(await positionOf('AAPL')), id: 'HD', symbol: 'HD' };
    const error = await failure(adapter.closePosition(TRADER, hd, { kind: 'all' }));
    expect(error.code).toBe('not_found');
    expect(error.outcome).toBe('rejected');
    expect(error.message).toBe('Clear Street placed no closing order for HD in account 100001: the position may already be closed.');
  });

  it('closes every position in one call, and reports a position that got no closing order', async () => {
    sim.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'SELL', quantity: '1000', order_type: 'LIMIT', limit_price: '16' });
    const result = await adapter.closeAllPositions?.(TRADER, { cancelOrders: false });
    expect(lastRequest(sim)).toMatchObject({ method: 'DELETE', path: `/v1/accounts/${TRADER}/positions`, body: null });
    expect(result?.requestId).toBe(lastRequest(sim).requestId);
    const bySymbol = new Map(result?.items.map((item) => [item.symbol, item]));
    expect([...bySymbol.keys()].sort()).toEqual(['AAPL', 'GME', 'SQQQ', 'TSLA']);
    expect(bySymbol.get('TSLA')).toMatchObject({ ok: true, httpStatus: 200, positionId: 'TSLA', brokerCode: null, order: { side: 'buy', quantity: '5' } });
    expect(bySymbol.get('SQQQ')).toMatchObject({ ok: false, httpStatus: null, order: null, positionId: 'SQQQ' });
    expect(bySymbol.get('SQQQ')?.message).toMatch(/^No closing order was returned for this position/);
    expect(sim.state.positionsOf(IDS.trader).map((position) => position.symbol)).toEqual(['SQQQ']);
  });

  it('says how much of a position stays open when working orders hold part of it and only the free part is closed', async () => {
    sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'SELL', quantity: '4', order_type: 'LIMIT', limit_price: '250' });
    const result = await adapter.closeAllPositions?.(TRADER, { cancelOrders: false });
    const bySymbol = new Map(result?.items.map((item) => [item.symbol, item]));
    expect(bySymbol.get('AAPL')).toMatchObject({ ok: true, remaining: '4', order: { side: 'sell', quantity: '6' } });
    expect(bySymbol.get('AAPL')?.message).toMatch(/ 4 of 10 stay open, held by working orders: cancel them, or close again with its orders cancelled\.$/);
    expect([...bySymbol.values()].filter((item) => item.remaining !== undefined).map((item) => item.symbol)).toEqual(['AAPL']);
    expect(quantityOf('AAPL')).toBe('4');
  });

  it('marks a cash holding as not closable, and does not count it as a failure of close all', async () => {
    sim.state.addInstrument(CASH_SWEEP);
    sim.state.setPositions(IDS.saver, [{ symbol: 'USD', quantity: '2500', avg_price: '1' }, { symbol: 'HD', quantity: '3', avg_price: '300' }]);
    const positions = await adapter.listPositions('100002');
    expect(positions.map((position) => [position.symbol, position.assetClass, position.notClosable])).toEqual([
      ['HD', 'COMMON_STOCK', undefined],
      ['USD', 'CASH', 'it is cash (instrument type CASH), which no order closes'],
    ]);
    const result = await adapter.closeAllPositions?.('100002', { cancelOrders: false });
    expect(result?.items.map((item) => [item.symbol, item.ok])).toEqual([['HD', true]]);
  });

  it('asks Clear Street to cancel the working orders first when told to, so everything closes', async () => {
    sim.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'SELL', quantity: '1000', order_type: 'LIMIT', limit_price: '16' });
    const result = await adapter.closeAllPositions?.(TRADER, { cancelOrders: true });
    expect(lastRequest(sim).body).toEqual({ cancel_orders: true });
    expect(result?.items.every((item) => item.ok)).toBe(true);
    expect(result?.items).toHaveLength(4);
    expect(sim.state.positionsOf(IDS.trader)).toEqual([]);
  });
});

describe('Clear Street adapter: cancels', () => {
  it('cancels a working order and returns it PENDING_CANCEL', async () => {
    const order = sim.state.addOrder(IDS.trader, { symbol: 'HD', side: 'BUY', quantity: '2', order_type: 'LIMIT', limit_price: '350' });
    const canceling = await startClearStreetSim({ fillDelayMs: 0, cancelDelayMs: 60_000, data: fixtureData() });
    try {
      const pending = canceling.state.addOrder(IDS.trader, { symbol: 'HD', side: 'BUY', quantity: '2', order_type: 'LIMIT', limit_price: '350' });
      const result = await adapterFor(canceling).cancelOrder(TRADER, pending.id);
      expect(result.order).toMatchObject({ id: pending.id, status: 'pending_cancel', open: true });
      expect(result.message).toBe(`Clear Street accepted the cancel of order ${pending.id}: it is pending_cancel.`);
    } finally {
      await canceling.close();
    }
    const result = await adapter.cancelOrder(TRADER, order.id);
    expect(result.requestId).toBe(lastRequest(sim).requestId);
    expect(sim.state.getOrder(IDS.trader, order.id)?.status).toBe('CANCELED');
  });

  it('names an order that is no longer working', async () => {
    const filled = sim.state.addOrder(IDS.trader, { symbol: 'GME', side: 'BUY', quantity: '1', status: 'FILLED' });
    const error = await failure(adapter.cancelOrder(TRADER, filled.id));
    expect(error.code).toBe('not_found');
    expect(error.outcome).toBe('rejected');
    expect(error.message).toBe(`Order ${filled.id} was not found among the working orders of account 100001: it may already be filled or cancelled.`);
  });

  it('cancels all working orders and answers for each; with none left it reports nothing cancelled, not an error', async () => {
    const hd = sim.state.addOrder(IDS.trader, { symbol: 'HD', side: 'BUY', quantity: '2', order_type: 'LIMIT', limit_price: '350' });
    const aapl = sim.state.addOrder(IDS.trader, { symbol: 'AAPL', side: 'SELL', quantity: '2', order_type: 'LIMIT', limit_price: '250' });
    const result = await adapter.cancelAllOrders?.(TRADER);
    expect(lastRequest(sim)).toMatchObject({ method: 'DELETE', path: `/v1/accounts/${TRADER}/orders` });
    expect(result?.requestId).toBe(lastRequest(sim).requestId);
    expect(result?.items.map((item) => [item.orderId, item.ok, item.httpStatus, item.order?.status, item.message]).sort()).toEqual(
      [
        [hd.id, true, 200, 'pending_cancel', 'Clear Street accepted the cancel: the order is pending_cancel.'],
        [aapl.id, true, 200, 'pending_cancel', 'Clear Street accepted the cancel: the order is pending_cancel.'],
      ].sort(),
    );
    expect(await adapter.listOrders(TRADER)).toEqual([]);
    const again = await adapter.cancelAllOrders?.(TRADER);
    expect(lastRequest(sim).method).toBe('DELETE');
    expect(again).toEqual({ requestId: lastRequest(sim).requestId, items: [] });
  });

  it('offers no account close, as Clear Street has none', () => {
    expect(adapter.closeAccount).toBeUndefined();
    expect(adapter.capabilities.closeAccount.available).toBe(false);
  });
});

describe('Clear Street adapter: failures', () => {
  it('reports a wrong key as refused credentials without repeating it', async () => {
    const wrongKey = 'wrong-key-9f8e7d';
    const error = await failure(adapterFor(sim, wrongKey).listAccounts());
    expect(error.code).toBe('credentials_refused');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Clear Street refused the API key (it is wrong, expired or revoked).');
    expect(error.brokerCode).toBe('401');
    expect(`${JSON.stringify(error)} ${error.message} ${error.stack ?? ''}`).not.toContain(wrongKey);
  });

  it('refuses to build an adapter without an API key', () => {
    expect(() => createClearStreetAdapter({ baseUrl: sim.url, credentials: { secret: '' } })).toThrow(AppError);
  });

  it('reports going over the rate limit with the time to try again', async () => {
    const limited = await startClearStreetSim({ fillDelayMs: 0, rateLimit: { limit: 2, windowMs: 60_000 }, data: fixtureData() });
    try {
      const client = adapterFor(limited);
      await client.listAccounts();
      await client.listAccounts();
      const error = await failure(client.listAccounts());
      expect(error.code).toBe('rate_limited');
      expect(error.retryable).toBe(true);
      expect(error.httpStatus).toBe(429);
      expect(error.retryAfterMs).toBeGreaterThan(0);
      expect(error.message).toMatch(/^Clear Street is limiting the request rate: try again after \d\d:\d\d:\d\d \(in \d+ s\)\.$/);
    } finally {
      await limited.close();
    }
  });

  it('reports a close that gets no answer as outcome unknown, and it did happen at the broker', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    const hasty = adapterFor(sim, API_KEY, 200);
    const error = await failure(hasty.closePosition(TRADER, await positionOf('TSLA'), { kind: 'all' }));
    expect(error.code).toBe('outcome_unknown');
    expect(error.outcome).toBe('unknown');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('No answer from Clear Street: the close may or may not have happened. Closeout will not resend it; check the positions.');
    expect(quantityOf('TSLA')).toBeUndefined();
  });

  it('reports a server error after a partial close was placed as outcome unknown, and never resends it', async () => {
    sim.faults.failAfterApply = { match: { method: 'POST' } };
    const error = await failure(adapter.closePosition(TRADER, await positionOf('AAPL'), { kind: 'quantity', quantity: toDecimalString('3') }));
    expect(error.code).toBe('outcome_unknown');
    expect(error.httpStatus).toBe(500);
    expect(error.requestId).toBe(lastRequest(sim).requestId);
    expect(quantityOf('AAPL')).toBe('7');
    expect(sim.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('reports a timeout on cancelling all orders as outcome unknown', async () => {
    sim.state.addOrder(IDS.trader, { symbol: 'HD', side: 'BUY', quantity: '2', order_type: 'LIMIT', limit_price: '350' });
    sim.faults.hang = { when: 'before-apply' };
    const error = await failure(adapterFor(sim, API_KEY, 200).cancelAllOrders?.(TRADER) ?? Promise.resolve());
    expect(error.code).toBe('outcome_unknown');
    expect(error.message).toContain('the cancel of all orders may or may not have happened');
  });

  it('reports a server error on a read as a retryable network error', async () => {
    sim.faults.errorRate = 1;
    const error = await failure(adapter.listPositions(TRADER));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.outcome).toBeUndefined();
  });

  it('reports a close to a broker that refuses the connection as not sent', async () => {
    const offline = createClearStreetAdapter({ baseUrl: await closedPortUrl(), credentials: { secret: API_KEY }, timeoutMs: 2_000 });
    const error = await failure(offline.closePosition(TRADER, await positionOf('AAPL'), { kind: 'all' }));
    expect(error.code).toBe('network');
    expect(error.outcome).toBe('not_sent');
    expect(error.message).toContain('the close was not sent');
  });

  it('never puts the API key or the Authorization header in any error', async () => {
    const offline = createClearStreetAdapter({ baseUrl: await closedPortUrl(), credentials: { secret: API_KEY }, timeoutMs: 2_000 });
    const hasty = adapterFor(sim, API_KEY, 150);
    const aapl = await positionOf('AAPL');
    const errors: AppError[] = [
      await failure(adapter.closePosition(TRADER, aapl, { kind: 'quantity', quantity: toDecimalString('50') })),
      await failure(adapter.cancelOrder(TRADER, 'missing')),
      await failure(adapter.getAccount('424242')),
      await failure(adapterFor(sim, LIMITED_KEY.apiKey).getBalances(TRADER)),
      await failure(offline.listAccounts()),
      await failure(offline.closeAllPositions?.(TRADER, { cancelOrders: true }) ?? Promise.resolve()),
    ];
    sim.faults.hang = { when: 'before-apply' };
    errors.push(await failure(hasty.closePosition(TRADER, aapl, { kind: 'all' })));
    sim.faults.reset();
    sim.faults.failAfterApply = {};
    errors.push(await failure(adapter.cancelAllOrders?.(TRADER) ?? Promise.resolve()));
    expect(errors).toHaveLength(8);
    for (const error of errors) {
      const everything = `${JSON.stringify(error)} ${JSON.stringify(error.toShape())} ${error.message} ${error.stack ?? ''}`;
      expect(everything).not.toContain(API_KEY);
      expect(everything).not.toContain(LIMITED_KEY.apiKey);
      expect(everything.toLowerCase()).not.toContain('bearer');
    }
  });
});
