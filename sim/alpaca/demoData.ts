import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { seededRandom } from '../shared/random';
import type { SeededRandom } from '../shared/random';
import { buildOrder } from './orders';
import type { AccountHoldings, AccountStatus, AlpacaAccount, AlpacaOrder, AlpacaSimData, PositionRecord, SimAsset } from './types';
import { US_LISTINGS } from './universe';
import type { ListedSymbol } from './universe';

const DEMO_SEED = 20260126;
/** The demo book is dated around one trading morning so repeated runs produce byte-identical data. */
const REFERENCE_TIME = Date.UTC(2026, 0, 26, 15, 0, 0);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface Person {
  given: string;
  family: string;
  city: string;
  state: string;
  postal: string;
  street: string;
}

const PEOPLE: readonly Person[] = [
  { given: 'Maya', family: 'Okafor', city: 'Brooklyn', state: 'NY', postal: '11201', street: '148 Atlantic Ave' },
  { given: 'Daniel', family: 'Reyes', city: 'Austin', state: 'TX', postal: '78701', street: '900 Congress Ave' },
  { given: 'Priya', family: 'Natarajan', city: 'San Jose', state: 'CA', postal: '95113', street: '55 S Market St' },
  { given: 'Tomasz', family: 'Kowalski', city: 'Chicago', state: 'IL', postal: '60611', street: '401 N Michigan Ave' },
  { given: 'Aiko', family: 'Tanaka', city: 'Seattle', state: 'WA', postal: '98101', street: '1201 3rd Ave' },
  { given: 'Lucas', family: 'Ferreira', city: 'Miami', state: 'FL', postal: '33131', street: '701 Brickell Ave' },
  { given: 'Hannah', family: 'Schulz', city: 'Denver', state: 'CO', postal: '80202', street: '1700 Lincoln St' },
  { given: 'Omar', family: 'Haddad', city: 'Boston', state: 'MA', postal: '02110', street: '100 Federal St' },
];

interface AccountPlan {
  status: AccountStatus;
  positionCount: number;
  cash: string;
  /** Open buy orders on symbols the account does not hold: they hold no shares. */
  openBuys: number;
  history: number;
}

// Two large active books, a flat active account ready to close, an active one still holding a little,
// then the other lifecycle states a support desk meets.
const PLANS: readonly AccountPlan[] = [
  { status: 'ACTIVE', positionCount: 48, cash: '48210.37', openBuys: 3, history: 10 },
  { status: 'ACTIVE', positionCount: 34, cash: '12877.05', openBuys: 2, history: 8 },
  { status: 'ACTIVE', positionCount: 0, cash: '0', openBuys: 0, history: 0 },
  { status: 'ACTIVE', positionCount: 4, cash: '3150.88', openBuys: 1, history: 3 },
  { status: 'ACTIVE', positionCount: 12, cash: '9050.00', openBuys: 1, history: 4 },
  { status: 'APPROVED', positionCount: 0, cash: '0', openBuys: 0, history: 0 },
  { status: 'DISABLED', positionCount: 3, cash: '420.16', openBuys: 0, history: 2 },
  { status: 'ACCOUNT_CLOSED', positionCount: 0, cash: '0', openBuys: 0, history: 3 },
];

/** Echoes the 207 example in Alpaca's reference: 1000 SQQQ, all of it held by an open sell. */
const FULLY_HELD = { symbol: 'SQQQ', qty: '1000' };

const FRACTIONS = ['5', '25', '75', '125', '375', '625', '875'] as const;

function iso(time: number): string {
  return new Date(time).toISOString();
}

function money(value: SimDecimal): string {
  return text(value.toDecimalPlaces(value.abs().lessThan(1) ? 4 : 2));
}

/** A random factor in [low, high] drawn in millionths, so no binary float touches a price. */
function factorBetween(rng: SeededRandom, low: string, high: string): SimDecimal {
  return d(low).plus(d(high).minus(d(low)).times(rng.int(0, 1_000_000)).dividedBy(1_000_000));
}

function scaled(price: string, rng: SeededRandom, low: string, high: string): string {
  return money(d(price).times(factorBetween(rng, low, high)));
}

function makeAsset(listing: ListedSymbol, rng: SeededRandom): SimAsset {
  return {
    asset_id: rng.uuid(),
    symbol: listing.symbol,
    asset_class: 'us_equity',
    name: listing.name,
    exchange: listing.exchange,
    fractionable: listing.fractionable,
    shortable: true,
    price: listing.price,
    lastday_price: scaled(listing.price, rng, '0.965', '1.035'),
  };
}

function makePosition(asset: SimAsset, rng: SeededRandom, allowShort: boolean): PositionRecord {
  const price = d(asset.price);
  const wholeShares = (): SimDecimal => {
    const targetValue = d(rng.int(500, 25_000));
    const shares = targetValue.dividedBy(price).round();
    return shares.lessThan(1) ? d(1) : shares;
  };
  let qty: SimDecimal;
  if (allowShort && rng.chance(0.18)) {
    // Alpaca does not sell fractional shares short, so shorts are whole and negative.
    qty = wholeShares().negated();
  } else if (asset.fractionable && rng.chance(0.3)) {
    qty = d(`${rng.int(0, 40)}.${rng.pick(FRACTIONS)}`);
  } else {
    qty = wholeShares();
  }
  return { symbol: asset.symbol, qty: text(qty), avg_entry_price: scaled(asset.price, rng, '0.78', '1.22') };
}

function lastEquity(cash: string, positions: readonly PositionRecord[], assets: ReadonlyMap<string, SimAsset>): string {
  const holdings = positions.reduce((sum, position) => {
    const asset = assets.get(position.symbol);
    return asset === undefined ? sum : sum.plus(d(position.qty).times(d(asset.lastday_price)));
  }, d(0));
  return text(d(cash).plus(holdings).toDecimalPlaces(2));
}

/** Open orders that reduce a position (sells on a long, buys on a short), so its qty_available falls below qty. */
function holdingOrder(position: PositionRecord, asset: SimAsset, rng: SeededRandom, held: SimDecimal | null): AlpacaOrder {
  const size = d(position.qty).abs();
  const part = size.times(factorBetween(rng, '0.25', '0.75')).floor();
  const qty = held ?? (part.lessThan(1) ? d(1) : part);
  const short = d(position.qty).isNegative();
  const stop = held === null && rng.chance(0.2);
  const partiallyFilled = !stop && held === null && qty.greaterThanOrEqualTo(3) && rng.chance(0.15);
  return buildOrder(
    {
      symbol: asset.symbol,
      asset_id: asset.asset_id,
      asset_class: asset.asset_class,
      side: short ? 'buy' : 'sell',
      qty: text(qty),
      type: stop ? 'stop' : 'limit',
      time_in_force: 'gtc',
      limit_price: stop ? null : scaled(asset.price, rng, short ? '0.85' : '1.04', short ? '0.96' : '1.15'),
      stop_price: stop ? scaled(asset.price, rng, short ? '1.05' : '0.85', short ? '1.15' : '0.95') : null,
      status: partiallyFilled ? 'partially_filled' : 'new',
      filled_qty: partiallyFilled ? '1' : '0',
      filled_avg_price: partiallyFilled ? scaled(asset.price, rng, '1.0', '1.02') : null,
      created_at: iso(REFERENCE_TIME - rng.int(10, 600) * MINUTE),
    },
    rng.uuid,
    iso(REFERENCE_TIME),
  );
}

function openBuyOrder(asset: SimAsset, rng: SeededRandom): AlpacaOrder {
  return buildOrder(
    {
      symbol: asset.symbol,
      asset_id: asset.asset_id,
      asset_class: asset.asset_class,
      side: 'buy',
      qty: String(rng.int(5, 50)),
      type: 'limit',
      time_in_force: 'gtc',
      limit_price: scaled(asset.price, rng, '0.9', '0.97'),
      status: 'new',
      created_at: iso(REFERENCE_TIME - rng.int(5, 240) * MINUTE),
    },
    rng.uuid,
    iso(REFERENCE_TIME),
  );
}

function historicalOrder(asset: SimAsset, rng: SeededRandom): AlpacaOrder {
  const filled = rng.chance(0.7);
  const type = filled && rng.chance(0.6) ? 'market' : 'limit';
  const price = scaled(asset.price, rng, '0.8', '1.2');
  return buildOrder(
    {
      symbol: asset.symbol,
      asset_id: asset.asset_id,
      asset_class: asset.asset_class,
      side: rng.chance(0.6) ? 'buy' : 'sell',
      qty: String(rng.int(1, 120)),
      type,
      time_in_force: 'day',
      limit_price: type === 'limit' ? price : null,
      status: filled ? 'filled' : 'canceled',
      filled_avg_price: filled ? price : null,
      created_at: iso(REFERENCE_TIME - rng.int(1, 40) * DAY - rng.int(0, 390) * MINUTE),
    },
    rng.uuid,
    iso(REFERENCE_TIME),
  );
}

function makeAccount(person: Person, status: AccountStatus, rng: SeededRandom, equity: string, ageDays: number): AlpacaAccount {
  const email = `${person.given}.${person.family}@example.com`.toLowerCase();
  return {
    id: rng.uuid(),
    account_number: rng.code(8),
    status,
    crypto_status: 'PAPER_ONLY',
    currency: 'USD',
    last_equity: equity,
    created_at: iso(REFERENCE_TIME - ageDays * DAY - rng.int(0, DAY - 1)),
    account_type: 'trading',
    contact: {
      email_address: email,
      phone_number: `+1${rng.int(201, 989)}555${String(rng.int(0, 9999)).padStart(4, '0')}`,
      street_address: [person.street],
      city: person.city,
      state: person.state,
      postal_code: person.postal,
    },
    identity: {
      given_name: person.given,
      family_name: person.family,
      date_of_birth: `19${rng.int(60, 99)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      country_of_tax_residence: 'USA',
      funding_source: [rng.pick(['employment_income', 'investments', 'savings', 'business_income'])],
    },
  };
}

function accountHoldings(plan: AccountPlan, person: Person, assets: readonly SimAsset[], rng: SeededRandom, index: number): AccountHoldings {
  const bySymbol = new Map(assets.map((asset) => [asset.symbol, asset]));
  const shuffled = rng.shuffle(assets);
  const wantsFullyHeld = index === 0;
  const chosen = shuffled.filter((asset) => !wantsFullyHeld || asset.symbol !== FULLY_HELD.symbol).slice(0, plan.positionCount - (wantsFullyHeld ? 1 : 0));
  const positions = chosen.map((asset) => makePosition(asset, rng, true));
  const orders: AlpacaOrder[] = [];
  for (const position of positions) {
    const asset = bySymbol.get(position.symbol) as SimAsset;
    if (d(position.qty).abs().greaterThanOrEqualTo(2) && rng.chance(0.25)) orders.push(holdingOrder(position, asset, rng, null));
  }
  if (wantsFullyHeld) {
    const asset = bySymbol.get(FULLY_HELD.symbol) as SimAsset;
    const position = { symbol: asset.symbol, qty: FULLY_HELD.qty, avg_entry_price: scaled(asset.price, rng, '0.9', '1.1') };
    positions.push(position);
    orders.push(holdingOrder(position, asset, rng, d(FULLY_HELD.qty)));
  }
  const unheld = shuffled.filter((asset) => !positions.some((position) => position.symbol === asset.symbol));
  for (const asset of unheld.slice(0, plan.openBuys)) orders.push(openBuyOrder(asset, rng));
  for (let i = 0; i < plan.history; i += 1) orders.push(historicalOrder(rng.pick(assets), rng));
  orders.sort((a, b) => a.created_at.localeCompare(b.created_at));
  positions.sort((a, b) => a.symbol.localeCompare(b.symbol));
  // Older accounts first, so Alpaca's created_at ordering lists the accounts in plan order.
  const ageDays = 1500 - index * 160 - rng.int(0, 100);
  const account = makeAccount(person, plan.status, rng, lastEquity(plan.cash, positions, bySymbol), ageDays);
  return { account, cash: plan.cash, positions, orders };
}

/**
 * Eight accounts under one broker key, the same on every call: two large active books (long and short, whole and
 * fractional, some quantity held by open orders), a flat active account with no cash (ready to close), an active
 * account that still holds a little, and APPROVED, DISABLED and ACCOUNT_CLOSED accounts.
 */
export function demoData(): AlpacaSimData {
  const rng = seededRandom(DEMO_SEED);
  const assets = US_LISTINGS.map((listing) => makeAsset(listing, rng));
  const accounts = PLANS.map((plan, index) => accountHoldings(plan, PEOPLE[index] as Person, assets, rng, index));
  return { assets, accounts };
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

/** One active account with `positionCount` positions on distinct synthetic symbols, for benchmarks. */
export function largeAccountData(positionCount: number): AlpacaSimData {
  if (!Number.isInteger(positionCount) || positionCount < 0 || positionCount > 26 ** 4) {
    throw new Error(`positionCount must be a whole number from 0 to ${26 ** 4}`);
  }
  const rng = seededRandom(DEMO_SEED + positionCount);
  const assets: SimAsset[] = [];
  for (let i = 0; i < positionCount; i += 1) {
    const price = money(d(rng.int(500, 50_000)).dividedBy(100));
    assets.push(
      makeAsset({ symbol: syntheticSymbol(i), name: `Benchmark Holding ${i + 1}`, exchange: 'NYSE', price, fractionable: rng.chance(0.8) }, rng),
    );
  }
  const positions = assets.map((asset) => makePosition(asset, rng, true));
  const orders: AlpacaOrder[] = [];
  positions.forEach((position, i) => {
    if (i % 8 === 0 && d(position.qty).abs().greaterThanOrEqualTo(2)) orders.push(holdingOrder(position, assets[i] as SimAsset, rng, null));
  });
  const cash = '100000';
  const bySymbol = new Map(assets.map((asset) => [asset.symbol, asset]));
  const person: Person = { given: 'Bench', family: 'Mark', city: 'New York', state: 'NY', postal: '10004', street: '1 Battery Park Plaza' };
  const account = makeAccount(person, 'ACTIVE', rng, lastEquity(cash, positions, bySymbol), 900);
  return { assets, accounts: [{ account, cash, positions, orders }] };
}
