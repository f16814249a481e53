import { d, text } from '../shared/decimal';
import { closingPrice, margin, money, openingPrice, tradeProfit } from './pricing';
import { TRADE_TYPE } from './types';
import type { ScaleTradeSimData, SimInstrument, SimTrade, SimUser, TradeStatus } from './types';

/** A trade as GET /trades shows it: an open trade's close price and profit are the market's now. */
export interface TradeView extends SimTrade {
  net_profit: string;
}

export interface AccountView {
  login: number;
  currency: string;
  balance: string;
  credit: string;
  equity: string;
  margin: string;
  margin_free: string;
  margin_level: string;
  storage: string;
  commission: string;
}

const STATUSES_BY_TRADE_TYPE: Readonly<Record<number, ReadonlySet<TradeStatus>>> = {
  [TRADE_TYPE.all]: new Set(['open', 'pending', 'closed', 'deleted', 'finance']),
  [TRADE_TYPE.open]: new Set(['open']),
  [TRADE_TYPE.closed]: new Set(['closed', 'deleted']),
  [TRADE_TYPE.pending]: new Set(['pending']),
  [TRADE_TYPE.finance]: new Set(['finance']),
};

const FIRST_TICKET = 1_000_001;

/**
 * Everything the simulator holds. Getters return copies; trading goes through ./trading, which changes the records
 * here through the mutating methods, so tests see the same book the HTTP answers are built from.
 */
export class ScaleTradeSimState {
  /** Milliseconds on the simulator's clock, which tests may move forward. */
  readonly now: () => number;
  private readonly instruments = new Map<string, SimInstrument>();
  private readonly users = new Map<number, SimUser>();
  private readonly trades = new Map<number, SimTrade>();
  /** Tickets whose accepted close has not run yet. */
  private readonly closing = new Set<number>();
  /** Symbols whose market is closed: the trade engine refuses to close a trade in them. */
  private readonly closedMarkets = new Set<string>();
  private nextOrder = FIRST_TICKET;

  constructor(data: ScaleTradeSimData, now: () => number) {
    this.now = now;
    for (const instrument of data.instruments) this.instruments.set(instrument.symbol, { ...instrument });
    for (const user of data.users) this.users.set(user.login, { ...user });
    for (const trade of data.trades) this.insertTrade({ ...trade });
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  instrument(symbol: string): SimInstrument | undefined {
    const instrument = this.instruments.get(symbol);
    return instrument === undefined ? undefined : { ...instrument };
  }

  setPrice(symbol: string, bid: string, ask: string): void {
    const instrument = this.requireInstrument(symbol);
    instrument.bid = text(d(bid));
    instrument.ask = text(d(ask));
  }

  setMarketOpen(symbol: string, open: boolean): void {
    this.requireInstrument(symbol);
    if (open) this.closedMarkets.delete(symbol);
    else this.closedMarkets.add(symbol);
  }

  isMarketOpen(symbol: string): boolean {
    return !this.closedMarkets.has(symbol);
  }

  user(login: number): SimUser | undefined {
    const user = this.users.get(login);
    return user === undefined ? undefined : { ...user };
  }

  logins(): number[] {
    return [...this.users.keys()];
  }

  setPassword(login: number, password: string): void {
    this.requireUser(login).password = password;
  }

  setDisabled(login: number, disabled: boolean): void {
    this.requireUser(login).disabled = disabled;
  }

  balanceOf(login: number): string {
    return this.requireUser(login).balance;
  }

  trade(order: number): TradeView | undefined {
    const trade = this.trades.get(order);
    return trade === undefined ? undefined : this.view(trade);
  }

  /** Rows for one login and `tradeType`, ordered by ticket. */
  tradesOf(login: number, tradeType: number = TRADE_TYPE.open): TradeView[] {
    const statuses = STATUSES_BY_TRADE_TYPE[tradeType];
    if (statuses === undefined) throw new Error(`unknown tradeType ${tradeType}`);
    const rows: TradeView[] = [];
    for (const trade of this.trades.values()) {
      if (trade.login === login && statuses.has(trade.status)) rows.push(this.view(trade));
    }
    return rows.sort((a, b) => a.order - b.order);
  }

  /** Adds a trade as given (tests and demo data); a missing ticket takes the next free one. */
  addTrade(trade: Omit<SimTrade, 'order'> & { order?: number }): TradeView {
    const record: SimTrade = { ...trade, order: trade.order ?? this.newTicket() };
    this.insertTrade(record);
    return this.view(record);
  }

  accountOf(login: number): AccountView {
    const user = this.requireUser(login);
    let floating = d(0);
    let held = d(0);
    let storage = d(0);
    let commission = d(0);
    for (const trade of this.tradesOf(login, TRADE_TYPE.open)) {
      floating = floating.plus(trade.net_profit);
      held = held.plus(margin(this.requireInstrument(trade.symbol), trade.volume));
      storage = storage.plus(trade.storage);
      commission = commission.plus(trade.commission);
    }
    const equity = d(user.balance).plus(user.credit).plus(floating);
    return {
      login,
      currency: user.currency,
      balance: user.balance,
      credit: user.credit,
      equity: money(equity),
      margin: money(held),
      margin_free: money(equity.minus(held)),
      margin_level: held.isZero() ? '0' : money(equity.dividedBy(held).times(100)),
      storage: money(storage),
      commission: money(commission),
    };
  }

  isClosing(order: number): boolean {
    return this.closing.has(order);
  }

  // The mutating methods below are for ./trading.

  mutableTrade(order: number): SimTrade | undefined {
    return this.trades.get(order);
  }

  newTicket(): number {
    const order = this.nextOrder;
    this.nextOrder += 1;
    return order;
  }

  insertTrade(trade: SimTrade): void {
    if (this.trades.has(trade.order)) throw new Error(`ticket ${trade.order} already exists`);
    this.requireUser(trade.login);
    if (trade.status !== 'finance') this.requireInstrument(trade.symbol);
    this.trades.set(trade.order, trade);
    this.nextOrder = Math.max(this.nextOrder, trade.order + 1);
  }

  addToBalance(login: number, amount: string): void {
    const user = this.requireUser(login);
    user.balance = money(d(user.balance).plus(amount));
  }

  markClosing(order: number, closing: boolean): void {
    if (closing) this.closing.add(order);
    else this.closing.delete(order);
  }

  requireInstrument(symbol: string): SimInstrument {
    const instrument = this.instruments.get(symbol);
    if (instrument === undefined) throw new Error(`unknown symbol ${symbol}`);
    return instrument;
  }

  private requireUser(login: number): SimUser {
    const user = this.users.get(login);
    if (user === undefined) throw new Error(`unknown login ${login}`);
    return user;
  }

  private view(trade: SimTrade): TradeView {
    if (trade.status === 'open') {
      const instrument = this.requireInstrument(trade.symbol);
      const closePrice = closingPrice(instrument, trade.cmd);
      const profit = tradeProfit(instrument, trade.cmd, trade.volume, trade.open_price, closePrice);
      return { ...trade, close_price: closePrice, profit, net_profit: netProfit(profit, trade) };
    }
    if (trade.status === 'pending') {
      return { ...trade, close_price: openingPrice(this.requireInstrument(trade.symbol), trade.cmd), profit: '0', net_profit: '0' };
    }
    return { ...trade, net_profit: netProfit(trade.profit, trade) };
  }
}

function netProfit(profit: string, trade: SimTrade): string {
  return money(d(profit).plus(trade.commission).plus(trade.storage));
}
