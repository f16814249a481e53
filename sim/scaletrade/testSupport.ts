import http from 'node:http';
import { parse } from 'lossless-json';
import type { ScaleTradeSim } from './server';
import { CMD } from './types';
import type { ScaleTradeSimData, SimInstrument, SimTrade, SimUser } from './types';
export { eventually, sleep } from '../eventually';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Parsed with lossless-json: every number arrives as its exact text. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  /** The raw Authorization header; null sends none. */
  auth?: string | null;
  body?: unknown;
  /** Sent as is instead of a JSON encoding of `body`. */
  rawBody?: string;
  timeoutMs?: number;
}

/** node:http, because fetch refuses the JSON body ScaleTrade's GET /trades takes. */
export function call(sim: ScaleTradeSim, method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {};
  if (options.auth) headers.authorization = options.auth;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const request = http.request(`${sim.url}${path}`, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, body: text === '' ? null : parse(text, null, (digits) => digits) });
      });
    });
    request.on('error', reject);
    if (options.timeoutMs !== undefined) request.setTimeout(options.timeoutMs, () => request.destroy(new Error('timed out')));
    request.end(payload);
  });
}

export async function signIn(sim: ScaleTradeSim, login = sim.login, password = sim.password): Promise<string> {
  const answer = await call(sim, 'POST', '/sign/in', { body: { login, password } });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.text}`);
  return (answer.body as { __token: string }).__token;
}

export interface TradeTable {
  structure: string[];
  rows: unknown[][];
  count: string;
}

/** Rows of a trade table as objects keyed by column name. */
export function rowsOf(table: TradeTable): Array<Record<string, unknown>> {
  return table.rows.map((row) => Object.fromEntries(table.structure.map((name, index) => [name, row[index]])));
}

/** A small book whose numbers a test can check by hand. */
export const TRADER = 200_001;
export const DISABLED = 200_002;
export const MANAGER = 200_003;
export const READONLY = 200_004;
export const PASSWORD = 'trader-pass-81';

export const EURUSD: SimInstrument = { symbol: 'EURUSD', digits: 5, bid: '1.1', ask: '1.1002', contractSize: '100000', quoteToAccount: '1', marginPerLot: '220' };
export const XAUUSD: SimInstrument = { symbol: 'XAUUSD', digits: 2, bid: '2300.1', ask: '2300.4', contractSize: '100', quoteToAccount: '1', marginPerLot: '460' };

function user(login: number, name: string, extra: Partial<SimUser> = {}): SimUser {
  return { login, password: PASSWORD, name, email: `${login}@example.com`, group: 'test', currency: 'USD', leverage: 500, balance: '1000', credit: '0', regdate: 1_700_000_000, ...extra };
}

export function trade(order: number, fields: Partial<SimTrade>): SimTrade {
  return {
    order, login: TRADER, cmd: CMD.buy, status: 'open', symbol: 'EURUSD', reason: 0, volume: 100, open_time: 1_769_000_000, close_time: 0,
    open_price: '1.09', close_price: '0', sl: '0', tp: '0', profit: '0', commission: '0', storage: '0', comment: '', expiration: 0, ...fields,
  };
}

/**
 * TRADER holds a 1-lot EURUSD buy from 1.09 (+1000 at 1.1 bid), a 2.5-lot XAUUSD sell from 2310.1 with commission and swap,
 * a 0.1-lot EURUSD sell and a pending buy limit; it has one closed trade. The other users are disabled, manager and read-only.
 */
export function fixtureData(): ScaleTradeSimData {
  return {
    instruments: [{ ...EURUSD }, { ...XAUUSD }],
    users: [user(TRADER, 'Maya Okafor'), user(DISABLED, 'Daniel Reyes', { disabled: true }), user(MANAGER, 'Desk Manager', { sessionType: 'manager' }), user(READONLY, 'Read Only', { sessionType: 'readonly' })],
    trades: [
      trade(1001, {}),
      trade(1002, { cmd: CMD.sell, symbol: 'XAUUSD', volume: 250, open_price: '2310.1', commission: '-17.5', storage: '-5', comment: 'gold hedge' }),
      trade(1003, { cmd: CMD.sell, volume: 10, open_price: '1.1' }),
      trade(1004, { cmd: CMD.buyLimit, status: 'pending', volume: 50, open_price: '1.05' }),
      trade(900, { status: 'closed', close_time: 1_768_000_000, open_price: '1.08', close_price: '1.085', profit: '500', commission: '-7' }),
    ],
  };
}
