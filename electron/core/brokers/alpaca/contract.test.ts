import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the description both sides are checked against lives with the simulator
import { ALPACA_BROKER_API } from '../../../../sim/alpaca/brokerApi';
// eslint-disable-next-line no-restricted-imports -- the adapter's requests are read where the simulator recorded them
import { startAlpacaSim, type AlpacaSim } from '../../../../sim/alpaca/server';
// eslint-disable-next-line no-restricted-imports -- the adapter's requests are read where the simulator recorded them
import { call, CRYPTO_AND_OPTION, fixtureData, IDS } from '../../../../sim/alpaca/testSupport';
// eslint-disable-next-line no-restricted-imports -- the OpenAPI checks are shared with the Clear Street contract tests
import { createOpenApiContract, type OpenApiContract } from '../../../../sim/shared/openApiContract';
import { toDecimalString } from '../../../../shared/decimal';
import type { Position } from '../../../../shared/domain';
import type { BrokerAdapter } from '../broker';
import { createAlpacaAdapter } from './adapter';

/** Every operation the adapter calls; a new call must be added here, and so gets described and checked. */
const USED = [
  'GET /v1/accounts',
  'GET /v1/accounts/{account_id}',
  'POST /v1/accounts/{account_id}/actions/close',
  'GET /v1/trading/accounts/{account_id}/account',
  'GET /v1/trading/accounts/{account_id}/positions',
  'DELETE /v1/trading/accounts/{account_id}/positions',
  'DELETE /v1/trading/accounts/{account_id}/positions/{symbol_or_asset_id}',
  'GET /v1/trading/accounts/{account_id}/orders',
  'DELETE /v1/trading/accounts/{account_id}/orders',
  'DELETE /v1/trading/accounts/{account_id}/orders/{order_id}',
  'POST /v1/journals',
  'GET /v1/journals',
];

function withCryptoAndOption(sim: AlpacaSim): void {
  for (const asset of CRYPTO_AND_OPTION) sim.state.addAsset(asset);
  sim.state.setPositions(IDS.flat, [
    { symbol: 'BTC/USD', qty: '0.123456789', avg_entry_price: '60000' },
    { symbol: 'AAPL240119C00100000', qty: '3', avg_entry_price: '2' },
  ]);
}

describe('Alpaca against the Broker API description written from its reference', () => {
  const contract: OpenApiContract = createOpenApiContract(ALPACA_BROKER_API, 'alpaca-broker-api.json');
  let sim: AlpacaSim;

  const operationOf = (method: string, path: string): string => {
    const matched = contract.operationFor(method, path);
    return matched === null ? `${method} ${path} (undescribed)` : `${method} ${matched.template}`;
  };

  beforeAll(async () => {
    sim = await startAlpacaSim({ data: fixtureData(), fillDelayMs: 0 });
    withCryptoAndOption(sim);
  });

  afterAll(async () => {
    await sim?.close();
  });

  it('has the simulator answer every described operation with a declared status and a body its schema allows', async () => {
    const trading = `/v1/trading/accounts/${IDS.trader}`;
    const held = sim.state.addOrder(IDS.trader, { symbol: 'SQQQ', side: 'sell', qty: '1000', type: 'limit', limit_price: '16', time_in_force: 'gtc' });
    const requests: [string, string][] = [
      ['GET', '/v1/accounts?sort=asc&entities=contact,identity'],
      ['GET', '/v1/accounts?query=maya'],
      ['GET', `/v1/accounts/${IDS.trader}`],
      ['GET', '/v1/accounts/00000000-0000-4000-8000-000000000000'],
      ['GET', `${trading}/account`],
      ['GET', `${trading}/positions`],
      ['GET', `/v1/trading/accounts/${IDS.flat}/positions`],
      ['GET', `${trading}/orders?status=open&limit=500&direction=desc`],
      ['DELETE', `${trading}/positions/AAPL?qty=2`],
      ['DELETE', `${trading}/positions/SQQQ`],
      ['DELETE', `${trading}/positions/NOPE`],
      ['DELETE', `${trading}/positions/AAPL?qty=abc`],
      ['DELETE', `/v1/trading/accounts/${IDS.flat}/positions/BTCUSD?percentage=50`],
      ['DELETE', `${trading}/orders/${held.id}`],
      ['DELETE', `${trading}/orders/${held.id}`],
      ['DELETE', `${trading}/positions?cancel_orders=maybe`],
      ['DELETE', `${trading}/positions?cancel_orders=true`],
      ['DELETE', `/v1/trading/accounts/${IDS.flat}/positions`],
      ['DELETE', `${trading}/orders`],
      ['POST', '/v1/journals'],
      ['GET', `/v1/journals?entry_type=JNLC&from_account=${IDS.trader}&after=2026-01-01`],
      ['POST', `/v1/accounts/${IDS.flat}/actions/close`],
      ['POST', '/v1/accounts/00000000-0000-4000-8000-000000000000/actions/close'],
    ];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [method, path] of requests) {
      const answer = await call(sim, method, path);
      const matched = contract.operationFor(method, path.split('?')[0] ?? path);
      if (matched === null) {
        problems.push(`${method} ${path}: undescribed`);
        continue;
      }
      seen.add(`${method} ${matched.template}`);
      problems.push(...contract.responseProblems(matched, answer.status, answer.body ?? undefined));
    }
    expect(problems).toEqual([]);
    expect([...seen].sort()).toEqual([...USED].sort());
  });

  it("sends only requests the description allows, from every operation the adapter uses, paging included", async () => {
    const fresh = await startAlpacaSim({ data: fixtureData(), fillDelayMs: 0 });
    try {
      withCryptoAndOption(fresh);
      const template = fixtureData().accounts[1];
      if (!template) throw new Error('the fixture has no flat account');
      for (let i = 0; i < 1001; i += 1) {
        const id = `c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}`;
        fresh.state.addAccount({ ...template, account: { ...template.account, id, account_number: `8${String(i).padStart(8, '0')}`, created_at: new Date(Date.UTC(2025, 0, 1) + i).toISOString() } });
      }
      for (let i = 0; i < 501; i += 1) fresh.state.addOrder(IDS.trader, { symbol: 'HD', side: 'buy', qty: '1', type: 'limit', limit_price: '300', time_in_force: 'gtc', created_at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() });
      const adapter: BrokerAdapter = createAlpacaAdapter({ baseUrl: fresh.url, credentials: { keyId: fresh.keyId, secret: fresh.secret }, timeoutMs: 10_000 });
      const holding = async (accountId: string, symbol: string): Promise<Position> => {
        const position = (await adapter.listPositions(accountId)).find((candidate) => candidate.symbol === symbol);
        if (!position) throw new Error(`${symbol} is not open`);
        return position;
      };
      await adapter.listAccounts();
      await adapter.listAccounts('maya okafor');
      await adapter.getAccount(IDS.trader);
      await adapter.getBalances(IDS.trader);
      const orders = await adapter.listOrders(IDS.trader);
      await adapter.closePosition(IDS.trader, await holding(IDS.trader, 'AAPL'), { kind: 'quantity', quantity: toDecimalString('2') });
      await adapter.closePosition(IDS.trader, await holding(IDS.trader, 'GME'), { kind: 'percent', percent: toDecimalString('12.5') });
      await adapter.closePosition(IDS.flat, await holding(IDS.flat, 'BTCUSD'), { kind: 'quantity', quantity: toDecimalString('0.000000789') });
      await adapter.closePosition(IDS.flat, await holding(IDS.flat, 'AAPL240119C00100000'), { kind: 'all' });
      const [first] = orders;
      if (first === undefined) throw new Error('no open order to cancel');
      await adapter.cancelOrder(IDS.trader, first.id);
      await adapter.cancelAllOrders?.(IDS.trader);
      await adapter.closeAllPositions?.(IDS.trader, { cancelOrders: true });
      await adapter.closeAllPositions?.(IDS.flat, { cancelOrders: false });
      await adapter.journalCash?.({ fromAccountId: IDS.trader, toAccountId: IDS.flat, amount: toDecimalString('12.5'), description: 'Closeout cash sweep run-1/a' });
      await adapter.listCashJournals?.(IDS.trader, { toAccountId: IDS.flat, since: '2026-01-01' });
      await adapter.closeAccount?.(IDS.flat);

      expect(fresh.requests.flatMap((request) => contract.requestProblems(request))).toEqual([]);
      const called = new Set(fresh.requests.map((request) => operationOf(request.method, request.path)));
      expect([...called].sort()).toEqual([...USED].sort());
      const accountPages = fresh.requests.filter((request) => request.path === '/v1/accounts' && request.query.created_after !== undefined);
      const orderPages = fresh.requests.filter((request) => request.path.endsWith('/orders') && request.method === 'GET' && request.query.until !== undefined);
      expect([accountPages.length > 0, orderPages.length > 0]).toEqual([true, true]);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
