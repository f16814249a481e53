import { d } from '../shared/decimal';
import { fail, invalidData, succeed, tradeFailed, tradeNotFound } from './errors';
import type { Outcome } from './errors';
import { closingPrice, money, openingPrice, prorate, tradeProfit } from './pricing';
import type { ScaleTradeSimState, TradeView } from './state';
import { CMD, MAX_PENDING_CMD } from './types';
import type { SimTrade } from './types';

export interface CloseRequest {
  order: number;
  /** Absent for a full close. */
  volume: number | undefined;
  comment: string | undefined;
}

export interface CloseTarget extends CloseRequest {
  symbol: string;
  cmd: number;
  /** The minimal lots this close takes off: the request's volume, or all that is open. */
  closeVolume: number;
  full: boolean;
}

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Prices arrive as JSON numbers; their text must be a plain decimal (the simulator's JSON parser keeps it exact enough for prices). */
function priceText(value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  const textual = String(value);
  return DECIMAL_TEXT.test(textual) ? textual : null;
}

/** Reads DELETE /trade/close's body and checks it against the book; nothing changes here. */
export function checkClose(state: ScaleTradeSimState, login: number, body: unknown): Outcome<CloseTarget> {
  if (!isRecord(body)) return fail(invalidData('body must be a JSON object'));
  const { order, volume, comment } = body;
  if (!positiveInteger(order)) return fail(invalidData('order must be a positive integer'));
  if (volume !== undefined && !positiveInteger(volume)) return fail(invalidData('volume must be a positive integer number of minimal lots'));
  if (comment !== undefined && typeof comment !== 'string') return fail(invalidData('comment must be a string'));
  const trade = state.mutableTrade(order);
  if (trade === undefined || trade.login !== login || trade.status !== 'open') return fail(tradeNotFound(order));
  if (state.isClosing(order)) return fail(invalidData('a close request for this trade is already in processing'));
  // The seed's "failed to close trade (validation or execution)": here the validation kind, refused before executing.
  if (!state.isMarketOpen(trade.symbol)) return fail(tradeFailed(`Market is closed for ${trade.symbol}`));
  // As the platform's close command: a volume equal to the open volume is a full close, a larger one is refused.
  if (volume !== undefined && volume > trade.volume) {
    return fail(invalidData(`volume ${volume} exceeds the open volume ${trade.volume}`));
  }
  const closeVolume = volume ?? trade.volume;
  return succeed({ order, volume, comment, symbol: trade.symbol, cmd: trade.cmd, closeVolume, full: closeVolume === trade.volume });
}

/**
 * Closes at the current price. A partial close books the closed part as a new closed ticket and leaves the rest open
 * under the original ticket, with its commission and swap shared out by volume. Returns the closed record, or null
 * when the trade is no longer open (an accepted close overtaken by another).
 */
export function executeClose(state: ScaleTradeSimState, target: CloseRequest): TradeView | null {
  const trade = state.mutableTrade(target.order);
  state.markClosing(target.order, false);
  if (trade === undefined || trade.status !== 'open') return null;
  const instrument = state.requireInstrument(trade.symbol);
  const price = closingPrice(instrument, trade.cmd);
  const closeVolume = Math.min(target.volume ?? trade.volume, trade.volume);
  const closed: SimTrade =
    closeVolume === trade.volume
      ? trade
      : { ...trade, order: state.newTicket(), volume: closeVolume, commission: prorate(trade.commission, closeVolume, trade.volume), storage: prorate(trade.storage, closeVolume, trade.volume) };
  if (closed !== trade) {
    trade.volume -= closeVolume;
    trade.commission = money(d(trade.commission).minus(closed.commission));
    trade.storage = money(d(trade.storage).minus(closed.storage));
    state.insertTrade(closed);
  }
  closed.status = 'closed';
  closed.close_price = price;
  closed.close_time = state.nowSeconds();
  closed.profit = tradeProfit(instrument, closed.cmd, closeVolume, closed.open_price, price);
  if (target.comment !== undefined) closed.comment = target.comment;
  state.addToBalance(closed.login, money(d(closed.profit).plus(closed.commission).plus(closed.storage)));
  return state.trade(closed.order) ?? null;
}

/** POST /trade/open: a market trade opens at the current price; a pending kind waits at its open_price. */
export function openTrade(state: ScaleTradeSimState, login: number, body: unknown): Outcome<TradeView> {
  if (!isRecord(body)) return fail(invalidData('body must be a JSON object'));
  const { cmd, volume, symbol, comment } = body;
  if (body.login !== login) return fail(invalidData('login must be the login of the session'));
  if (typeof cmd !== 'number' || !Number.isInteger(cmd) || cmd < CMD.buy || cmd > MAX_PENDING_CMD) {
    return fail(invalidData(`cmd must be an integer from ${CMD.buy} to ${MAX_PENDING_CMD}`));
  }
  if (!positiveInteger(volume)) return fail(invalidData('volume must be a positive integer number of minimal lots'));
  if (typeof symbol !== 'string') return fail(invalidData('symbol is required'));
  const instrument = state.instrument(symbol);
  if (instrument === undefined) return fail(invalidData(`unknown symbol ${symbol}`));
  const sl = priceText(body.sl);
  const tp = priceText(body.tp);
  if (sl === null || tp === null) return fail(invalidData('sl and tp must be prices (0 for none)'));
  if (comment !== undefined && typeof comment !== 'string') return fail(invalidData('comment must be a string'));
  const pending = cmd > CMD.sell;
  const requested = body.open_price === undefined ? null : priceText(body.open_price);
  if (pending && (requested === null || d(requested).isZero())) return fail(invalidData('open_price is required for a pending trade'));
  const price = pending ? (requested as string) : openingPrice(instrument, cmd);
  const trade = state.addTrade({
    login,
    cmd,
    status: pending ? 'pending' : 'open',
    symbol,
    reason: 0,
    volume,
    open_time: state.nowSeconds(),
    close_time: 0,
    open_price: price,
    close_price: '0',
    sl,
    tp,
    profit: '0',
    commission: '0',
    storage: '0',
    comment: comment ?? '',
    expiration: 0,
  });
  return succeed(trade);
}
