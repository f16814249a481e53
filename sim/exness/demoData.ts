import { d } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { seededRandom } from '../shared/random';
import type { SeededRandom } from '../shared/random';
import { INSTRUMENTS } from './instruments';
import { profitAt } from './state';
import type { ClosedOrderRecord, ExnessSimData, OpenOrderRecord, OrderType, SimInstrument, SimUser } from './types';

const DEMO_SEED = 20260127;
/** Times count back from one morning so repeated runs produce byte-identical data. */
const REFERENCE_TIME = Date.UTC(2026, 0, 26, 9, 30, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const HEX = '0123456789abcdef';

/** [symbol, type, quantity, leverage]: crypto, FX in units, a metal and indices, long and short, whole and fractional. */
type Ticket = readonly [string, OrderType, string, number];

const DEMO_TICKETS: readonly Ticket[] = [
  ['BTCUSD', 'buy', '0.25', 20],
  ['BTCUSD', 'sell', '0.1', 10],
  ['ETHUSD', 'buy', '1.5', 20],
  ['ETHUSD', 'buy', '3', 10],
  ['SOLUSD', 'sell', '12', 10],
  ['XRPUSD', 'buy', '2500', 5],
  ['LTCUSD', 'buy', '8.75', 10],
  ['EURUSD', 'buy', '1000', 100],
  ['EURUSD', 'sell', '25000', 200],
  ['GBPUSD', 'sell', '5000', 100],
  ['USDJPY', 'buy', '10000', 500],
  ['AUDUSD', 'buy', '1000', 100],
  ['USDCHF', 'sell', '2000', 100],
  ['XAUUSD', 'buy', '0.5', 50],
  ['US500', 'buy', '2', 50],
  ['US30', 'sell', '0.5', 50],
  ['USTEC', 'buy', '1.25', 100],
  ['DE30', 'sell', '1', 50],
  ['UK100', 'buy', '3', 50],
  ['JP225', 'buy', '0.1', 50],
];

const DEMO_HISTORY: readonly Ticket[] = [
  ['BTCUSD', 'buy', '0.05', 20],
  ['ETHUSD', 'sell', '2', 10],
  ['EURUSD', 'buy', '10000', 200],
  ['GBPUSD', 'buy', '1000', 100],
  ['XAUUSD', 'sell', '1', 50],
  ['US500', 'sell', '1.5', 50],
  ['SOLUSD', 'buy', '25', 10],
  ['USDJPY', 'sell', '5000', 500],
];

const OTHER_TICKETS: readonly Ticket[] = [
  ['BTCUSD', 'buy', '1', 10],
  ['EURUSD', 'sell', '50000', 500],
  ['US30', 'buy', '0.25', 50],
];

const INSTRUMENT_BY_SYMBOL = new Map(INSTRUMENTS.map((instrument) => [instrument.symbol, instrument]));

function instrumentOf(symbol: string): SimInstrument {
  const instrument = INSTRUMENT_BY_SYMBOL.get(symbol);
  if (instrument === undefined) throw new Error(`demo data names an unknown instrument ${symbol}`);
  return instrument;
}

/** A price near the current one, quoted with the same number of decimals; drawn in millionths so no float is involved. */
function priceNear(instrument: SimInstrument, rng: SeededRandom, spread: string): string {
  const current = d(instrument.price);
  const low = d(1).minus(d(spread));
  const factor = low.plus(d(spread).times(2).times(rng.int(0, 1_000_000)).dividedBy(1_000_000));
  return current.times(factor).toFixed(current.decimalPlaces());
}

function limitAway(price: string, type: OrderType, percent: number, towardsLoss: boolean): string {
  const up = (type === 'buy') !== towardsLoss;
  const factor: SimDecimal = d(100 + (up ? percent : -percent)).dividedBy(100);
  return d(price).times(factor).toFixed(d(price).decimalPlaces());
}

function openTicket(userId: string, ticket: Ticket, rng: SeededRandom, openedAt: number): OpenOrderRecord {
  const [symbol, type, quantity, leverage] = ticket;
  const openPrice = priceNear(instrumentOf(symbol), rng, '0.06');
  const withLimits = rng.chance(0.35);
  return {
    orderId: `ord_${rng.code(16, HEX)}`,
    userId,
    symbol,
    type,
    quantity,
    leverage,
    openPrice,
    openTime: new Date(openedAt).toISOString(),
    takeProfit: withLimits ? limitAway(openPrice, type, 8, false) : null,
    stopLoss: withLimits ? limitAway(openPrice, type, 5, true) : null,
  };
}

function closedTicket(userId: string, ticket: Ticket, rng: SeededRandom, openedAt: number): ClosedOrderRecord {
  const open = openTicket(userId, ticket, rng, openedAt);
  const instrument = instrumentOf(open.symbol);
  const closePrice = priceNear(instrument, rng, '0.08');
  const closedAt = openedAt + rng.int(30, 3 * 24 * 60) * MINUTE;
  return { ...open, closePrice, closeTime: new Date(closedAt).toISOString(), profit: profitAt(open, instrument, closePrice) };
}

function ageOf(rng: SeededRandom, maxDays: number): number {
  return REFERENCE_TIME - rng.int(5, maxDays * 24 * 60) * MINUTE;
}

function byTime<T extends { openTime: string }>(orders: T[]): T[] {
  return orders.sort((a, b) => a.openTime.localeCompare(b.openTime));
}

interface Book {
  user: SimUser;
  open: OpenOrderRecord[];
  closed: ClosedOrderRecord[];
}

function book(rng: SeededRandom, email: string, balance: string, open: readonly Ticket[], history: readonly Ticket[]): Book {
  const user: SimUser = { userId: rng.uuid(), email, balance };
  return {
    user,
    open: byTime(open.map((ticket) => openTicket(user.userId, ticket, rng, ageOf(rng, 20)))),
    closed: byTime(history.map((ticket) => closedTicket(user.userId, ticket, rng, REFERENCE_TIME - 30 * DAY + rng.int(0, 20 * 24 * 60) * MINUTE))),
  };
}

function dataOf(books: readonly Book[]): ExnessSimData {
  return {
    instruments: INSTRUMENTS.map((instrument) => ({ ...instrument })),
    users: books.map((entry) => entry.user),
    openOrders: books.flatMap((entry) => entry.open),
    closedOrders: books.flatMap((entry) => entry.closed),
  };
}

/**
 * The demo platform: Maya (the first user, whose token the simulator hands out) holds 20 tickets across crypto, FX, gold
 * and indices with some history; Noor is a second user, so a token never shows or closes another user's orders.
 */
export function demoData(): ExnessSimData {
  const rng = seededRandom(DEMO_SEED);
  return dataOf([
    book(rng, 'maya.okafor@example.com', '18452.37', DEMO_TICKETS, DEMO_HISTORY),
    book(rng, 'noor.haddad@example.com', '5210.00', OTHER_TICKETS, DEMO_HISTORY.slice(0, 2)),
  ]);
}

/** One user with n open tickets cycling through every instrument, for benchmarks. */
export function largeDemoData(n: number): ExnessSimData {
  const rng = seededRandom(DEMO_SEED + n);
  const tickets: Ticket[] = Array.from({ length: n }, (_, index) => {
    const template = DEMO_TICKETS[index % DEMO_TICKETS.length] as Ticket;
    return [template[0], rng.chance(0.5) ? 'buy' : 'sell', template[2], template[3]];
  });
  return dataOf([book(rng, 'load.test@example.com', '1000000.00', tickets, DEMO_HISTORY)]);
}
