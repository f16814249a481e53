import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the adapter's requests are read where the simulator recorded them
import { largeDemoData } from '../../../../sim/clearstreet/demoData';
// eslint-disable-next-line no-restricted-imports -- the adapter's requests are read where the simulator recorded them
import { startClearStreetSim, type ClearStreetSim } from '../../../../sim/clearstreet/server';
// eslint-disable-next-line no-restricted-imports -- the adapter's requests are read where the simulator recorded them
import { fixtureData, IDS } from '../../../../sim/clearstreet/testSupport';
// eslint-disable-next-line no-restricted-imports -- the vendor spec is found and loaded in one place
import { CLEAR_STREET_SPEC_PATH, clearStreetSpecPresent, loadClearStreetContract } from '../../../../sim/clearstreet/vendorSpec';
// eslint-disable-next-line no-restricted-imports -- the OpenAPI checks are shared with the simulators' contract tests
import type { OpenApiContract } from '../../../../sim/shared/openApiContract';
import { toDecimalString } from '../../../../shared/decimal';
import type { BrokerAdapter } from '../broker';
import { createClearStreetAdapter } from './adapter';

const PRESENT = clearStreetSpecPresent();
const TITLE = PRESENT
  ? "Clear Street adapter's own requests against the vendor OpenAPI"
  : `Clear Street adapter request contract (skipped: the vendor spec ${CLEAR_STREET_SPEC_PATH} is absent; it lives outside the repository)`;

/** Every operation the adapter calls; a new call must be added here, and so gets checked. */
const USED = [
  'GET /v1/accounts',
  'GET /v1/accounts/{account_id}',
  'GET /v1/accounts/{account_id}/balances',
  'GET /v1/accounts/{account_id}/positions',
  'DELETE /v1/accounts/{account_id}/positions',
  'DELETE /v1/accounts/{account_id}/positions/{instrument_id}',
  'GET /v1/accounts/{account_id}/orders',
  'POST /v1/accounts/{account_id}/orders',
  'DELETE /v1/accounts/{account_id}/orders',
  'DELETE /v1/accounts/{account_id}/orders/{order_id}',
];
const PAGED = ['GET /v1/accounts', 'GET /v1/accounts/{account_id}/positions', 'GET /v1/accounts/{account_id}/orders'];

describe.skipIf(!PRESENT)(TITLE, () => {
  let sim: ClearStreetSim;
  let contract: OpenApiContract;

  const operationOf = (method: string, path: string): string => {
    const matched = contract.operationFor(method, path);
    return matched === null ? `${method} ${path} (undescribed)` : `${method} ${matched.template}`;
  };

  beforeAll(async () => {
    contract = loadClearStreetContract();
    sim = await startClearStreetSim({ data: fixtureData(), fillDelayMs: 0, cancelDelayMs: 60_000 });
    // Over a thousand accounts, positions and working orders, so each list is read in more than one page.
    const large = largeDemoData(1001);
    for (const instrument of large.instruments) sim.state.addInstrument(instrument);
    for (const holdings of large.accounts) sim.state.addAccount(holdings);
    const largeId = String(large.accounts[0]?.account.id);
    for (const [index, instrument] of large.instruments.entries()) {
      sim.state.addOrder(Number(largeId), { symbol: instrument.symbol, side: 'BUY', quantity: String(index + 1), order_type: 'LIMIT', limit_price: '1' });
    }
    const template = fixtureData().accounts[3];
    if (template === undefined) throw new Error('the fixture has no closed account');
    for (let i = 0; i < 1001; i += 1) sim.state.addAccount({ ...template, account: { ...template.account, id: 500000 + i } });

    const adapter: BrokerAdapter = createClearStreetAdapter({ baseUrl: sim.url, credentials: { secret: sim.apiKey }, timeoutMs: 10_000 });
    const trader = String(IDS.trader);
    await adapter.listAccounts();
    await adapter.listAccounts('1000');
    await adapter.listAccounts('Reyes');
    await adapter.getAccount(trader);
    await adapter.getBalances(trader);
    const positions = await adapter.listPositions(trader);
    await adapter.listPositions(largeId);
    const orders = await adapter.listOrders(largeId);
    const position = (symbol: string) => {
      const found = positions.find((candidate) => candidate.symbol === symbol);
      if (found === undefined) throw new Error(`${symbol} is not open`);
      return found;
    };
    await adapter.closePosition(trader, position('TSLA'), { kind: 'all' });
    await adapter.closePosition(trader, position('AAPL'), { kind: 'quantity', quantity: toDecimalString('2') });
    await adapter.closePosition(trader, position('GME'), { kind: 'quantity', quantity: toDecimalString('0.5') }, { clientOrderId: 'contract-retry-1' });
    await adapter.closeAllPositions?.(String(IDS.saver), { cancelOrders: false });
    await adapter.closeAllPositions?.(trader, { cancelOrders: true });
    const [first] = orders;
    if (first === undefined) throw new Error('the large account has no working order');
    await adapter.cancelOrder(largeId, first.id);
    await adapter.cancelAllOrders?.(largeId);
    await adapter.cancelAllOrders?.(trader);
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
  });

  it('calls every operation it uses, and nothing the spec does not describe', () => {
    const called = new Set(sim.requests.map((request) => operationOf(request.method, request.path)));
    expect([...called].sort()).toEqual([...USED].sort());
  });

  it('sends only path and query parameters the operation declares, each a value its schema allows, and bodies its schema allows', () => {
    expect(sim.requests.flatMap((request) => contract.requestProblems(request))).toEqual([]);
  });

  it('reads every list to the end with page tokens, sending page_size only on the first page as the spec asks', () => {
    for (const paged of PAGED) {
      const pages = sim.requests.filter((request) => operationOf(request.method, request.path) === paged);
      expect(pages.some((request) => request.query.page_token !== undefined), `${paged} was never read past its first page`).toBe(true);
      expect(pages.filter((request) => request.query.page_token !== undefined && request.query.page_size !== undefined)).toEqual([]);
    }
  });
});
