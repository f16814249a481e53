import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withManyAccounts } from './manyAccounts';
import { startAlpacaSim } from './server';
import type { AlpacaSim } from './server';
import { basicAuth, call, fixtureData, IDS } from './testSupport';
import type { AlpacaAccount } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sim: AlpacaSim;

beforeEach(async () => {
  sim = await startAlpacaSim({ data: fixtureData(), fillDelayMs: 0 });
});

afterEach(async () => {
  await sim.close();
});

async function search(query: string): Promise<string[]> {
  const answer = await call(sim, 'GET', `/v1/accounts?${query}`);
  expect(answer.status).toBe(200);
  return (answer.body as AlpacaAccount[]).map((account) => account.account_number);
}

describe('authentication', () => {
  it('refuses a request without credentials with Alpaca 40110000 and still sends a request id', async () => {
    const answer = await call(sim, 'GET', '/v1/accounts', { auth: null });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ code: 40110000, message: 'request is not authorized' });
    expect(answer.headers.get('x-request-id')).toMatch(UUID);
  });

  it('refuses a wrong secret', async () => {
    const answer = await call(sim, 'GET', '/v1/accounts', { auth: basicAuth(sim.keyId, `${sim.secret}x`) });
    expect(answer.status).toBe(401);
  });

  it('accepts the configured key id and secret', async () => {
    const custom = await startAlpacaSim({ data: fixtureData(), keyId: 'CKTESTKEY', secret: 'test-secret' });
    try {
      expect((await call(custom, 'GET', '/v1/accounts', { auth: basicAuth('CKTESTKEY', 'test-secret') })).status).toBe(200);
    } finally {
      await custom.close();
    }
  });

  it('generates a different demo key per start', async () => {
    const other = await startAlpacaSim({ data: fixtureData() });
    try {
      expect(other.keyId).not.toBe(sim.keyId);
      expect(other.secret).not.toBe(sim.secret);
      expect(other.keyId).toMatch(/^CK[A-Z0-9]{18}$/);
    } finally {
      await other.close();
    }
  });

  it('records every request with the authorization header redacted', async () => {
    await call(sim, 'GET', '/v1/accounts?query=maya');
    const recorded = sim.requests.at(-1);
    expect(recorded?.method).toBe('GET');
    expect(recorded?.path).toBe('/v1/accounts');
    expect(recorded?.query).toEqual({ query: 'maya' });
    expect(recorded?.headers.authorization).toBe('REDACTED');
    expect(JSON.stringify(sim.requests)).not.toContain(Buffer.from(`${sim.keyId}:${sim.secret}`).toString('base64'));
  });
});

describe('GET /v1/accounts', () => {
  it('lists every account newest first by default, as the reference says, with contact and identity', async () => {
    const answer = await call(sim, 'GET', '/v1/accounts');
    const accounts = answer.body as AlpacaAccount[];
    expect(accounts.map((account) => account.id)).toEqual([IDS.disabled, IDS.flat, IDS.trader]);
    expect(accounts[2]?.identity.given_name).toBe('Maya');
    expect(accounts[2]?.contact.email_address).toBe('maya.okafor@example.com');
    expect(((await call(sim, 'GET', '/v1/accounts?sort=asc')).body as AlpacaAccount[]).map((account) => account.id)).toEqual([IDS.trader, IDS.flat, IDS.disabled]);
  });

  it('matches every query token, case-insensitively, against names, e-mail, account number and id', async () => {
    expect(await search('query=MAYA')).toEqual(['KWPNG8MW', '9JA74XQ2']);
    expect(await search('query=maya%20reyes')).toEqual(['KWPNG8MW']);
    expect(await search('query=okafor%20reyes')).toEqual([]);
    expect(await search('query=daniel.reyes%40example')).toEqual(['4TRQ3MGG']);
    expect(await search('query=9ja74')).toEqual(['9JA74XQ2']);
    expect(await search(`query=${IDS.flat.slice(0, 8)}`)).toEqual(['4TRQ3MGG']);
  });

  it('filters by status, INACTIVE included, and sorts ascending on request', async () => {
    expect(await search('status=DISABLED')).toEqual(['KWPNG8MW']);
    expect(await search('status=ACTIVE&sort=asc')).toEqual(['9JA74XQ2', '4TRQ3MGG']);
    sim.state.setAccountStatus(IDS.flat, 'INACTIVE');
    expect(await search('status=INACTIVE')).toEqual(['4TRQ3MGG']);
  });

  it('refuses an unknown status with 422', async () => {
    const answer = await call(sim, 'GET', '/v1/accounts?status=SLEEPING');
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 42210000 });
  });
});

describe('GET /v1/accounts past 1,000 accounts', () => {
  let large: AlpacaSim;

  beforeEach(async () => {
    large = await startAlpacaSim({ data: withManyAccounts(fixtureData(), 2500) });
  });

  afterEach(async () => {
    await large.close();
  });

  const page = async (query: string): Promise<AlpacaAccount[]> => {
    const answer = await call(large, 'GET', `/v1/accounts?${query}`);
    expect(answer.status).toBe(200);
    return answer.body as AlpacaAccount[];
  };

  it('answers at most 1,000 accounts, and created_after scrolls oldest first to the last one', async () => {
    const seen: string[] = [];
    let createdAfter = '';
    for (;;) {
      const accounts = await page(`sort=asc${createdAfter ? `&created_after=${encodeURIComponent(createdAfter)}` : ''}`);
      expect(accounts.length).toBeLessThanOrEqual(1000);
      if (accounts.length === 0) break;
      seen.push(...accounts.map((account) => account.account_number));
      createdAfter = accounts.at(-1)?.created_at ?? '';
    }
    expect(seen).toHaveLength(2500);
    expect(new Set(seen).size).toBe(2500);
    expect(seen.at(-1)).toBe('900002500');
  });

  it('pages newest first with created_before, the reference default', async () => {
    const newest = await page('');
    expect(newest[0]?.account_number).toBe('900002500');
    const older = await page(`created_before=${encodeURIComponent(newest.at(-1)?.created_at ?? '')}`);
    expect(older[0]?.account_number).toBe('900001500');
  });

  it('finds one account among thousands by its number or its holder', async () => {
    expect((await page('query=900002345')).map((account) => account.account_number)).toEqual(['900002345']);
    const holder = (await page('query=900002345'))[0]?.identity;
    const byName = await page(`query=${holder?.given_name}%20${holder?.family_name}`);
    expect(byName.map((account) => account.account_number)).toContain('900002345');
  });

  it('refuses a count below the book it extends', () => {
    expect(() => withManyAccounts(fixtureData(), 2)).toThrow('the account count must be a whole number from 3 to 200000');
  });
});

describe('GET /v1/accounts/{id}', () => {
  it('returns the account', async () => {
    const answer = await call(sim, 'GET', `/v1/accounts/${IDS.trader}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: IDS.trader, account_number: '9JA74XQ2', status: 'ACTIVE', currency: 'USD' });
  });

  it('answers 404 with 40410000 naming the account for an unknown id', async () => {
    const answer = await call(sim, 'GET', '/v1/accounts/00000000-0000-4000-8000-000000000000');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ code: 40410000, message: 'account not found' });
  });
});

describe('POST /v1/accounts/{id}/actions/close', () => {
  it('answers 204 and the account reads ACCOUNT_CLOSED afterwards', async () => {
    const answer = await call(sim, 'POST', `/v1/accounts/${IDS.flat}/actions/close`);
    expect(answer.status).toBe(204);
    expect(answer.body).toBeNull();
    const after = await call(sim, 'GET', `/v1/accounts/${IDS.flat}`);
    expect((after.body as AlpacaAccount).status).toBe('ACCOUNT_CLOSED');
  });

  it('closes an account that still holds positions, as Alpaca documents no refusal, and records what was left', async () => {
    const answer = await call(sim, 'POST', `/v1/accounts/${IDS.trader}/actions/close`);
    expect(answer.status).toBe(204);
    expect(sim.state.closures).toEqual([
      expect.objectContaining({ accountId: IDS.trader, previousStatus: 'ACTIVE', cash: '5000', positionCount: 4, openOrderCount: 0 }),
    ]);
  });

  it('answers 404 for an unknown account', async () => {
    const answer = await call(sim, 'POST', '/v1/accounts/00000000-0000-4000-8000-000000000000/actions/close');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 40410000 });
  });
});

describe('routing', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const answer = await call(sim, 'GET', '/v2/nothing-here');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 40410000 });
    expect(answer.headers.get('content-type')).toContain('application/json');
  });

  it('answers a known path with the wrong method with 405', async () => {
    const answer = await call(sim, 'PUT', `/v1/accounts/${IDS.trader}`);
    expect(answer.status).toBe(405);
  });
});

describe('rate limiting', () => {
  it('counts down x-ratelimit-remaining and answers 429 past the limit', async () => {
    const limited = await startAlpacaSim({ data: fixtureData(), rateLimit: { limit: 2, windowMs: 60_000 } });
    try {
      const first = await call(limited, 'GET', '/v1/accounts');
      const second = await call(limited, 'GET', '/v1/accounts');
      const third = await call(limited, 'GET', '/v1/accounts');
      expect(first.headers.get('x-ratelimit-limit')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
      expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(third.status).toBe(429);
      expect(third.body).toEqual({ code: 42910000, message: 'rate limit exceeded' });
      expect(third.headers.get('x-ratelimit-remaining')).toBe('0');
      const reset = Number(third.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
      expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    } finally {
      await limited.close();
    }
  });

  it('opens a new window after windowMs', async () => {
    const limited = await startAlpacaSim({ data: fixtureData(), rateLimit: { limit: 1, windowMs: 100 } });
    try {
      expect((await call(limited, 'GET', '/v1/accounts')).status).toBe(200);
      expect((await call(limited, 'GET', '/v1/accounts')).status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect((await call(limited, 'GET', '/v1/accounts')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
