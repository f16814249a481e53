import { LosslessNumber } from 'lossless-json';
import { d } from '../shared/decimal';
import { fail, invalidData, succeed } from './errors';
import type { Outcome } from './errors';
import { money } from './pricing';
import type { ScaleTradeSimState, TradeView } from './state';
import { TRADE_STATE, TRADE_TYPE } from './types';
import type { TradeStatus } from './types';

/** The columns of GET /trades, in the platform's order. */
export const TRADE_COLUMNS = [
  'order', 'login', 'cmd', 'state', 'symbol', 'reason', 'volume', 'open_time', 'close_time', 'open_price', 'close_price',
  'sl', 'tp', 'profit', 'net_profit', 'commission', 'storage', 'comment', 'digits', 'expiration',
] as const;

export const MAX_PAGE = 1000;

export interface TradesQuery {
  limit: number;
  offset: number;
  tradeType: number;
}

const STATE_OF: Readonly<Record<TradeStatus, number>> = {
  open: TRADE_STATE.open,
  pending: TRADE_STATE.open,
  closed: TRADE_STATE.closed,
  deleted: TRADE_STATE.deleted,
  finance: TRADE_STATE.closed,
};

const FILTERS = ['where', 'whereNot', 'whereIn', 'whereNotIn', 'whereBetween', 'whereNotBetween'];

function integerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** GET /trades takes its query as a JSON body: limit, offset and tradeType are all required. */
export function readTradesQuery(body: unknown): Outcome<TradesQuery> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(invalidData('body must be a JSON object with limit, offset and tradeType'));
  const { limit, offset, tradeType } = body as Record<string, unknown>;
  if (!integerIn(limit, 1, MAX_PAGE)) return fail(invalidData(`limit must be an integer from 1 to ${MAX_PAGE}`));
  if (!integerIn(offset, 0, Number.MAX_SAFE_INTEGER)) return fail(invalidData('offset must be a non-negative integer'));
  if (!integerIn(tradeType, TRADE_TYPE.all, TRADE_TYPE.finance)) return fail(invalidData('tradeType must be an integer from 0 to 4'));
  // The platform filters with these; the simulator does not, and says so rather than answer unfiltered.
  const filter = FILTERS.find((name) => name in body);
  if (filter !== undefined) return fail(invalidData(`${filter} is not supported by the simulator`));
  return succeed({ limit, offset, tradeType });
}

/** A decimal as a JSON number with its exact text, never through a binary float. */
export function jsonNumber(value: string): LosslessNumber {
  return new LosslessNumber(value);
}

function row(trade: TradeView, digits: number): unknown[] {
  const values: Record<(typeof TRADE_COLUMNS)[number], unknown> = {
    order: trade.order,
    login: trade.login,
    cmd: trade.cmd,
    state: STATE_OF[trade.status],
    symbol: trade.symbol,
    reason: trade.reason,
    volume: trade.volume,
    open_time: trade.open_time,
    close_time: trade.close_time,
    open_price: jsonNumber(trade.open_price),
    close_price: jsonNumber(trade.close_price),
    sl: jsonNumber(trade.sl),
    tp: jsonNumber(trade.tp),
    profit: jsonNumber(trade.profit),
    net_profit: jsonNumber(trade.net_profit),
    commission: jsonNumber(trade.commission),
    storage: jsonNumber(trade.storage),
    comment: trade.comment,
    digits,
    expiration: trade.expiration,
  };
  return TRADE_COLUMNS.map((column) => values[column]);
}

/** One page of the login's trades with totals over every matching trade, as the platform answers. */
export function tradeTable(state: ScaleTradeSimState, login: number, query: TradesQuery): Record<string, unknown> {
  const trades = state.tradesOf(login, query.tradeType);
  const sum = (pick: (trade: TradeView) => string) => jsonNumber(money(trades.reduce((total, trade) => total.plus(pick(trade)), d(0))));
  return {
    structure: [...TRADE_COLUMNS],
    rows: trades.slice(query.offset, query.offset + query.limit).map((trade) => row(trade, state.instrument(trade.symbol)?.digits ?? 2)),
    count: trades.length,
    total_profit: sum((trade) => trade.profit),
    total_net_profit: sum((trade) => trade.net_profit),
    total_storage: sum((trade) => trade.storage),
    total_commission: sum((trade) => trade.commission),
    total_volume: trades.reduce((total, trade) => total + trade.volume, 0),
  };
}
