import type { ExnessSim } from './server';
import type { ExnessSimData } from './types';
export { eventually, sleep } from '../eventually';

/** A small book whose numbers tests can check by hand; the demo book is tested on its own. */
export const USERS = {
  maya: { userId: 'c4a1e7d0-5b2f-4e8a-9c3d-0f6b7a8e9d10', email: 'maya@example.com' },
  noor: { userId: '7e2d9b4a-1c3f-4a5e-8b6d-2f0e1d3c4b5a', email: 'noor@example.com' },
} as const;

export const TICKETS = {
  btcLong: 'ord_1234567890abcdef',
  eurShort: 'ord_00000000000000e1',
  us500Long: 'ord_00000000000000a5',
  noorBtc: 'ord_00000000000000n1',
} as const;

export function fixtureData(): ExnessSimData {
  const open = (orderId: string, userId: string, symbol: string, type: 'buy' | 'sell', quantity: string, openPrice: string, openTime: string) => ({
    orderId, userId, symbol, type, quantity, leverage: 20, openPrice, openTime, takeProfit: null, stopLoss: null,
  });
  return {
    instruments: [
      { symbol: 'BTCUSD', code: 'btc', kind: 'crypto', price: '42350.75' },
      { symbol: 'EURUSD', code: 'eurusd', kind: 'fx', price: '1.08423' },
      { symbol: 'US500', code: 'us500', kind: 'index', price: '4890.3' },
      { symbol: 'USDJPY', code: 'usdjpy', kind: 'fx', price: '150', usdBase: true },
    ],
    users: [
      { ...USERS.maya, balance: '1000.30' },
      { ...USERS.noor, balance: '50' },
    ],
    openOrders: [
      // (42350.75 - 41848.75) x 0.25 = 125.50, the seed page's example.
      open(TICKETS.btcLong, USERS.maya.userId, 'BTCUSD', 'buy', '0.25', '41848.75', '2026-01-20T10:00:00.000Z'),
      // (1.09 - 1.08423) x 1000 = 5.77
      open(TICKETS.eurShort, USERS.maya.userId, 'EURUSD', 'sell', '1000', '1.09', '2026-01-21T10:00:00.000Z'),
      // (4890.3 - 4900) x 1.5 = -14.55
      open(TICKETS.us500Long, USERS.maya.userId, 'US500', 'buy', '1.5', '4900', '2026-01-22T10:00:00.000Z'),
      open(TICKETS.noorBtc, USERS.noor.userId, 'BTCUSD', 'buy', '1', '40000', '2026-01-22T11:00:00.000Z'),
    ],
    closedOrders: [
      {
        ...open('ord_closed000000001', USERS.maya.userId, 'USDJPY', 'buy', '10000', '148.5', '2026-01-10T08:00:00.000Z'),
        closePrice: '150',
        closeTime: '2026-01-12T16:30:00.000Z',
        profit: '100.00',
      },
    ],
  };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** The raw text, to check numbers digit by digit. */
  text: string;
  body: unknown;
}

export interface CallOptions {
  /** A token to send as Bearer; null sends no Authorization header; absent sends the simulator's demo token. */
  token?: string | null;
  body?: unknown;
  timeoutMs?: number;
}

/** fetch against a running simulator, with the first user's token unless told otherwise. */
export async function call(sim: ExnessSim, method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
  const token = options.token === undefined ? sim.secret : options.token;
  const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    ...(options.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(options.timeoutMs) }),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
  return { status: response.status, headers: response.headers, text, body: isJson ? (JSON.parse(text) as unknown) : text };
}

export function closeTicket(sim: ExnessSim, orderId: unknown, token?: string): Promise<HttpAnswer> {
  return call(sim, 'POST', '/api/v1/trade/close', { body: { orderId }, ...(token === undefined ? {} : { token }) });
}

export function openIds(sim: ExnessSim, userId: string): string[] {
  return sim.state.openOrdersOf(userId).map((order) => order.orderId);
}

