import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { seededRandom } from '../shared/random';
import type { SeededRandom } from '../shared/random';
import { INSTRUMENTS, isIndex } from './instruments';
import { closingPrice, lots, money, tradeProfit } from './pricing';
import { CMD } from './types';
import type { ScaleTradeSimData, SimInstrument, SimTrade, SimUser } from './types';

const DEMO_SEED = 20260126;
/** The demo book is dated around one trading afternoon so repeated runs produce byte-identical data. */
const REFERENCE_TIME = Math.floor(Date.UTC(2026, 0, 26, 15, 0, 0) / 1000);
const HOUR = 3600;
const DAY = 24 * HOUR;
const FIRST_DEMO_TICKET = 5_120_001;
/** MetaTrader's balance operation, listed with tradeType 4 (finance). */
const CMD_BALANCE = 6;
const DEPOSIT = '50000';

export const DEMO_LOGIN = 100_001;
const VOLUMES = [10, 50, 100, 250, 1000] as const;
const COMMENTS = ['', '', '', 'hedge', 'breakout', 'news fade', 'swing'] as const;
/** Round-turn commission per 1.00 lot on FX and metals; index CFDs trade commission-free. */
const COMMISSION_PER_LOT = '7';

interface Plan {
  open: number;
  pending: number;
  closed: number;
}

const DEMO_PLAN: Plan = { open: 25, pending: 4, closed: 12 };

function demoUser(login: number, name: string, email: string): SimUser {
  return {
    login,
    name,
    email,
    group: 'demo\\standard-usd',
    currency: 'USD',
    leverage: 500,
    balance: '0',
    credit: '0',
    regdate: REFERENCE_TIME - 400 * DAY,
  };
}

/** A factor in [1 - spread, 1 + spread] drawn in millionths, so no binary float touches a price. */
function drift(rng: SeededRandom, spread: string): SimDecimal {
  return d(1).minus(spread).plus(d(spread).times(2).times(rng.int(0, 1_000_000)).dividedBy(1_000_000));
}

function priced(instrument: SimInstrument, factor: SimDecimal): string {
  const mid = d(instrument.bid).plus(instrument.ask).dividedBy(2);
  return text(mid.times(factor).toDecimalPlaces(instrument.digits));
}

function commissionFor(instrument: SimInstrument, volume: number): string {
  return isIndex(instrument.symbol) ? '0' : money(lots(volume).times(COMMISSION_PER_LOT).negated());
}

function baseTrade(instrument: SimInstrument, login: number, cmd: number, volume: number, openTime: number, rng: SeededRandom): SimTrade {
  return {
    order: 0,
    login,
    cmd,
    status: 'open',
    symbol: instrument.symbol,
    reason: rng.pick([0, 0, 2]),
    volume,
    open_time: openTime,
    close_time: 0,
    open_price: priced(instrument, drift(rng, '0.02')),
    close_price: '0',
    sl: '0',
    tp: '0',
    profit: '0',
    commission: commissionFor(instrument, volume),
    storage: money(d(rng.int(-800, 300)).dividedBy(100).times(lots(volume))),
    comment: rng.pick(COMMENTS),
    expiration: 0,
  };
}

/** Stops and targets on about half the trades, on the side of the open price each belongs to. */
function withStops(trade: SimTrade, instrument: SimInstrument, rng: SeededRandom): SimTrade {
  if (!rng.chance(0.5)) return trade;
  const below = priced(instrument, drift(rng, '0.01').minus('0.03'));
  const above = priced(instrument, drift(rng, '0.01').plus('0.03'));
  return trade.cmd === CMD.buy ? { ...trade, sl: below, tp: above } : { ...trade, sl: above, tp: below };
}

function openTrade(login: number, rng: SeededRandom, instrument: SimInstrument): SimTrade {
  const cmd = rng.chance(0.55) ? CMD.buy : CMD.sell;
  const openTime = REFERENCE_TIME - rng.int(HOUR, 30 * DAY);
  return withStops(baseTrade(instrument, login, cmd, rng.pick(VOLUMES), openTime, rng), instrument, rng);
}

/** Limits wait on the far side of the market from their stops: a buy limit below the ask, a buy stop above it. */
function pendingTrade(login: number, rng: SeededRandom, instrument: SimInstrument, cmd: number): SimTrade {
  const away = cmd === CMD.buyLimit || cmd === CMD.sellStop ? '0.985' : '1.015';
  const trade = baseTrade(instrument, login, cmd, rng.pick(VOLUMES), REFERENCE_TIME - rng.int(HOUR, 5 * DAY), rng);
  return { ...trade, status: 'pending', open_price: priced(instrument, d(away)), commission: '0', storage: '0', expiration: trade.open_time + 7 * DAY };
}

function closedTrade(login: number, rng: SeededRandom, instrument: SimInstrument): SimTrade {
  const trade = baseTrade(instrument, login, rng.chance(0.5) ? CMD.buy : CMD.sell, rng.pick(VOLUMES), REFERENCE_TIME - rng.int(31 * DAY, 90 * DAY), rng);
  const closePrice = closingPrice({ ...instrument, bid: priced(instrument, drift(rng, '0.015')), ask: priced(instrument, drift(rng, '0.015')) }, trade.cmd);
  return {
    ...trade,
    status: 'closed',
    close_time: trade.open_time + rng.int(HOUR, 10 * DAY),
    close_price: closePrice,
    profit: tradeProfit(instrument, trade.cmd, trade.volume, trade.open_price, closePrice),
  };
}

function deletedPending(login: number, rng: SeededRandom, instrument: SimInstrument): SimTrade {
  const trade = pendingTrade(login, rng, instrument, CMD.buyLimit);
  return { ...trade, status: 'deleted', open_time: REFERENCE_TIME - 35 * DAY, close_time: REFERENCE_TIME - 33 * DAY, expiration: 0, comment: 'cancelled' };
}

function deposit(login: number, amount: string, time: number): SimTrade {
  return {
    order: 0, login, cmd: CMD_BALANCE, status: 'finance', symbol: '', reason: 0, volume: 0, open_time: time, close_time: time,
    open_price: '0', close_price: '0', sl: '0', tp: '0', profit: amount, commission: '0', storage: '0', comment: 'Deposit', expiration: 0,
  };
}

/** Tickets rise with time, as a trading server hands them out. */
function numbered(trades: SimTrade[]): SimTrade[] {
  return trades
    .sort((a, b) => a.open_time - b.open_time || a.symbol.localeCompare(b.symbol))
    .map((trade, index) => ({ ...trade, order: FIRST_DEMO_TICKET + index }));
}

/** The balance is the deposit plus every closed trade's net result, so the book adds up. */
function settledBalance(trades: readonly SimTrade[]): string {
  return money(
    trades
      .filter((trade) => trade.status === 'closed' || trade.status === 'finance')
      .reduce((sum, trade) => sum.plus(trade.profit).plus(trade.commission).plus(trade.storage), d(0)),
  );
}

function book(user: SimUser, plan: Plan, rng: SeededRandom): ScaleTradeSimData {
  const trades: SimTrade[] = [deposit(user.login, DEPOSIT, REFERENCE_TIME - 120 * DAY)];
  for (let i = 0; i < plan.open; i += 1) trades.push(openTrade(user.login, rng, INSTRUMENTS[i % INSTRUMENTS.length] as SimInstrument));
  const pendingKinds = [CMD.buyLimit, CMD.sellLimit, CMD.buyStop, CMD.sellStop];
  for (let i = 0; i < plan.pending; i += 1) {
    trades.push(pendingTrade(user.login, rng, rng.pick(INSTRUMENTS), pendingKinds[i % pendingKinds.length] as number));
  }
  for (let i = 0; i < plan.closed; i += 1) trades.push(closedTrade(user.login, rng, rng.pick(INSTRUMENTS)));
  if (plan.closed > 0) trades.push(deletedPending(user.login, rng, rng.pick(INSTRUMENTS)));
  const ordered = numbered(trades);
  return {
    instruments: INSTRUMENTS.map((instrument) => ({ ...instrument })),
    users: [{ ...user, balance: settledBalance(ordered) }],
    trades: ordered,
  };
}

/**
 * One login, the same on every call: 25 open trades across FX pairs, gold, silver and index CFDs (buys and sells,
 * 0.10 to 10 lots, some with stops), four pending trades (one of each kind), twelve closed trades, a cancelled
 * pending order and the deposit that funded the account. The password is generated when the simulator starts.
 */
export function demoData(): ScaleTradeSimData {
  return book(demoUser(DEMO_LOGIN, 'Lucas Ferreira', 'lucas.ferreira@example.com'), DEMO_PLAN, seededRandom(DEMO_SEED));
}

/** One login with `openTrades` open trades (tickets, so symbols repeat) and nothing else, for benchmarks. */
export function largeDemoData(openTrades: number): ScaleTradeSimData {
  if (!Number.isInteger(openTrades) || openTrades < 0 || openTrades > 1_000_000) {
    throw new Error('openTrades must be a whole number from 0 to 1000000');
  }
  const user = demoUser(DEMO_LOGIN + 1, 'Bench Mark', 'bench.mark@example.com');
  return book(user, { open: openTrades, pending: 0, closed: 0 }, seededRandom(DEMO_SEED + openTrades));
}
