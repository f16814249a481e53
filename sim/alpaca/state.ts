import { randomUUID } from 'node:crypto';
import { d, text } from '../shared/decimal';
import { buildOrder, cloneOrder, heldFrom, openQuantities } from './orders';
import type { NewOrderInput } from './orders';
import { positionSymbol } from './assetClasses';
import { positionView } from './positionView';
import { tradeAccountView } from './tradeAccount';
import type { TradeAccount } from './tradeAccount';
import type { AccountBook } from './accountBook';
import { journalsAtEndOfDay, pendingOut } from './journals';
import { businessDate } from './settlement';
import { TradeEventLog, type TradeEventType } from './tradeEvents';
import type {
  AccountClosure,
  SimJournal,
  AccountHoldings,
  AccountStatus,
  AlpacaAccount,
  AlpacaOrder,
  AlpacaPosition,
  AlpacaSimData,
  PositionRecord,
  SimAsset,
} from './types';

export interface StateOptions {
  newId?: () => string;
  now?: () => string;
}

/** The trade event an order staged in a given status would have sent last. */
function eventOfStatus(status: AlpacaOrder['status']): TradeEventType {
  if (status === 'filled') return 'fill';
  if (status === 'canceled' || status === 'rejected') return status;
  return 'new';
}

export type OrderInput = Omit<NewOrderInput, 'asset_id' | 'asset_class'>;

/** Everything the simulator holds. Getters return copies, so a test changes state only through the named setters. */
export class AlpacaSimState {
  readonly closures: AccountClosure[] = [];
  /** Every journal asked for, in the order they were created. */
  readonly journals: SimJournal[] = [];
  /** Business days the simulated clock has moved on since the start: settlement and end-of-day journals follow it. */
  day = 0;
  /**
   * When set, the engine fills only this share (0 to 1) of each order it executes and cancels the rest, as Alpaca does
   * with an IOC order that meets too little liquidity: the order ends canceled with part of it filled.
   */
  fillShare: string | null = null;
  /**
   * Orders the exchange will not let go of just now: a cancel of one is refused with 422 "order is not cancelable", on
   * its own or as its line of a cancel-all's 207, as Alpaca answers for an order it cannot pull back.
   */
  readonly uncancelable = new Set<string>();
  readonly newId: () => string;
  readonly now: () => string;
  /** Every order change, for GET /v1/events/trades. */
  readonly tradeEvents: TradeEventLog;
  /** The simulated business day 0 falls on the date the simulator started. */
  readonly startedAt: string;
  private readonly books = new Map<string, AccountBook>();
  private readonly assetsBySymbol = new Map<string, SimAsset>();
  private readonly assetsById = new Map<string, SimAsset>();
  /** The live accounts ordered by created_at, built on first use after an account is added. */
  private byCreation: AlpacaAccount[] | null = null;

  constructor(data: AlpacaSimData, options: StateOptions = {}) {
    this.newId = options.newId ?? randomUUID;
    this.now = options.now ?? (() => new Date().toISOString());
    this.tradeEvents = new TradeEventLog(this.newId);
    this.startedAt = this.now();
    for (const asset of data.assets) this.addAsset(asset);
    for (const holdings of data.accounts) this.addAccount(holdings);
  }

  listAccounts(): AlpacaAccount[] {
    return [...this.books.values()].map((book) => structuredClone(book.account));
  }

  /**
   * The live account records oldest first, uncopied: GET /v1/accounts reads a page of 1,000 out of up to 100,000 on
   * every call, and copying or sorting them all each time made a full listing take minutes.
   */
  accountsByCreation(): readonly AlpacaAccount[] {
    this.byCreation ??= [...this.books.values()].map((book) => book.account).sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
    return this.byCreation;
  }

  getAccount(accountId: string): AlpacaAccount | undefined {
    const book = this.books.get(accountId);
    return book === undefined ? undefined : structuredClone(book.account);
  }

  addAccount(holdings: AccountHoldings): void {
    if (this.books.has(holdings.account.id)) throw new Error(`account ${holdings.account.id} already exists`);
    for (const position of holdings.positions) this.requireAsset(position.symbol);
    this.byCreation = null;
    this.books.set(holdings.account.id, {
      account: structuredClone(holdings.account),
      cash: holdings.cash,
      positions: holdings.positions.map((position) => ({ ...position })),
      orders: holdings.orders.map(cloneOrder),
      unsettled: [],
    });
  }

  setAccountStatus(accountId: string, status: AccountStatus): void {
    this.requireBook(accountId).account.status = status;
  }

  cashOf(accountId: string): string {
    return this.requireBook(accountId).cash;
  }

  setCash(accountId: string, cash: string): void {
    this.requireBook(accountId).cash = text(d(cash));
  }

  tradeAccountOf(accountId: string): TradeAccount {
    const book = this.requireBook(accountId);
    return tradeAccountView(book, (symbol) => this.requireAsset(symbol), new Date(this.now()), pendingOut(this.journals, accountId));
  }

  /**
   * Ends the simulated business day: pending journals execute (or are rejected, as their fixture says), then the next
   * day starts and the sale proceeds due that day settle.
   */
  advanceDay(): void {
    journalsAtEndOfDay(this);
    this.day += 1;
    for (const book of this.books.values()) book.unsettled = book.unsettled.filter((entry) => entry.settlesOnDay > this.day);
  }

  /** The calendar date of the simulated business day (YYYY-MM-DD). */
  businessDate(): string {
    return businessDate(this.startedAt, this.day);
  }

  listAssets(): SimAsset[] {
    return [...this.assetsBySymbol.values()].map((asset) => ({ ...asset }));
  }

  /** By symbol (case-insensitive) or asset id, as Alpaca's {symbol_or_asset_id} path segments accept either. */
  getAsset(symbolOrAssetId: string): SimAsset | undefined {
    const asset = this.lookupAsset(symbolOrAssetId);
    return asset === undefined ? undefined : { ...asset };
  }

  addAsset(asset: SimAsset): void {
    const copy = { ...asset, symbol: asset.symbol.toUpperCase() };
    this.assetsBySymbol.set(copy.symbol, copy);
    this.assetsBySymbol.set(positionSymbol(copy), copy);
    this.assetsById.set(copy.asset_id, copy);
  }

  setPrice(symbol: string, price: string, lastdayPrice?: string): void {
    const asset = this.lookupAsset(symbol);
    if (asset === undefined) throw new Error(`the simulator knows no asset ${symbol}`);
    asset.price = text(d(price));
    if (lastdayPrice !== undefined) asset.lastday_price = text(d(lastdayPrice));
  }

  positionsOf(accountId: string): AlpacaPosition[] {
    const book = this.requireBook(accountId);
    const open = openQuantities(book.orders);
    return book.positions.map((record) => this.viewOf(record, open));
  }

  positionOf(accountId: string, symbolOrAssetId: string): AlpacaPosition | undefined {
    const book = this.requireBook(accountId);
    const record = this.findPositionRecord(book, symbolOrAssetId);
    return record === undefined ? undefined : this.viewOf(record, openQuantities(book.orders));
  }

  setPositions(accountId: string, positions: readonly PositionRecord[]): void {
    const book = this.requireBook(accountId);
    for (const position of positions) this.requireAsset(position.symbol);
    book.positions = positions.map((position) => ({ ...position, symbol: position.symbol.toUpperCase() }));
  }

  ordersOf(accountId: string): AlpacaOrder[] {
    return this.requireBook(accountId).orders.map(cloneOrder);
  }

  getOrder(accountId: string, orderId: string): AlpacaOrder | undefined {
    const order = this.requireBook(accountId).orders.find((candidate) => candidate.id === orderId);
    return order === undefined ? undefined : cloneOrder(order);
  }

  /** Adds an order as if it had been placed earlier; an open sell against a long holds that quantity. */
  addOrder(accountId: string, input: OrderInput): AlpacaOrder {
    const book = this.requireBook(accountId);
    const asset = this.requireAsset(input.symbol);
    const order = buildOrder({ status: 'new', ...input, symbol: asset.symbol, asset_id: asset.asset_id, asset_class: asset.asset_class }, this.newId, this.now());
    book.orders.push(order);
    this.tradeEvents.record(accountId, eventOfStatus(order.status), order, this.now());
    return cloneOrder(order);
  }

  /** The live record, for the simulator's own trading operations. */
  bookOf(accountId: string): AccountBook | undefined {
    return this.books.get(accountId);
  }

  /** A crypto position is named "BTCUSD" (or by asset id): "BTC/USD", its asset's and orders' form, finds none. */
  findPositionRecord(book: AccountBook, symbolOrAssetId: string): PositionRecord | undefined {
    if (symbolOrAssetId.includes('/')) return undefined;
    const asset = this.getAsset(symbolOrAssetId);
    if (asset === undefined) return undefined;
    return book.positions.find((position) => position.symbol === asset.symbol);
  }

  requireAsset(symbolOrAssetId: string): SimAsset {
    const asset = this.getAsset(symbolOrAssetId);
    if (asset === undefined) throw new Error(`the simulator knows no asset ${symbolOrAssetId}; add it with addAsset first`);
    return asset;
  }

  private lookupAsset(symbolOrAssetId: string): SimAsset | undefined {
    return this.assetsBySymbol.get(symbolOrAssetId.toUpperCase()) ?? this.assetsById.get(symbolOrAssetId);
  }

  private requireBook(accountId: string): AccountBook {
    const book = this.books.get(accountId);
    if (book === undefined) throw new Error(`the simulator has no account ${accountId}`);
    return book;
  }

  private viewOf(record: PositionRecord, open: ReturnType<typeof openQuantities>): AlpacaPosition {
    const asset = this.lookupAsset(record.symbol);
    if (asset === undefined) throw new Error(`the simulator knows no asset ${record.symbol}`);
    return positionView(record, asset, heldFrom(open, record.symbol, d(record.qty)));
  }
}
