import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodePageToken, pageOf, readPageRequest } from './paging';
import { startClearStreetSim } from './server';
import type { ClearStreetSim } from './server';
import { call, fixtureData, IDS, LIMITED_KEY } from './testSupport';
import type { ClearStreetAccount, ClearStreetBalances } from './types';

let sim: ClearStreetSim;

beforeEach(async () => {
  sim = await startClearStreetSim({ data: fixtureData(), fillDelayMs: 0, keys: [LIMITED_KEY] });
});

afterEach(async () => {
  await sim.close();
});

async function accountIds(query: string, auth?: string): Promise<number[]> {
  const answer = await call(sim, 'GET', `/v1/accounts${query}`, auth === undefined ? {} : { auth });
  expect(answer.status).toBe(200);
  return (answer.body.data as ClearStreetAccount[]).map((account) => account.id);
}

describe('authentication and permissions', () => {
  it('refuses a missing or unknown bearer key with 401 in the envelope, echoing no key', async () => {
    for (const auth of [null, 'Bearer not-a-key', `Basic ${sim.apiKey}`]) {
      const answer = await call(sim, 'GET', '/v1/accounts', { auth });
      expect(answer.status).toBe(401);
      expect(answer.body.error).toEqual({ code: 401, message: 'The request does not have valid authentication credentials for the operation' });
      expect(answer.body.metadata.request_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(answer.body)).not.toContain(sim.apiKey);
    }
  });

  it('lists only the accounts a limited key may touch and answers 403 with the seed body for the others', async () => {
    const limited = `Bearer ${LIMITED_KEY.apiKey}`;
    expect(await accountIds('', limited)).toEqual([IDS.saver]);
    const refused = await call(sim, 'GET', `/v1/accounts/${IDS.trader}/positions`, { auth: limited });
    expect(refused.status).toBe(403);
    expect(Object.keys(refused.body).sort()).toEqual(['error', 'metadata']);
    expect(refused.body.error).toEqual({ code: 403, message: 'The caller does not have permission to execute the specified operation' });
    expect((await call(sim, 'GET', `/v1/accounts/${IDS.saver}/positions`, { auth: limited })).status).toBe(200);
  });

  it('records requests with the Authorization header redacted', async () => {
    await call(sim, 'GET', '/v1/accounts');
    expect(sim.requests.at(-1)?.headers.authorization).toBe('REDACTED');
    expect(JSON.stringify(sim.requests)).not.toContain(sim.apiKey);
  });
});

describe('GET /v1/accounts', () => {
  it('lists every account by id in the envelope', async () => {
    const answer = await call(sim, 'GET', '/v1/accounts');
    expect(answer.body.error).toBeNull();
    expect(answer.body.metadata).toMatchObject({ page_number: 1, total_items: 4, total_pages: 1 });
    expect(answer.body.metadata.next_page_token).toBeUndefined();
    expect((answer.body.data as ClearStreetAccount[]).map((account) => [account.id, account.status])).toEqual([
      [IDS.trader, 'ACTIVE'],
      [IDS.saver, 'ACTIVE'],
      [IDS.dormant, 'INACTIVE'],
      [IDS.closed, 'CLOSED'],
    ]);
  });

  it('filters by id prefix and by a case-insensitive part of the full name, both at once', async () => {
    expect(await accountIds('?account_id=1000')).toEqual([IDS.trader, IDS.saver, IDS.dormant]);
    expect(await accountIds('?account_id=2')).toEqual([IDS.closed]);
    expect(await accountIds('?account_name=reyes')).toEqual([IDS.saver]);
    expect(await accountIds('?account_name=TRUST&account_id=1000')).toEqual([IDS.dormant]);
    expect(await accountIds('?account_name=trust&account_id=2')).toEqual([]);
  });

  it('pages with page_size and hands out next tokens until the last page', async () => {
    const seen: number[] = [];
    let query = '?page_size=3';
    const numbers: number[] = [];
    for (;;) {
      const answer = await call(sim, 'GET', `/v1/accounts${query}`);
      seen.push(...(answer.body.data as ClearStreetAccount[]).map((account) => account.id));
      numbers.push(answer.body.metadata.page_number ?? 0);
      const next = answer.body.metadata.next_page_token;
      if (next === undefined) break;
      query = `?page_token=${encodeURIComponent(next)}&page_size=1000`;
    }
    expect(seen).toEqual([IDS.trader, IDS.saver, IDS.dormant, IDS.closed]);
    expect(numbers).toEqual([1, 2]);
  });

  it('refuses a page size outside 1..1000 and a token it did not issue with 400', async () => {
    for (const query of ['?page_size=0', '?page_size=1001', '?page_size=ten', '?page_token=bm9wZQ==']) {
      const answer = await call(sim, 'GET', `/v1/accounts${query}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe(400);
    }
  });
});

describe('paging helpers', () => {
  it('issues tokens that are valid base64 and base64url at once, and reads them back', () => {
    for (const page of [{ offset: 0, size: 1 }, { offset: 1000, size: 1000 }, { offset: 123456, size: 7 }]) {
      const token = encodePageToken(page);
      expect(token).toMatch(/^[A-Za-z0-9]+={0,2}$/);
      expect(readPageRequest(new URLSearchParams({ page_token: token, page_size: '5' }))).toEqual({ ok: true, value: page });
    }
  });

  it('slices a page with its numbers and both neighbour tokens', () => {
    const page = pageOf([1, 2, 3, 4, 5], { offset: 2, size: 2 });
    expect(page.items).toEqual([3, 4]);
    expect(page.metadata).toEqual({
      page_number: 2,
      total_items: 5,
      total_pages: 3,
      next_page_token: encodePageToken({ offset: 4, size: 2 }),
      previous_page_token: encodePageToken({ offset: 0, size: 2 }),
    });
  });
});

describe('GET one account and its balances', () => {
  it('adds the account holder details to the account', async () => {
    const answer = await call(sim, 'GET', `/v1/accounts/${IDS.trader}`);
    expect(answer.body.data).toMatchObject({ id: IDS.trader, full_name: 'Maya Okafor Trading', country_of_tax_residency: 'US', mailing_address: { city: 'New York' } });
  });

  it('answers 404 for an account that does not exist and 400 for an id that is not a number', async () => {
    const missing = await call(sim, 'GET', '/v1/accounts/424242');
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toBe('Some requested entity was not found');
    const garbled = await call(sim, 'GET', '/v1/accounts/abc/balances');
    expect(garbled.status).toBe(400);
    expect(garbled.body.error?.message).toBe('Invalid URL: Cannot parse `abc` to a `i64`');
  });

  it('computes balances from cash and positions at the current price', async () => {
    const balances = (await call(sim, 'GET', `/v1/accounts/${IDS.trader}/balances`)).body.data as ClearStreetBalances;
    // Longs: AAPL 10 x 200 + GME 12.5 x 25 + SQQQ 1000 x 14 = 16312.50; short: TSLA 5 x 400 = 2000.
    expect(balances).toMatchObject({
      account_id: IDS.trader,
      currency: 'USD',
      margin_type: 'REG_T',
      settled_cash: '5000.00',
      trade_cash: '5000.00',
      long_market_value: '16312.50',
      short_market_value: '2000.00',
      equity: '19312.50',
      // (150 x 10 gain 500) + (5 x 12.5 = 62.50) + (-1 x 1000) + (-5 x -20 = 100)
      unrealized_pnl: '-337.50',
      open_order_adjustment: '0.00',
    });
    // Reg T: (equity - half the gross 18312.50) x 2.
    expect(balances.buying_power).toBe('20312.50');
    // At closing prices: 5000 + (1900 + 300 + 14500) - 2050.
    expect(balances.sod.equity).toBe('19650.00');
    expect(balances.daily_change).toBe('-337.50');
  });

  it('gives a cash account its cash as buying power and no margin details', async () => {
    const balances = (await call(sim, 'GET', `/v1/accounts/${IDS.saver}/balances`)).body.data as ClearStreetBalances;
    expect(balances).toMatchObject({ margin_type: 'NONE', multiplier: null, margin_details: null, buying_power: '1000.00', equity: '2110.00' });
  });
});
