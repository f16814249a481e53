import type { ClearStreetSim } from './server';
import type { AccountHoldings, ClearStreetAccount, ClearStreetSimData, Envelope, PersonalDetails, PositionRecord, SimInstrument } from './types';
export { eventually, sleep } from '../eventually';

/** Small hand-made books whose numbers tests can check by hand; the demo book is tested on its own. */
export const IDS = {
  trader: 100001,
  saver: 100002,
  dormant: 100003,
  closed: 200001,
} as const;

/** A key that may act on the saver's account only. */
export const LIMITED_KEY = { apiKey: 'limited-key-7Hq2', accountIds: [IDS.saver] };

export const INSTRUMENTS: SimInstrument[] = [
  { instrument_id: 'b0b6dd9d-8b9b-48a9-ba46-b9d54906e415', symbol: 'AAPL', instrument_type: 'COMMON_STOCK', venue: 'XNMS', price: '200', closing_price: '190', closing_price_date: '2026-01-23' },
  { instrument_id: 'a4778bc8-fad1-47b7-87fe-d5cde10d43f4', symbol: 'TSLA', instrument_type: 'COMMON_STOCK', venue: 'XNMS', price: '400', closing_price: '410', closing_price_date: '2026-01-23' },
  { instrument_id: '93f58d0b-6c53-432d-b8ce-2bad264dbd94', symbol: 'SQQQ', instrument_type: 'COMMON_STOCK', venue: 'XNMS', price: '14', closing_price: '14.5', closing_price_date: '2026-01-23' },
  { instrument_id: '904837e3-3b76-47ec-b432-046db621571b', symbol: 'GME', instrument_type: 'COMMON_STOCK', venue: 'XNYS', price: '25', closing_price: '24', closing_price_date: '2026-01-23' },
  { instrument_id: 'f7f25e89-939a-4587-aaf6-414a6b3c341d', symbol: 'HD', instrument_type: 'COMMON_STOCK', venue: 'XNYS', price: '370', closing_price: '365', closing_price_date: '2026-01-23' },
];

/** A cash sweep balance, listed among the positions as CASH; tests add it where they need it. */
export const CASH_SWEEP: SimInstrument = {
  instrument_id: '5e0c7a52-1a8c-4f3e-9a61-2d8f0b4c7e19', symbol: 'USD', instrument_type: 'CASH', venue: 'XXXX', price: '1', closing_price: '1', closing_price_date: '2026-01-23',
};

const NO_DETAILS: PersonalDetails = { country_of_tax_residency: null, date_of_birth: null, mailing_address: null, phone_number: null };

function account(id: number, fullName: string, shortName: string, subtype: ClearStreetAccount['subtype'], status: ClearStreetAccount['status']): ClearStreetAccount {
  return {
    id,
    account_holder_entity_id: 987654000 + (id % 1000),
    full_name: fullName,
    short_name: shortName,
    type: 'CUSTOMER',
    subtype,
    status,
    open_date: '2023-01-15',
    close_date: status === 'CLOSED' ? '2024-08-01' : null,
    options_level: subtype === 'MARGIN' ? 1 : 0,
  };
}

export const TRADER_POSITIONS: PositionRecord[] = [
  { symbol: 'AAPL', quantity: '10', avg_price: '150' },
  { symbol: 'GME', quantity: '12.5', avg_price: '20' },
  { symbol: 'SQQQ', quantity: '1000', avg_price: '15' },
  { symbol: 'TSLA', quantity: '-5', avg_price: '420' },
];

function holdings(account: ClearStreetAccount, settled: string, positions: PositionRecord[]): AccountHoldings {
  return {
    account,
    personal: account.id === IDS.trader
      ? { country_of_tax_residency: 'US', date_of_birth: '1985-03-15', phone_number: '+12125550123', mailing_address: { line1: '4 World Trade Center', line2: null, city: 'New York', state: 'NY', postal_code: '10007', country: 'USA' } }
      : NO_DETAILS,
    cash: { settled, unsettled_credits: '0', unsettled_debits: '0' },
    positions,
    orders: [],
  };
}

export function fixtureData(): ClearStreetSimData {
  return {
    instruments: INSTRUMENTS.map((instrument) => ({ ...instrument })),
    accounts: [
      holdings(account(IDS.trader, 'Maya Okafor Trading', 'OKAFOR-01', 'MARGIN', 'ACTIVE'), '5000', TRADER_POSITIONS.map((p) => ({ ...p }))),
      holdings(account(IDS.saver, 'Daniel Reyes Savings', 'REYES-01', 'CASH', 'ACTIVE'), '1000', [{ symbol: 'HD', quantity: '3', avg_price: '300' }]),
      holdings(account(IDS.dormant, 'Redwood Family Trust', 'REDWOOD-01', 'CASH', 'INACTIVE'), '12', [{ symbol: 'GME', quantity: '2', avg_price: '22' }]),
      holdings(account(IDS.closed, 'Old Test Account', 'OLD-01', 'CASH', 'CLOSED'), '0', []),
    ],
  };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: Envelope;
}

export interface CallOptions {
  /** The Authorization header; the simulator's own key unless given (null sends none). */
  auth?: string | null;
  /** Sent as is, so a test can send JSON that does not parse. */
  body?: string;
  timeoutMs?: number;
}

/** fetch against a running simulator, authenticated with its own key unless `auth` says otherwise. */
export async function call(sim: ClearStreetSim, method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
  const auth = options.auth === undefined ? `Bearer ${sim.apiKey}` : options.auth;
  const headers: Record<string, string> = auth === null ? {} : { authorization: auth };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Envelope };
}

