import type { AlpacaSim } from './server';
import type { AccountHoldings, AlpacaAccount, AlpacaSimData, PositionRecord, SimAsset } from './types';
export { eventually, sleep } from '../eventually';

/** Small hand-made books whose numbers tests can check by hand; the demo book is tested on its own. */
export const IDS = {
  trader: '0d18ae51-3c94-4511-b209-101e1666416b',
  flat: '3dcb795c-3ccc-402a-abb9-07e26a1b1326',
  disabled: '56712986-9ff7-4d8f-8e52-077e099e533e',
} as const;

export const ASSETS: SimAsset[] = [
  { asset_id: 'b0b6dd9d-8b9b-48a9-ba46-b9d54906e415', symbol: 'AAPL', name: 'Apple Inc.', asset_class: 'us_equity', exchange: 'NASDAQ', fractionable: true, shortable: true, price: '200', lastday_price: '190' },
  { asset_id: 'a4778bc8-fad1-47b7-87fe-d5cde10d43f4', symbol: 'TSLA', name: 'Tesla, Inc.', asset_class: 'us_equity', exchange: 'NASDAQ', fractionable: true, shortable: true, price: '400', lastday_price: '410' },
  { asset_id: '93f58d0b-6c53-432d-b8ce-2bad264dbd94', symbol: 'SQQQ', name: 'ProShares UltraPro Short QQQ', asset_class: 'us_equity', exchange: 'NASDAQ', fractionable: false, shortable: true, price: '14', lastday_price: '14.5' },
  { asset_id: '904837e3-3b76-47ec-b432-046db621571b', symbol: 'GME', name: 'GameStop Corp.', asset_class: 'us_equity', exchange: 'NYSE', fractionable: true, shortable: true, price: '25', lastday_price: '24' },
  { asset_id: 'f7f25e89-939a-4587-aaf6-414a6b3c341d', symbol: 'HD', name: 'Home Depot', asset_class: 'us_equity', exchange: 'NYSE', fractionable: true, shortable: true, price: '370', lastday_price: '365' },
];

/** A crypto pair and an option contract, which tests add (state.addAsset) where they need them. */
export const CRYPTO_AND_OPTION: SimAsset[] = [
  { asset_id: '276e2673-764b-4ab6-a611-caf665ca6340', symbol: 'BTC/USD', asset_class: 'crypto', name: 'Bitcoin / US Dollar', exchange: 'CRYPTO', fractionable: true, shortable: false, price: '64000', lastday_price: '63000' },
  { asset_id: '6f4c2a5e-8a47-4d35-9f0f-2f7a1b6d4c88', symbol: 'AAPL240119C00100000', asset_class: 'us_option', name: 'AAPL Jan 19 2024 100 Call', exchange: 'OPRA', fractionable: false, shortable: false, price: '2.5', lastday_price: '2' },
];

function account(id: string, accountNumber: string, given: string, family: string, status: AlpacaAccount['status'], createdAt: string): AlpacaAccount {
  return {
    id,
    account_number: accountNumber,
    status,
    crypto_status: 'PAPER_ONLY',
    currency: 'USD',
    last_equity: '1000',
    created_at: createdAt,
    account_type: 'trading',
    contact: {
      email_address: `${given}.${family}@example.com`.toLowerCase(),
      phone_number: '+12125550100',
      street_address: ['20 N San Mateo Dr'],
      city: 'San Mateo',
      state: 'CA',
      postal_code: '94401',
    },
    identity: { given_name: given, family_name: family, date_of_birth: '1980-01-01', country_of_tax_residence: 'USA', funding_source: ['savings'] },
  };
}

export const TRADER_POSITIONS: PositionRecord[] = [
  { symbol: 'AAPL', qty: '10', avg_entry_price: '150' },
  { symbol: 'GME', qty: '12.5', avg_entry_price: '20' },
  { symbol: 'SQQQ', qty: '1000', avg_entry_price: '15' },
  { symbol: 'TSLA', qty: '-5', avg_entry_price: '420' },
];

export function fixtureData(): AlpacaSimData {
  const holdings: AccountHoldings[] = [
    { account: account(IDS.trader, '9JA74XQ2', 'Maya', 'Okafor', 'ACTIVE', '2022-01-21T21:25:26.583Z'), cash: '5000', positions: TRADER_POSITIONS, orders: [] },
    { account: account(IDS.flat, '4TRQ3MGG', 'Daniel', 'Reyes', 'ACTIVE', '2023-03-02T10:00:00.000Z'), cash: '0', positions: [], orders: [] },
    { account: account(IDS.disabled, 'KWPNG8MW', 'Maya', 'Reyes', 'DISABLED', '2024-06-30T12:00:00.000Z'), cash: '12', positions: [], orders: [] },
  ];
  return { assets: ASSETS.map((asset) => ({ ...asset })), accounts: holdings };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface CallOptions {
  auth?: string | null;
  timeoutMs?: number;
  /** Sent as JSON. */
  body?: unknown;
}

export function basicAuth(keyId: string, secret: string): string {
  return `Basic ${Buffer.from(`${keyId}:${secret}`).toString('base64')}`;
}

/** fetch against a running simulator, authenticated with its own key unless `auth` says otherwise. */
export async function call(sim: AlpacaSim, method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
  const auth = options.auth === undefined ? basicAuth(sim.keyId, sim.secret) : options.auth;
  const headers: Record<string, string> = auth === null ? {} : { authorization: auth };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

/** Ends the simulated business day through the simulator's clock knob, as an end-to-end test does. */
export async function nextDay(sim: AlpacaSim, days = 1): Promise<{ day: number; date: string }> {
  const answer = await call(sim, 'POST', '/sim/v1/clock/advance', { body: { days } });
  if (answer.status !== 200) throw new Error(`the clock did not advance: HTTP ${answer.status}`);
  return answer.body as { day: number; date: string };
}

