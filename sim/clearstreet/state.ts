import { d, text } from '../shared/decimal';
import { balancesView, startOfDay, tradeCash } from './balances';
import { buildOrder, cloneOrder, cryptoHex, heldQuantities, timeOrderedId } from './orders';
import type { OrderInput } from './orders';
import { positionView } from './positionView';
import type {
  AccountHoldings,
  AccountStatus,
  BalancesSod,
  CashBook,
  ClearStreetAccount,
  ClearStreetBalances,
  ClearStreetOrder,
  ClearStreetPosition,
  ClearStreetSimData,
  PersonalDetails,
  PositionRecord,
  SimInstrument,
} from './types';

/** The live, mutable record of one account; the simulator's own operations change it, tests read it through the state. */
export interface AccountBook {
  account: ClearStreetAccount;
  personal: PersonalDetails;
  cash: CashBook;
  positions: PositionRecord[];
  orders: ClearStreetOrder[];
  /** Realized P&L of today's fills, kept after a position is gone. */
  realizedToday: string;
  sod: BalancesSod;
}

export interface StateOptions {
  newId?: () => string;
  now?: () => string;
}

/** Everything the simulator holds. Getters return copies, so a test changes state only through the named setters. */
export class ClearStreetSimState {
  readonly newId: () => string;
  readonly now: () => string;
  /**
   * When set, the engine fills only this share (0 to 1, whole shares) of each market order and cancels the rest, as a
   * venue with too little liquidity for an IOC order does: the order ends CANCELED with part of it filled.
   */
  fillShare: string | null = null;
  private readonly books = new Map<number, AccountBook>();
  private readonly instrumentsBySymbol = new Map<string, SimInstrument>();
  private readonly instrumentsById = new Map<string, SimInstrument>();

  constructor(data: ClearStreetSimData, options: StateOptions = {}) {
    this.newId = options.newId ?? (() => timeOrderedId(Date.now(), cryptoHex));
    this.now = options.now ?? (() => new Date().toISOString());
    for (const instrument of data.instruments) this.addInstrument(instrument);
    for (const holdings of data.accounts) this.addAccount(holdings);
  }

  /** Ordered by id, as Clear Street lists them. */
  listAccounts(): ClearStreetAccount[] {
    return [...this.books.values()].map((book) => ({ ...book.account })).sort((a, b) => a.id - b.id);
  }

  getAccount(accountId: number): ClearStreetAccount | undefined {
    const book = this.books.get(accountId);
    return book === undefined ? undefined : { ...book.account };
  }

  personalDetailsOf(accountId: number): PersonalDetails {
    return structuredClone(this.requireBook(accountId).personal);
  }

  addAccount(holdings: AccountHoldings): void {
    if (this.books.has(holdings.account.id)) throw new Error(`account ${holdings.account.id} already exists`);
    for (const position of holdings.positions) this.requireInstrument(position.symbol);
    const positions = holdings.positions.map((position) => ({ ...position, symbol: position.symbol.toUpperCase() }));
    const margin = holdings.account.subtype === 'MARGIN';
    this.books.set(holdings.account.id, {
      account: { ...holdings.account },
      personal: structuredClone(holdings.personal),
      cash: { ...holdings.cash },
      positions,
      orders: holdings.orders.map(cloneOrder),
      realizedToday: '0',
      sod: startOfDay(margin, holdings.cash, positions, (symbol) => this.requireInstrument(symbol)),
    });
  }

  setAccountStatus(accountId: number, status: AccountStatus): void {
    const account = this.requireBook(accountId).account;
    account.status = status;
    account.close_date = status === 'CLOSED' ? this.now().slice(0, 10) : null;
  }

  /** Trade-date cash: settled cash plus today's unsettled credits, minus its unsettled debits. */
  cashOf(accountId: number): string {
    return text(tradeCash(this.requireBook(accountId).cash));
  }

  setCash(accountId: number, settled: string): void {
    this.requireBook(accountId).cash = { settled: text(d(settled)), unsettled_credits: '0', unsettled_debits: '0' };
  }

  balancesOf(accountId: number): ClearStreetBalances {
    const book = this.requireBook(accountId);
    return balancesView({
      accountId,
      margin: book.account.subtype === 'MARGIN',
      cash: book.cash,
      positions: book.positions,
      orders: book.orders,
      realizedToday: book.realizedToday,
      sod: book.sod,
      instrument: (symbol) => this.requireInstrument(symbol),
    });
  }

  listInstruments(): SimInstrument[] {
    return [...this.instrumentsBySymbol.values()].map((instrument) => ({ ...instrument }));
  }

  /** By symbol (case-insensitive) or instrument id, as the {instrument_id} path segments accept either. */
  getInstrument(symbolOrId: string): SimInstrument | undefined {
    const instrument = this.lookupInstrument(symbolOrId);
    return instrument === undefined ? undefined : { ...instrument };
  }

  addInstrument(instrument: SimInstrument): void {
    const copy = { ...instrument, symbol: instrument.symbol.toUpperCase() };
    this.instrumentsBySymbol.set(copy.symbol, copy);
    this.instrumentsById.set(copy.instrument_id.toLowerCase(), copy);
  }

  setPrice(symbol: string, price: string, closingPrice?: string): void {
    const instrument = this.lookupInstrument(symbol);
    if (instrument === undefined) throw new Error(`the simulator knows no instrument ${symbol}`);
    instrument.price = text(d(price));
    if (closingPrice !== undefined) instrument.closing_price = text(d(closingPrice));
  }

  /** Ordered by symbol, Clear Street's default. */
  positionsOf(accountId: number): ClearStreetPosition[] {
    const book = this.requireBook(accountId);
    const held = heldQuantities(book.orders);
    return [...book.positions]
      .sort((a, b) => a.symbol.localeCompare(b.symbol))
      .map((record) => positionView(accountId, record, this.requireInstrument(record.symbol), held.get(record.symbol)));
  }

  setPositions(accountId: number, positions: readonly PositionRecord[]): void {
    const book = this.requireBook(accountId);
    for (const position of positions) this.requireInstrument(position.symbol);
    book.positions = positions.map((position) => ({ ...position, symbol: position.symbol.toUpperCase() }));
  }

  ordersOf(accountId: number): ClearStreetOrder[] {
    return this.requireBook(accountId).orders.map(cloneOrder);
  }

  getOrder(accountId: number, orderId: string): ClearStreetOrder | undefined {
    const order = this.requireBook(accountId).orders.find((candidate) => candidate.id === orderId);
    return order === undefined ? undefined : cloneOrder(order);
  }

  /** Adds an order as if it had been placed earlier (NEW unless a status is given); a working sell holds its quantity. */
  addOrder(accountId: number, input: OrderInput): ClearStreetOrder {
    const book = this.requireBook(accountId);
    const instrument = this.requireInstrument(input.symbol);
    const order = buildOrder(accountId, instrument, { status: 'NEW', ...input }, this.newId, this.now());
    book.orders.push(order);
    return cloneOrder(order);
  }

  /** The live record, for the simulator's own trading operations. */
  bookOf(accountId: number): AccountBook | undefined {
    return this.books.get(accountId);
  }

  requireInstrument(symbolOrId: string): SimInstrument {
    const instrument = this.lookupInstrument(symbolOrId);
    if (instrument === undefined) throw new Error(`the simulator knows no instrument ${symbolOrId}; add it with addInstrument first`);
    return { ...instrument };
  }

  private lookupInstrument(symbolOrId: string): SimInstrument | undefined {
    return this.instrumentsBySymbol.get(symbolOrId.toUpperCase()) ?? this.instrumentsById.get(symbolOrId.toLowerCase());
  }

  private requireBook(accountId: number): AccountBook {
    const book = this.books.get(accountId);
    if (book === undefined) throw new Error(`the simulator has no account ${accountId}`);
    return book;
  }
}
