import { US_LISTINGS } from '../alpaca/universe';
import type { ListedSymbol } from '../alpaca/universe';
import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { seededRandom } from '../shared/random';
import type { SeededRandom } from '../shared/random';
import { price } from './money';
import { buildOrder, timeOrderedId } from './orders';
import type { OrderInput } from './orders';
import type {
  AccountHoldings,
  AccountStatus,
  ClearStreetAccount,
  ClearStreetOrder,
  ClearStreetSimData,
  PersonalDetails,
  PositionRecord,
  SimInstrument,
} from './types';

const DEMO_SEED = 20260126;
/** The demo book is dated around one trading morning so repeated runs produce byte-identical data. */
const REFERENCE_TIME = Date.UTC(2026, 0, 26, 15, 0, 0);
const CLOSING_DATE = '2026-01-23';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const HEX = '0123456789abcdef';

/** Market identifier codes of the venues Clear Street routes to, by listing exchange. */
const VENUES: Readonly<Record<ListedSymbol['exchange'], string>> = { NASDAQ: 'XNMS', NYSE: 'XNYS', ARCA: 'ARCX', BATS: 'BATS' };

interface AccountPlan {
  id: number;
  fullName: string;
  shortName: string;
  status: AccountStatus;
  subtype: 'CASH' | 'MARGIN';
  positionCount: number;
  settledCash: string;
  /** Working buy limits on symbols the account does not hold: they hold nothing. */
  openBuys: number;
  history: number;
  openDate: string;
  closeDate: string | null;
  personal: PersonalDetails;
}

// Two active margin books a desk would work on, an inactive trust still holding a little, and an old closed account.
// Ids share the prefix 10 so that an account_id prefix search finds several.
const PLANS: readonly AccountPlan[] = [
  {
    id: 98112, fullName: 'Old Test Account', shortName: 'TST-ACCOUNT-02-CLOSED', status: 'CLOSED', subtype: 'CASH', positionCount: 0,
    settledCash: '0', openBuys: 0, history: 4, openDate: '2021-05-20', closeDate: '2024-08-01',
    personal: { country_of_tax_residency: null, date_of_birth: null, mailing_address: null, phone_number: null },
  },
  {
    id: 100345, fullName: 'Harbor Point Capital LP', shortName: 'HPC-MAIN-01', status: 'ACTIVE', subtype: 'MARGIN', positionCount: 38,
    settledCash: '412870.55', openBuys: 3, history: 10, openDate: '2022-03-14', closeDate: null,
    personal: {
      country_of_tax_residency: 'US', date_of_birth: '1979-06-02', phone_number: '+12125550142',
      mailing_address: { line1: '4 World Trade Center', line2: '150 Greenwich Street, Floor 45', city: 'New York', state: 'NY', postal_code: '10007', country: 'USA' },
    },
  },
  {
    id: 100567, fullName: 'Maya Okafor', shortName: 'OKAFOR-IND-01', status: 'ACTIVE', subtype: 'MARGIN', positionCount: 24,
    settledCash: '58210.37', openBuys: 2, history: 8, openDate: '2023-01-15', closeDate: null,
    personal: {
      country_of_tax_residency: 'US', date_of_birth: '1985-03-15', phone_number: '+17185550123',
      mailing_address: { line1: '148 Atlantic Ave', line2: null, city: 'Brooklyn', state: 'NY', postal_code: '11201', country: 'USA' },
    },
  },
  {
    id: 102210, fullName: 'Redwood Family Trust', shortName: 'REDWOOD-TR-01', status: 'INACTIVE', subtype: 'CASH', positionCount: 3,
    settledCash: '1420.16', openBuys: 0, history: 3, openDate: '2020-11-02', closeDate: null,
    personal: {
      country_of_tax_residency: 'US', date_of_birth: '1958-09-30', phone_number: '+14155550177',
      mailing_address: { line1: '55 S Market St', line2: 'Suite 300', city: 'San Jose', state: 'CA', postal_code: '95113', country: 'USA' },
    },
  },
];

/** In the first active book, a long wholly held by a working sell: closing it yields no closing order. */
const FULLY_HELD = { symbol: 'SQQQ', quantity: '1000' };
const FRACTIONS = ['5', '25', '75', '125', '375', '625', '875'] as const;

function iso(time: number): string {
  return new Date(time).toISOString();
}

/** A random factor in [low, high] drawn in millionths, so no binary float touches a price. */
function factorBetween(rng: SeededRandom, low: string, high: string): SimDecimal {
  return d(low).plus(d(high).minus(d(low)).times(rng.int(0, 1_000_000)).dividedBy(1_000_000));
}

function scaled(value: string, rng: SeededRandom, low: string, high: string): string {
  const result = d(value).times(factorBetween(rng, low, high));
  return price(result.toDecimalPlaces(result.lessThan(1) ? 4 : 2));
}

function makeInstrument(listing: ListedSymbol, rng: SeededRandom): SimInstrument {
  return {
    instrument_id: rng.uuid(),
    symbol: listing.symbol,
    instrument_type: 'COMMON_STOCK',
    venue: VENUES[listing.exchange],
    price: listing.price,
    closing_price: scaled(listing.price, rng, '0.965', '1.035'),
    closing_price_date: CLOSING_DATE,
  };
}

function makePosition(instrument: SimInstrument, rng: SeededRandom, allowShort: boolean, fractionable: boolean): PositionRecord {
  const shares = d(rng.int(500, 25_000)).dividedBy(d(instrument.price)).round();
  const whole = shares.lessThan(1) ? d(1) : shares;
  let quantity: SimDecimal;
  if (allowShort && rng.chance(0.25)) quantity = whole.negated();
  else if (fractionable && rng.chance(0.12)) quantity = d(`${rng.int(0, 40)}.${rng.pick(FRACTIONS)}`);
  else quantity = whole;
  return { symbol: instrument.symbol, quantity: text(quantity), avg_price: scaled(instrument.price, rng, '0.78', '1.22') };
}

function orderId(rng: SeededRandom, createdAt: number): string {
  return timeOrderedId(createdAt, (count) => rng.code(count, HEX));
}

function order(accountId: number, instrument: SimInstrument, rng: SeededRandom, input: Omit<OrderInput, 'symbol' | 'created_at'>, createdAt: number): ClearStreetOrder {
  const id = orderId(rng, createdAt);
  return buildOrder(accountId, instrument, { ...input, symbol: instrument.symbol, id, created_at: iso(createdAt) }, () => id, iso(REFERENCE_TIME));
}

/** A working limit that reduces the position (a sell on a long, a buy on a short), so its available quantity falls. */
function holdingOrder(accountId: number, position: PositionRecord, instrument: SimInstrument, rng: SeededRandom, wholly: boolean): ClearStreetOrder {
  const size = d(position.quantity).abs();
  const part = size.times(factorBetween(rng, '0.25', '0.75')).floor();
  const quantity = wholly ? size : part.lessThan(1) ? d(1) : part;
  const short = d(position.quantity).isNegative();
  const partly = !wholly && quantity.greaterThanOrEqualTo(4) && rng.chance(0.2);
  return order(
    accountId,
    instrument,
    rng,
    {
      side: short ? 'BUY' : 'SELL',
      quantity: text(quantity),
      order_type: 'LIMIT',
      time_in_force: 'GOOD_TILL_CANCEL',
      limit_price: scaled(instrument.price, rng, short ? '0.85' : '1.04', short ? '0.96' : '1.15'),
      status: partly ? 'PARTIALLY_FILLED' : 'NEW',
      filled_quantity: partly ? '1' : '0',
      average_fill_price: partly ? scaled(instrument.price, rng, '1.0', '1.02') : null,
    },
    REFERENCE_TIME - rng.int(10, 600) * MINUTE,
  );
}

function openBuy(accountId: number, instrument: SimInstrument, rng: SeededRandom): ClearStreetOrder {
  return order(
    accountId,
    instrument,
    rng,
    { side: 'BUY', quantity: String(rng.int(5, 50)), order_type: 'LIMIT', time_in_force: 'DAY', limit_price: scaled(instrument.price, rng, '0.9', '0.97'), status: 'NEW' },
    REFERENCE_TIME - rng.int(5, 240) * MINUTE,
  );
}

function historicalOrder(accountId: number, instrument: SimInstrument, rng: SeededRandom): ClearStreetOrder {
  const filled = rng.chance(0.7);
  const market = filled && rng.chance(0.6);
  const fill = scaled(instrument.price, rng, '0.8', '1.2');
  return order(
    accountId,
    instrument,
    rng,
    {
      side: rng.chance(0.6) ? 'BUY' : 'SELL',
      quantity: String(rng.int(1, 120)),
      order_type: market ? 'MARKET' : 'LIMIT',
      time_in_force: 'DAY',
      limit_price: market ? null : fill,
      status: filled ? 'FILLED' : 'CANCELED',
      average_fill_price: filled ? fill : null,
    },
    REFERENCE_TIME - rng.int(1, 40) * DAY - rng.int(0, 390) * MINUTE,
  );
}

function account(plan: AccountPlan, rng: SeededRandom): ClearStreetAccount {
  return {
    id: plan.id,
    account_holder_entity_id: 987_000_000 + rng.int(0, 999_999),
    full_name: plan.fullName,
    short_name: plan.shortName,
    type: 'CUSTOMER',
    subtype: plan.subtype,
    status: plan.status,
    open_date: plan.openDate,
    close_date: plan.closeDate,
    options_level: plan.subtype === 'MARGIN' ? 2 : 0,
  };
}

function holdings(plan: AccountPlan, instruments: readonly SimInstrument[], fractionable: ReadonlySet<string>, rng: SeededRandom, withFullyHeld: boolean): AccountHoldings {
  const bySymbol = new Map(instruments.map((instrument) => [instrument.symbol, instrument]));
  const shuffled = rng.shuffle(instruments).filter((instrument) => !withFullyHeld || instrument.symbol !== FULLY_HELD.symbol);
  const margin = plan.subtype === 'MARGIN';
  const positions = shuffled
    .slice(0, plan.positionCount - (withFullyHeld ? 1 : 0))
    .map((instrument) => makePosition(instrument, rng, margin, fractionable.has(instrument.symbol)));
  const orders: ClearStreetOrder[] = [];
  if (plan.status === 'ACTIVE') {
    for (const position of positions) {
      if (d(position.quantity).abs().greaterThanOrEqualTo(2) && rng.chance(0.2)) {
        orders.push(holdingOrder(plan.id, position, bySymbol.get(position.symbol) as SimInstrument, rng, false));
      }
    }
  }
  if (withFullyHeld) {
    const instrument = bySymbol.get(FULLY_HELD.symbol) as SimInstrument;
    const position = { symbol: instrument.symbol, quantity: FULLY_HELD.quantity, avg_price: scaled(instrument.price, rng, '0.9', '1.1') };
    positions.push(position);
    orders.push(holdingOrder(plan.id, position, instrument, rng, true));
  }
  const unheld = shuffled.filter((instrument) => !positions.some((position) => position.symbol === instrument.symbol));
  for (const instrument of unheld.slice(0, plan.openBuys)) orders.push(openBuy(plan.id, instrument, rng));
  for (let i = 0; i < plan.history; i += 1) orders.push(historicalOrder(plan.id, rng.pick(instruments), rng));
  orders.sort((a, b) => a.created_at.localeCompare(b.created_at));
  positions.sort((a, b) => a.symbol.localeCompare(b.symbol));
  return {
    account: account(plan, rng),
    personal: structuredClone(plan.personal),
    cash: { settled: plan.settledCash, unsettled_credits: '0', unsettled_debits: '0' },
    positions,
    orders,
  };
}

/**
 * Four accounts, the same on every call: two active margin books of 24 and 38 positions (long and short, a few
 * fractional, working limit orders that hold part of some positions, one long wholly held), an INACTIVE trust still
 * holding three positions, and a CLOSED account.
 */
export function demoData(): ClearStreetSimData {
  const rng = seededRandom(DEMO_SEED);
  const instruments = US_LISTINGS.map((listing) => makeInstrument(listing, rng));
  const fractionable = new Set(US_LISTINGS.filter((listing) => listing.fractionable).map((listing) => listing.symbol));
  const firstActive = PLANS.find((plan) => plan.status === 'ACTIVE');
  const accounts = PLANS.map((plan) => holdings(plan, instruments, fractionable, rng, plan === firstActive));
  return { instruments, accounts };
}

function syntheticSymbol(index: number): string {
  let symbol = '';
  let rest = index;
  for (let place = 0; place < 4; place += 1) {
    symbol = String.fromCharCode(65 + (rest % 26)) + symbol;
    rest = Math.floor(rest / 26);
  }
  return symbol;
}

/** One active margin account with `positionCount` positions on distinct synthetic symbols, for benchmarks. */
export function largeDemoData(positionCount: number): ClearStreetSimData {
  if (!Number.isInteger(positionCount) || positionCount < 0 || positionCount > 26 ** 4) {
    throw new Error(`positionCount must be a whole number from 0 to ${26 ** 4}`);
  }
  const rng = seededRandom(DEMO_SEED + positionCount);
  const instruments: SimInstrument[] = [];
  for (let i = 0; i < positionCount; i += 1) {
    const listing: ListedSymbol = { symbol: syntheticSymbol(i), name: `Benchmark Holding ${i + 1}`, exchange: 'NYSE', price: price(d(rng.int(500, 50_000)).dividedBy(100)), fractionable: true };
    instruments.push(makeInstrument(listing, rng));
  }
  const plan: AccountPlan = {
    id: 300001, fullName: 'Benchmark Capital LLC', shortName: 'BENCH-01', status: 'ACTIVE', subtype: 'MARGIN', positionCount,
    settledCash: '1000000', openBuys: 0, history: 0, openDate: '2024-01-02', closeDate: null,
    personal: { country_of_tax_residency: 'US', date_of_birth: null, mailing_address: null, phone_number: null },
  };
  const positions = instruments.map((instrument) => makePosition(instrument, rng, true, true));
  const orders: ClearStreetOrder[] = [];
  positions.forEach((position, i) => {
    if (i % 8 === 0 && d(position.quantity).abs().greaterThanOrEqualTo(2)) orders.push(holdingOrder(plan.id, position, instruments[i] as SimInstrument, rng, false));
  });
  return {
    instruments,
    accounts: [{ account: account(plan, rng), personal: plan.personal, cash: { settled: plan.settledCash, unsettled_credits: '0', unsettled_debits: '0' }, positions, orders }],
  };
}
