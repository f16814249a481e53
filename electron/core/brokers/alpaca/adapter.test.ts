import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { startAlpacaSim, type AlpacaSim } from '../../../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { CRYPTO_AND_OPTION } from '../../../../sim/alpaca/testSupport';
// eslint-disable-next-line no-restricted-imports -- tests drive the real simulator
import { withManyAccounts } from '../../../../sim/alpaca/manyAccounts';
import type { CloseAmount } from '../../../../shared/actions';
import { toDecimalString } from '../../../../shared/decimal';
import type { Position } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/errors';
import type { BrokerAdapter } from '../broker';
import { reconcile } from '../../reconcile';
import { dec } from '../../../../shared/decimal';
import { createAlpacaAdapter } from './adapter';
import { closedPortUrl, failure, lastRequest } from '../adapterTests.testkit';

type SimData = NonNullable<NonNullable<Parameters<typeof startAlpacaSim>[0]>['data']>;
type SimAccount = SimData['accounts'][number]['account'];

const MAYA = 'a1b2c3d4-0000-4000-8000-000000000001';
const DANIEL = 'a1b2c3d4-0000-4000-8000-000000000002';
const CLOSED = 'a1b2c3d4-0000-4000-8000-000000000003';
const SECRET = 'sim-secret-Zq81yTw0pLm3';

function simAccount(id: string, number: string, given: string, family: string, status: SimAccount['status']): SimAccount {
  return {
    id,
    account_number: number,
    status,
    crypto_status: 'PAPER_ONLY',
    currency: 'USD',
    last_equity: '0',
    created_at: `2024-0${number.slice(-1)}-01T10:00:00Z`,
    account_type: 'trading',
    contact: {
      email_address: `${given}.${family}@example.com`.toLowerCase(),
      phone_number: '+12125550100',
      street_address: ['1 Main St'],
      city: 'Austin',
      state: 'TX',
      postal_code: '78701',
    },
    identity: { given_name: given, family_name: family, date_of_birth: '1980-01-01', country_of_tax_residence: 'USA', funding_source: ['savings'] },
  };
}

function asset(symbol: string, price: string, fractionable: boolean, index: number): SimData['assets'][number] {
  return {
    asset_id: `b0b6dd9d-8b9b-48a9-ba46-00000000000${index}`,
    symbol,
    asset_class: 'us_equity',
    name: symbol,
    exchange: 'NASDAQ',
    fractionable,
    shortable: true,
    price,
    lastday_price: price,
  };
}

/**
 * Maya holds a fractional long priced in tenths (where binary floats drift), a whole-share short, a non-fractionable
 * long, and SQQQ entirely held by an open sell; Daniel is flat and ready to close; a third account is already closed.
 */
function bookData(): SimData {
  return {
    assets: [asset('AAPL', '0.1', true, 1), asset('TSLA', '250.25', false, 2), asset('SQQQ', '11.7', true, 3), asset('NVDA', '140', false, 4), asset('MSFT', '420', true, 5)],
    accounts: [
      {
        account: simAccount(MAYA, '900000001', 'Maya', 'Okafor', 'ACTIVE'),
        cash: '1000.30',
        positions: [
          { symbol: 'AAPL', qty: '3.3', avg_entry_price: '0.2' },
          { symbol: 'TSLA', qty: '-4', avg_entry_price: '260' },
          { symbol: 'NVDA', qty: '10', avg_entry_price: '100' },
          { symbol: 'SQQQ', qty: '100', avg_entry_price: '12' },
        ],
        orders: [],
      },
      { account: simAccount(DANIEL, '900000002', 'Daniel', 'Reyes', 'ACTIVE'), cash: '0', positions: [], orders: [] },
      { account: simAccount(CLOSED, '900000003', 'Aiko', 'Tanaka', 'ACCOUNT_CLOSED'), cash: '0', positions: [], orders: [] },
    ],
  };
}

let sim: AlpacaSim;
let adapter: BrokerAdapter;
let sqqqSell: string;
let buyOrder: string;

beforeEach(async () => {
  sim = await startAlpacaSim({ fillDelayMs: 0, keyId: 'CKTESTKEY', secret: SECRET, data: bookData() });
  sqqqSell = sim.state.addOrder(MAYA, { symbol: 'SQQQ', side: 'sell', qty: '100', type: 'limit', limit_price: '13.5', status: 'new' }).id;
  buyOrder = sim.state.addOrder(MAYA, { symbol: 'MSFT', side: 'buy', qty: '2', type: 'limit', limit_price: '400.10', status: 'new' }).id;
  sim.state.addOrder(MAYA, { symbol: 'NVDA', side: 'buy', qty: '1', type: 'market', status: 'filled' });
  adapter = createAlpacaAdapter({ baseUrl: sim.url, credentials: { keyId: sim.keyId, secret: sim.secret }, timeoutMs: 2_000 });
});

afterEach(async () => {
  await sim.close();
});

async function positionOf(symbol: string): Promise<Position> {
  const position = (await adapter.listPositions(MAYA)).find((candidate) => candidate.symbol === symbol);
  if (!position) throw new Error(`${symbol} is not open`);
  return position;
}

function qtyOf(accountId: string, symbol: string): string | undefined {
  return sim.state.positionsOf(accountId).find((position) => position.symbol === symbol)?.qty;
}

describe('Alpaca adapter: accounts', () => {
  it('lists every account oldest first with its owner, number and status tone, INACTIVE counting as restricted', async () => {
    sim.state.setAccountStatus(DANIEL, 'INACTIVE');
    const accounts = await adapter.listAccounts();
    expect(accounts.map((account) => [account.id, account.number, account.name, account.status, account.statusTone])).toEqual([
      [MAYA, '900000001', 'Maya Okafor', 'ACTIVE', 'active'],
      [DANIEL, '900000002', 'Daniel Reyes', 'INACTIVE', 'restricted'],
      [CLOSED, '900000003', 'Aiko Tanaka', 'ACCOUNT_CLOSED', 'closed'],
    ]);
    expect(lastRequest(sim).query).toMatchObject({ sort: 'asc' });
    expect(lastRequest(sim).headers.authorization).toBe('REDACTED');
  });

  it('scrolls past the 1000 accounts of one answer with created_after, missing none', async () => {
    const template = bookData().accounts[1];
    if (!template) throw new Error('the book has no flat account');
    for (let i = 0; i < 1100; i += 1) {
      const id = `c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}`;
      // Two accounts a millisecond, so a page can end between two accounts created at the same time.
      const createdAt = new Date(Date.UTC(2025, 0, 1) + Math.floor(i / 2)).toISOString();
      sim.state.addAccount({ ...template, account: { ...template.account, id, account_number: `8${String(i).padStart(8, '0')}`, created_at: createdAt } });
    }
    const accounts = await adapter.listAccounts();
    expect(accounts).toHaveLength(1103);
    expect(new Set(accounts.map((account) => account.id)).size).toBe(1103);
    const pages = sim.requests.filter((request) => request.path === '/v1/accounts');
    expect(pages).toHaveLength(2);
    expect(pages[1]?.query).toMatchObject({ sort: 'asc', created_after: '2025-01-01T00:00:00.497Z' });
  });

  it('hands each answer to onPage as it arrives, 5,000 accounts in six GETs, each account once and in order', async () => {
    const large = await startAlpacaSim({ data: withManyAccounts(bookData(), 5000) });
    try {
      const client = createAlpacaAdapter({ baseUrl: large.url, credentials: { keyId: large.keyId, secret: large.secret }, timeoutMs: 5_000 });
      const pages: string[][] = [];
      const accounts = await client.listAccounts(undefined, { onPage: (page) => pages.push(page.map((account) => account.number)) });
      expect(accounts).toHaveLength(5000);
      expect(pages.flat()).toEqual(accounts.map((account) => account.number));
      expect(pages.map((page) => page.length)).toEqual([1000, 999, 999, 999, 999, 4]);
      expect(accounts.at(-1)?.number).toBe('900005000');
      expect(large.requests.filter((request) => request.path === '/v1/accounts')).toHaveLength(6);
    } finally {
      await large.close();
    }
  });

  it('stops reading pages once a limit is reached', async () => {
    const large = await startAlpacaSim({ data: withManyAccounts(bookData(), 3000) });
    try {
      const client = createAlpacaAdapter({ baseUrl: large.url, credentials: { keyId: large.keyId, secret: large.secret }, timeoutMs: 5_000 });
      const accounts = await client.listAccounts(undefined, { limit: 1500 });
      expect(accounts.map((account) => account.number).slice(-2)).toEqual(['900001499', '900001500']);
      expect(large.requests.filter((request) => request.path === '/v1/accounts')).toHaveLength(2);
    } finally {
      await large.close();
    }
  });

  it('searches at the broker across pages: a query that matches more than 1,000 accounts is read to its end', async () => {
    const large = await startAlpacaSim({ data: withManyAccounts(bookData(), 4000) });
    try {
      const client = createAlpacaAdapter({ baseUrl: large.url, credentials: { keyId: large.keyId, secret: large.secret }, timeoutMs: 5_000 });
      // 9000 begins every account number in this book, so all 4,000 match and the answer must be paged.
      const found = await client.listAccounts('9000');
      expect(found).toHaveLength(4000);
      const searches = large.requests.filter((request) => request.path === '/v1/accounts');
      expect(searches.length).toBeGreaterThan(1);
      expect(searches.every((request) => request.query.query === '9000')).toBe(true);
      expect((await client.listAccounts('900003999')).map((account) => account.number)).toEqual(['900003999']);
    } finally {
      await large.close();
    }
  });

  it('searches with every word of the query', async () => {
    const found = await adapter.listAccounts('okafor maya');
    expect(found.map((account) => account.id)).toEqual([MAYA]);
    expect(lastRequest(sim).query.query).toBe('okafor maya');
    expect(await adapter.listAccounts('okafor daniel')).toEqual([]);
  });

  it('reads one account and its balances', async () => {
    const account = await adapter.getAccount(DANIEL);
    expect(account).toMatchObject({ id: DANIEL, number: '900000002', status: 'ACTIVE', currency: 'USD' });
    const balances = await adapter.getBalances(MAYA);
    expect(balances.cash).toBe(toDecimalString(sim.state.cashOf(MAYA)));
    expect(balances.currency).toBe('USD');
  });

  it('reads equity, buying power and the day\'s change, equity against last_equity, from the trading account', async () => {
    // Maya: cash 1000.30 + AAPL 0.33 - TSLA 1001 + NVDA 1400 + SQQQ 1170; buying power is twice equity less half the gross.
    const balances = await adapter.getBalances(MAYA);
    expect(lastRequest(sim).path).toBe(`/v1/trading/accounts/${MAYA}/account`);
    expect(balances).toEqual({
      accountId: MAYA,
      cash: '1000.3',
      equity: '2569.63',
      buyingPower: '1567.93',
      buyingPowerKind: 'buying_power',
      dayPnl: '2569.63',
      currency: 'USD',
      withdrawable: '1000.3',
      pendingOut: '0',
    });
  });

  it('names the account that was not found', async () => {
    const error = await failure(adapter.getAccount('no-such-account'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Account no-such-account was not found.');
    expect(error.httpStatus).toBe(404);
    expect(error.requestId).toBe(lastRequest(sim).requestId);
  });
});

describe('Alpaca adapter: positions and orders', () => {
  it('maps a short with its negative qty to a short side and a positive size', async () => {
    const tsla = await positionOf('TSLA');
    expect(tsla.side).toBe('short');
    expect(tsla.quantity).toBe('4');
    expect(tsla.available).toBe('4');
    expect(tsla.fractional).toBe(false);
    expect(tsla.unit.step).toBe('1');
  });

  it('keeps fractional quantities and prices in tenths exact', async () => {
    const aapl = await positionOf('AAPL');
    expect(aapl.fractional).toBe(true);
    expect(aapl.unit.step).toBe('0.000000001');
    expect(aapl.quantity).toBe('3.3');
    expect(aapl.lastPrice).toBe('0.1');
    // 3.3 x 0.1 is 0.33000000000000007 in binary floats.
    expect(aapl.marketValue).toBe('0.33');
    expect(aapl.unrealizedPnl).toBe('-0.33');
    expect(aapl.unrealizedPnlPct).toBe('-50');
    // A stock is priced by the sub-penny convention: cents at a dollar and above, four places below.
    expect(aapl.priceScale).toEqual({ kind: 'us_equity' });
  });

  it('shows a position held by an open order as not available', async () => {
    const sqqq = await positionOf('SQQQ');
    expect(sqqq.quantity).toBe('100');
    expect(sqqq.available).toBe('0');
  });

  it('lists only working orders, newest first, asking for the largest page', async () => {
    const orders = await adapter.listOrders(MAYA);
    expect(orders.map((order) => order.id).sort()).toEqual([sqqqSell, buyOrder].sort());
    expect(lastRequest(sim).query).toMatchObject({ status: 'open', limit: '500', direction: 'desc' });
    const buy = orders.find((order) => order.id === buyOrder);
    expect(buy).toMatchObject({ symbol: 'MSFT', side: 'buy', type: 'limit', quantity: '2', filledQuantity: '0', limitPrice: '400.1', open: true, priceScale: { kind: 'us_equity' } });
  });

  it('pages past 500 working orders without losing those that share a timestamp at the page edge', async () => {
    const base = Date.parse('2026-01-20T15:00:00Z');
    for (let i = 0; i < 520; i += 1) {
      // Three orders per second, so ties fall on every page boundary.
      const createdAt = new Date(base + Math.floor(i / 3) * 1000).toISOString();
      sim.state.addOrder(MAYA, { symbol: 'MSFT', side: 'buy', qty: '1', type: 'limit', limit_price: '300', status: 'new', created_at: createdAt });
    }
    const orders = await adapter.listOrders(MAYA);
    const expected = sim.state.ordersOf(MAYA).filter((order) => order.status === 'new').map((order) => order.id);
    expect(expected).toHaveLength(522);
    expect(new Set(orders.map((order) => order.id))).toEqual(new Set(expected));
    expect(orders).toHaveLength(522);
    expect(sim.requests.filter((request) => request.path.endsWith('/orders')).length).toBeGreaterThan(1);
  });

  it('polls positions by the digest of the raw answer: a held digest gives no rows, a moved price gives them again', async () => {
    const asked: string[] = [];
    const first = await adapter.pollPositions!(MAYA, (digest) => (asked.push(digest), false));
    expect(first.items?.map((position) => position.symbol).sort()).toEqual(['AAPL', 'NVDA', 'SQQQ', 'TSLA']);
    expect(asked).toEqual([first.digest]);

    expect(await adapter.pollPositions!(MAYA, (digest) => digest === first.digest)).toEqual({ digest: first.digest, items: null });

    sim.state.setPrice('NVDA', '141');
    const moved = await adapter.pollPositions!(MAYA, (digest) => digest === first.digest);
    expect(moved.digest).not.toBe(first.digest);
    expect(moved.items?.find((position) => position.symbol === 'NVDA')?.lastPrice).toBe('141');
  });

  it('polls working orders the same way, and gives them again once one is added', async () => {
    const first = await adapter.pollOrders!(MAYA, () => false);
    expect(first.items?.map((order) => order.id).sort()).toEqual([sqqqSell, buyOrder].sort());
    expect(await adapter.pollOrders!(MAYA, (digest) => digest === first.digest)).toEqual({ digest: first.digest, items: null });

    const added = sim.state.addOrder(MAYA, { symbol: 'TSLA', side: 'buy', qty: '1', type: 'limit', limit_price: '200', status: 'new' }).id;
    const after = await adapter.pollOrders!(MAYA, (digest) => digest === first.digest);
    expect(after.items?.map((order) => order.id)).toContain(added);
  });

  it('gives a list of more than one page of orders a digest of every page, so an unchanged first page alone never passes for it', async () => {
    for (let i = 0; i < 510; i += 1) sim.state.addOrder(MAYA, { symbol: 'MSFT', side: 'buy', qty: '1', type: 'limit', limit_price: '300', status: 'new' });
    const asked: string[] = [];
    const first = await adapter.pollOrders!(MAYA, (digest) => (asked.push(digest), false));
    expect(first.items).toHaveLength(512);
    expect(asked).toHaveLength(1);
    expect(first.digest).not.toBe(asked[0]);
    const again = await adapter.pollOrders!(MAYA, (digest) => digest === first.digest);
    expect(again.items).toHaveLength(512);
  });

  it('names the account whose positions could not be listed', async () => {
    const error = await failure(adapter.listPositions('gone'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Account gone was not found.');
  });
});

describe('Alpaca adapter: closing positions', () => {
  it('closes a whole position and returns the closing order with the request id', async () => {
    const tsla = await positionOf('TSLA');
    const result = await adapter.closePosition(MAYA, tsla, { kind: 'all' });
    const request = lastRequest(sim);
    expect(request.method).toBe('DELETE');
    expect(request.path).toBe(`/v1/trading/accounts/${MAYA}/positions/TSLA`);
    expect(request.query).toEqual({});
    expect(result.requestId).toBe(request.requestId);
    expect(result.order).toMatchObject({ symbol: 'TSLA', side: 'buy', quantity: '4', status: 'accepted' });
    expect(result.message).toContain('Alpaca accepted the close of TSLA');
    expect(qtyOf(MAYA, 'TSLA')).toBeUndefined();
  });

  it('closes a number of shares', async () => {
    const result = await adapter.closePosition(MAYA, await positionOf('AAPL'), { kind: 'quantity', quantity: toDecimalString('1.1') });
    expect(lastRequest(sim).query).toEqual({ qty: '1.1' });
    expect(result.order?.quantity).toBe('1.1');
    expect(qtyOf(MAYA, 'AAPL')).toBe('2.2');
  });

  it('closes a percentage of a position', async () => {
    const result = await adapter.closePosition(MAYA, await positionOf('NVDA'), { kind: 'percent', percent: toDecimalString('30') });
    expect(lastRequest(sim).query).toEqual({ percentage: '30' });
    expect(result.order?.quantity).toBe('3');
    expect(qtyOf(MAYA, 'NVDA')).toBe('7');
  });

  const refusals: Array<[string, string, CloseAmount, string]> = [
    ['a zero quantity', 'NVDA', { kind: 'quantity', quantity: toDecimalString('0') }, 'qty must be > 0'],
    ['a fraction of a non-fractionable asset', 'TSLA', { kind: 'quantity', quantity: toDecimalString('1.5') }, 'not fractionable'],
    ['a quantity with ten decimal places', 'AAPL', { kind: 'quantity', quantity: toDecimalString('0.0000000001') }, 'at most 9 decimal places'],
    ['a percentage over 100', 'NVDA', { kind: 'percent', percent: toDecimalString('150') }, 'between 0 and 100'],
    ['a percentage that rounds to no share', 'TSLA', { kind: 'percent', percent: toDecimalString('10') }, 'less than one closable unit'],
  ];
  for (const [name, symbol, amount, words] of refusals) {
    it(`reports Alpaca's refusal of ${name} in its own words, with its code and request id`, async () => {
      const error = await failure(adapter.closePosition(MAYA, await positionOf(symbol), amount));
      expect(error.code).toBe('broker_rejected');
      expect(error.outcome).toBe('rejected');
      expect(error.retryable).toBe(false);
      expect(error.httpStatus).toBe(422);
      expect(error.brokerCode).toBe('42210000');
      expect(error.requestId).toBe(lastRequest(sim).requestId);
      expect(error.message).toMatch(/^Alpaca rejected the request: /);
      expect(error.message).toContain(words);
    });
  }

  it('reports shares held by open orders as a trading refusal with the held and available quantities, not a credentials problem', async () => {
    const error = await failure(adapter.closePosition(MAYA, await positionOf('SQQQ'), { kind: 'all' }));
    expect(error.code).toBe('broker_rejected');
    expect(error.httpStatus).toBe(403);
    expect(error.brokerCode).toBe('40310000');
    expect(error.message).toBe('Alpaca rejected the request: insufficient qty available for order (100 held for orders of 100, 0 available)');
  });

  it('names the position that was not found', async () => {
    const nvda = await positionOf('NVDA');
    const error = await failure(adapter.closePosition(MAYA, { ...nvda, id: 'MSFT', symbol: 'MSFT' }, { kind: 'all' }));
    expect(error.code).toBe('not_found');
    expect(error.outcome).toBe('rejected');
    expect(error.message).toBe(`Position MSFT was not found in account ${MAYA}.`);
  });

  it('closes every position in one call and reports the one Alpaca refused', async () => {
    const result = await adapter.closeAllPositions?.(MAYA, { cancelOrders: false });
    expect(lastRequest(sim).query).toEqual({ cancel_orders: 'false' });
    expect(result?.requestId).toBe(lastRequest(sim).requestId);
    const bySymbol = new Map(result?.items.map((item) => [item.symbol, item]));
    expect([...bySymbol.keys()].sort()).toEqual(['AAPL', 'NVDA', 'SQQQ', 'TSLA']);
    expect(bySymbol.get('TSLA')).toMatchObject({ ok: true, httpStatus: 200, positionId: 'TSLA', brokerCode: null });
    expect(bySymbol.get('TSLA')?.order).toMatchObject({ symbol: 'TSLA', side: 'buy', quantity: '4' });
    expect(bySymbol.get('SQQQ')).toMatchObject({ ok: false, httpStatus: 403, order: null, brokerCode: '40310000' });
    expect(bySymbol.get('SQQQ')?.message).toBe('Alpaca rejected the close: insufficient qty available for order (100 held for orders of 100, 0 available)');
    expect(sim.state.positionsOf(MAYA).map((position) => position.symbol)).toEqual(['SQQQ']);
  });

  it('cancels the orders first when asked, so nothing is held back', async () => {
    const result = await adapter.closeAllPositions?.(MAYA, { cancelOrders: true });
    expect(lastRequest(sim).query).toEqual({ cancel_orders: 'true' });
    expect(result?.items.every((item) => item.ok)).toBe(true);
    expect(sim.state.positionsOf(MAYA)).toEqual([]);
  });
});

describe('Alpaca adapter: following a close to its fill', () => {
  it('reads a closing order by id with its average fill price, filled quantity and update time once it fills', async () => {
    const result = await adapter.closePosition(MAYA, await positionOf('TSLA'), { kind: 'all' });
    const order = await adapter.getOrder?.(MAYA, result.order?.id ?? '');
    expect(lastRequest(sim).path).toBe(`/v1/trading/accounts/${MAYA}/orders/${result.order?.id}`);
    expect(order).toMatchObject({ symbol: 'TSLA', side: 'buy', status: 'filled', open: false, quantity: '4', filledQuantity: '4', avgFillPrice: '250.25', timeInForce: 'day' });
    expect(order?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('reads a close the engine filled only in part as canceled with what did fill', async () => {
    sim.state.fillShare = '0.5';
    const result = await adapter.closePosition(MAYA, await positionOf('NVDA'), { kind: 'all' });
    const order = await adapter.getOrder?.(MAYA, result.order?.id ?? '');
    expect(order).toMatchObject({ status: 'canceled', open: false, quantity: '10', filledQuantity: '5', avgFillPrice: '140' });
    expect(qtyOf(MAYA, 'NVDA')).toBe('5');
  });

  it('names the order it could not find', async () => {
    const error = await failure(adapter.getOrder?.(MAYA, 'no-such-order') ?? Promise.resolve());
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('no-such-order');
  });

  it('lists the day\'s filled orders as fills, newest first, leaving out orders nothing of which filled', async () => {
    await adapter.closePosition(MAYA, await positionOf('TSLA'), { kind: 'all' });
    const fills = await adapter.listCloseHistory?.(MAYA);
    expect(lastRequest(sim).query).toMatchObject({ status: 'all', direction: 'desc' });
    expect(lastRequest(sim).query.after).toMatch(/T00:00:00.000Z$/);
    expect(fills?.map((fill) => fill.symbol)).toEqual(['TSLA', 'NVDA']);
    expect(fills?.[0]).toMatchObject({ side: 'short', orderSide: 'buy', quantity: '4', closePrice: '250.25', openPrice: null, profit: null });
    expect(fills?.some((fill) => fill.id === sqqqSell || fill.id === buyOrder)).toBe(false);
  });
});

describe('Alpaca adapter: crypto and options', () => {
  beforeEach(() => {
    for (const asset of CRYPTO_AND_OPTION) sim.state.addAsset(asset);
    sim.state.setPositions(DANIEL, [
      { symbol: 'BTC/USD', qty: '0.123456789', avg_entry_price: '60000' },
      { symbol: 'AAPL240119C00100000', qty: '3', avg_entry_price: '2' },
    ]);
  });

  async function danielHolds(symbol: string): Promise<Position> {
    const position = (await adapter.listPositions(DANIEL)).find((candidate) => candidate.symbol === symbol);
    if (!position) throw new Error(`${symbol} is not open`);
    return position;
  }

  it('counts crypto in coins to nine decimals and options in whole contracts, never in shares', async () => {
    const positions = await adapter.listPositions(DANIEL);
    expect(positions.map((position) => [position.id, position.assetClass, position.quantity, position.unit, position.fractional])).toEqual([
      ['BTCUSD', 'crypto', '0.123456789', { name: 'units', step: '0.000000001' }, true],
      ['AAPL240119C00100000', 'us_option', '3', { name: 'contracts', step: '1' }, false],
    ]);
  });

  it('closes a crypto position by its BTCUSD path, and names the BTC/USD closing order as the position', async () => {
    const result = await adapter.closePosition(DANIEL, await danielHolds('BTCUSD'), { kind: 'quantity', quantity: toDecimalString('0.000000789') });
    expect(lastRequest(sim)).toMatchObject({ method: 'DELETE', path: `/v1/trading/accounts/${DANIEL}/positions/BTCUSD`, query: { qty: '0.000000789' } });
    expect(result.order).toMatchObject({ symbol: 'BTCUSD', quantity: '0.000000789', side: 'sell' });
    expect(qtyOf(DANIEL, 'BTCUSD')).toBe('0.123456');
  });

  it('settles an unknown crypto close as a working order when its BTC/USD order is still open', async () => {
    const position = await danielHolds('BTCUSD');
    const startedAt = new Date();
    sim.state.addOrder(DANIEL, { symbol: 'BTC/USD', side: 'sell', qty: '0.123456789', type: 'limit', limit_price: '70000', time_in_force: 'gtc' });
    const verdict = await reconcile(adapter, { kind: 'close_position', accountId: DANIEL, position, quantityToClose: dec(position.quantity), startedAt }, { delaysMs: [0] });
    expect(verdict).toMatchObject({ state: 'accepted', resolution: 'working' });
  });

  it('reports each position of a close all under the symbol its position has', async () => {
    const result = await adapter.closeAllPositions?.(DANIEL, { cancelOrders: false });
    expect(result?.items.map((item) => [item.positionId, item.ok, item.order?.symbol])).toEqual([
      ['BTCUSD', true, 'BTCUSD'],
      ['AAPL240119C00100000', true, 'AAPL240119C00100000'],
    ]);
  });
});

describe('Alpaca adapter: orders and accounts', () => {
  it('cancels a working order', async () => {
    const result = await adapter.cancelOrder(MAYA, buyOrder);
    expect(result.requestId).toBe(lastRequest(sim).requestId);
    expect(result.order).toBeNull();
    expect(sim.state.getOrder(MAYA, buyOrder)?.status).toBe('canceled');
  });

  it('reports an order that can no longer be cancelled as Alpaca refused it', async () => {
    await adapter.cancelOrder(MAYA, buyOrder);
    const error = await failure(adapter.cancelOrder(MAYA, buyOrder));
    expect(error.code).toBe('broker_rejected');
    expect(error.outcome).toBe('rejected');
    expect(error.brokerCode).toBe('42210000');
    expect(error.message).toBe('Alpaca rejected the request: order is not cancelable');
  });

  it('names the order that was not found', async () => {
    const error = await failure(adapter.cancelOrder(MAYA, 'no-such-order'));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('Order no-such-order was not found.');
  });

  it('cancels all working orders in one request and answers for each order', async () => {
    const working = (await adapter.listOrders(MAYA)).map((order) => order.id);
    const result = await adapter.cancelAllOrders?.(MAYA);
    expect(lastRequest(sim)).toMatchObject({ method: 'DELETE', path: `/v1/trading/accounts/${MAYA}/orders` });
    expect(result?.requestId).toBe(lastRequest(sim).requestId);
    expect(result?.items.map((item) => [item.orderId, item.ok, item.httpStatus, item.order?.status]).sort()).toEqual(working.map((id) => [id, true, 200, 'canceled']).sort());
    expect(await adapter.listOrders(MAYA)).toEqual([]);
  });

  it('reports an order Alpaca would not cancel with its status, code and words, beside the ones it cancelled', async () => {
    const [stuck, ...rest] = (await adapter.listOrders(MAYA)).map((order) => order.id);
    sim.state.uncancelable.add(stuck as string);
    const result = await adapter.cancelAllOrders?.(MAYA);
    const refused = result?.items.find((item) => item.orderId === stuck);
    expect(refused).toEqual({ orderId: stuck, ok: false, httpStatus: 422, order: null, brokerCode: '42210000', message: 'Alpaca rejected the cancel: order is not cancelable' });
    expect(result?.items.filter((item) => item.ok).map((item) => item.orderId).sort()).toEqual([...rest].sort());
    expect((await adapter.listOrders(MAYA)).map((order) => order.id)).toEqual([stuck]);
  });

  it('closes an account', async () => {
    const result = await adapter.closeAccount?.(DANIEL);
    expect(lastRequest(sim)).toMatchObject({ method: 'POST', path: `/v1/accounts/${DANIEL}/actions/close` });
    expect(result?.requestId).toBe(lastRequest(sim).requestId);
    expect((await adapter.getAccount(DANIEL)).statusTone).toBe('closed');
  });

  it('names the account it could not close', async () => {
    const error = await failure(adapter.closeAccount?.('no-such-account') ?? Promise.resolve());
    expect(error.code).toBe('not_found');
    expect(error.outcome).toBe('rejected');
    expect(error.message).toBe('Account no-such-account was not found.');
  });
});

describe('Alpaca adapter: failures', () => {
  it('reports a wrong secret as refused credentials without repeating it', async () => {
    const wrongSecret = 'wrong-secret-9f8e7d';
    const wrong = createAlpacaAdapter({ baseUrl: sim.url, credentials: { keyId: sim.keyId, secret: wrongSecret }, timeoutMs: 2_000 });
    const error = await failure(wrong.listAccounts());
    expect(error.code).toBe('credentials_refused');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Alpaca refused the credentials (key id or secret is wrong or revoked). Alpaca said: "request is not authorized".');
    expect(error.brokerCode).toBe('40110000');
    expect(`${JSON.stringify(error)} ${error.message} ${error.stack ?? ''}`).not.toContain(wrongSecret);
  });

  it('reports going over the rate limit with the time it resets', async () => {
    const limited = await startAlpacaSim({ fillDelayMs: 0, keyId: 'k', secret: 's', rateLimit: { limit: 2, windowMs: 60_000 }, data: bookData() });
    try {
      const client = createAlpacaAdapter({ baseUrl: limited.url, credentials: { keyId: 'k', secret: 's' }, timeoutMs: 2_000 });
      await client.listAccounts();
      await client.listAccounts();
      const error = await failure(client.listAccounts());
      expect(error.code).toBe('rate_limited');
      expect(error.retryable).toBe(true);
      expect(error.httpStatus).toBe(429);
      expect(error.message).toMatch(/^Alpaca is limiting the request rate: try again after \d\d:\d\d:\d\d \(in \d+ s\)\.$/);
    } finally {
      await limited.close();
    }
  });

  it('reports a close that gets no answer as outcome unknown, and it did happen at the broker', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    const hasty = createAlpacaAdapter({ baseUrl: sim.url, credentials: { keyId: sim.keyId, secret: sim.secret }, timeoutMs: 200 });
    const error = await failure(hasty.closePosition(MAYA, await positionOf('TSLA'), { kind: 'all' }));
    expect(error.code).toBe('outcome_unknown');
    expect(error.outcome).toBe('unknown');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('No answer from Alpaca: the close may or may not have happened. Closeout will not resend it; check the positions.');
    expect(qtyOf(MAYA, 'TSLA')).toBeUndefined();
  });

  it('also reports outcome unknown when the close never reached the book before the answer stopped', async () => {
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'before-apply' };
    const hasty = createAlpacaAdapter({ baseUrl: sim.url, credentials: { keyId: sim.keyId, secret: sim.secret }, timeoutMs: 200 });
    const error = await failure(hasty.closePosition(MAYA, await positionOf('TSLA'), { kind: 'all' }));
    expect(error.outcome).toBe('unknown');
    expect(qtyOf(MAYA, 'TSLA')).toBe('-4');
    expect(sim.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });

  it('reports a server error after a close was applied as outcome unknown, and never resends it', async () => {
    sim.faults.failAfterApply = { match: { method: 'DELETE' } };
    const error = await failure(adapter.closePosition(MAYA, await positionOf('NVDA'), { kind: 'all' }));
    expect(error.code).toBe('outcome_unknown');
    expect(error.httpStatus).toBe(500);
    expect(error.requestId).toBe(lastRequest(sim).requestId);
    expect(qtyOf(MAYA, 'NVDA')).toBeUndefined();
    expect(sim.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });

  it('reports a server error on a read as a retryable network error', async () => {
    sim.faults.errorRate = 1;
    const error = await failure(adapter.listPositions(MAYA));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.outcome).toBeUndefined();
  });

  it('reports a close to a broker that refuses the connection as not sent', async () => {
    const offline = createAlpacaAdapter({ baseUrl: await closedPortUrl(), credentials: { keyId: 'k', secret: SECRET }, timeoutMs: 2_000 });
    const nvda = await positionOf('NVDA');
    const error = await failure(offline.closePosition(MAYA, nvda, { kind: 'all' }));
    expect(error.code).toBe('network');
    expect(error.outcome).toBe('not_sent');
    expect(error.message).toContain('the close was not sent');
  });

  it('never puts the secret or the Authorization header in any error', async () => {
    const token = Buffer.from(`${sim.keyId}:${SECRET}`).toString('base64');
    const offline = createAlpacaAdapter({ baseUrl: await closedPortUrl(), credentials: { keyId: sim.keyId, secret: SECRET }, timeoutMs: 2_000 });
    const hasty = createAlpacaAdapter({ baseUrl: sim.url, credentials: { keyId: sim.keyId, secret: SECRET }, timeoutMs: 150 });
    const nvda = await positionOf('NVDA');
    const errors: AppError[] = [
      await failure(adapter.closePosition(MAYA, nvda, { kind: 'quantity', quantity: toDecimalString('0') })),
      await failure(adapter.cancelOrder(MAYA, 'missing')),
      await failure(offline.listAccounts()),
      await failure(offline.closeAccount?.(DANIEL) ?? Promise.resolve()),
    ];
    sim.faults.hang = { when: 'before-apply' };
    errors.push(await failure(hasty.closePosition(MAYA, nvda, { kind: 'all' })));
    sim.faults.reset();
    sim.faults.failAfterApply = {};
    errors.push(await failure(adapter.cancelAllOrders?.(MAYA) ?? Promise.resolve()));
    expect(errors).toHaveLength(6);
    for (const error of errors) {
      const everything = `${JSON.stringify(error)} ${JSON.stringify(error.toShape())} ${error.message} ${error.stack ?? ''}`;
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toContain(token);
      expect(everything.toLowerCase()).not.toContain('authorization');
    }
  });
});
