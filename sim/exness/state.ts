import { randomBytes } from 'node:crypto';
import { d, text } from '../shared/decimal';
import { fail, orderIdMismatch, orderNotOpen, succeed } from './errors';
import type { Outcome } from './errors';
import type { ClosedOrderRecord, ExnessSimData, OpenOrderRecord, OrderType, SimInstrument, SimUser } from './types';

export interface StateOptions {
  newOrderId?: () => string;
  now?: () => string;
}

export interface NewOrder {
  symbol: string;
  type: OrderType;
  quantity: string;
  leverage: number;
  takeProfit?: string | null;
  stopLoss?: string | null;
}

function newOrderId(): string {
  return `ord_${randomBytes(8).toString('hex')}`;
}

/** Unrealised (or, at the close price, realised) profit of a ticket in dollars, to the cent. */
export function profitAt(order: OpenOrderRecord, instrument: SimInstrument, price: string): string {
  const move = d(price).minus(d(order.openPrice));
  const signed = (order.type === 'buy' ? move : move.negated()).times(d(order.quantity));
  const dollars = instrument.usdBase ? signed.dividedBy(d(price)) : signed;
  return dollars.toDecimalPlaces(2).toFixed(2);
}

/** Everything the simulator holds. Getters return copies, so a test changes state only through the named methods. */
export class ExnessSimState {
  readonly now: () => string;
  private readonly newOrderId: () => string;
  private readonly users = new Map<string, SimUser>();
  private readonly instruments = new Map<string, SimInstrument>();
  private open: OpenOrderRecord[];
  private closed: ClosedOrderRecord[];

  constructor(data: ExnessSimData, options: StateOptions = {}) {
    this.newOrderId = options.newOrderId ?? newOrderId;
    this.now = options.now ?? (() => new Date().toISOString());
    for (const instrument of data.instruments) this.instruments.set(instrument.symbol.toUpperCase(), { ...instrument });
    for (const user of data.users) this.users.set(user.userId, { ...user });
    for (const order of [...data.openOrders, ...data.closedOrders]) {
      this.requireInstrument(order.symbol);
      this.requireUser(order.userId);
    }
    this.open = data.openOrders.map((order) => ({ ...order }));
    this.closed = data.closedOrders.map((order) => ({ ...order }));
  }

  listUsers(): SimUser[] {
    return [...this.users.values()].map((user) => ({ ...user }));
  }

  hasUser(userId: string): boolean {
    return this.users.has(userId);
  }

  balanceOf(userId: string): string {
    return this.requireUser(userId).balance;
  }

  setBalance(userId: string, balance: string): void {
    this.requireUser(userId).balance = text(d(balance));
  }

  listInstruments(): SimInstrument[] {
    return [...this.instruments.values()].map((instrument) => ({ ...instrument }));
  }

  /** By docs symbol or reference-code name, in any case: clients of either edition send theirs. */
  findInstrument(symbolOrCode: string): SimInstrument | undefined {
    const wanted = symbolOrCode.toUpperCase();
    const instrument = this.instruments.get(wanted) ?? [...this.instruments.values()].find((candidate) => candidate.code.toUpperCase() === wanted);
    return instrument === undefined ? undefined : { ...instrument };
  }

  requireInstrument(symbolOrCode: string): SimInstrument {
    const instrument = this.findInstrument(symbolOrCode);
    if (instrument === undefined) throw new Error(`the simulator knows no instrument ${symbolOrCode}`);
    return instrument;
  }

  priceOf(symbol: string): string {
    return this.requireInstrument(symbol).price;
  }

  setPrice(symbol: string, price: string): void {
    const instrument = this.instruments.get(this.requireInstrument(symbol).symbol.toUpperCase());
    if (instrument !== undefined) instrument.price = text(d(price));
  }

  openOrdersOf(userId: string): OpenOrderRecord[] {
    this.requireUser(userId);
    return this.open.filter((order) => order.userId === userId).map((order) => ({ ...order }));
  }

  closedOrdersOf(userId: string): ClosedOrderRecord[] {
    this.requireUser(userId);
    return this.closed.filter((order) => order.userId === userId).map((order) => ({ ...order }));
  }

  /** Opens a ticket at the current price, as POST /trade/create does once the engine takes it. */
  addOrder(userId: string, input: NewOrder): OpenOrderRecord {
    this.requireUser(userId);
    const instrument = this.requireInstrument(input.symbol);
    const order: OpenOrderRecord = {
      orderId: this.newOrderId(),
      userId,
      symbol: instrument.symbol,
      type: input.type,
      quantity: text(d(input.quantity)),
      leverage: input.leverage,
      openPrice: instrument.price,
      openTime: this.now(),
      takeProfit: input.takeProfit ?? null,
      stopLoss: input.stopLoss ?? null,
    };
    this.open.push(order);
    return { ...order };
  }

  /**
   * The engine's close: the whole ticket at the current price, its profit added to the balance. A ticket that is not
   * open is refused the same way whether it never existed or was closed before; another user's ticket is a mismatch.
   */
  closeOrder(userId: string, orderId: string): Outcome<ClosedOrderRecord> {
    const order = this.open.find((candidate) => candidate.orderId === orderId);
    if (order === undefined) return fail(orderNotOpen());
    if (order.userId !== userId) return fail(orderIdMismatch());
    const instrument = this.requireInstrument(order.symbol);
    const closed: ClosedOrderRecord = { ...order, closePrice: instrument.price, closeTime: this.now(), profit: profitAt(order, instrument, instrument.price) };
    this.open = this.open.filter((candidate) => candidate !== order);
    this.closed.push(closed);
    const user = this.requireUser(userId);
    user.balance = text(d(user.balance).plus(d(closed.profit)));
    return succeed({ ...closed });
  }

  private requireUser(userId: string): SimUser {
    const user = this.users.get(userId);
    if (user === undefined) throw new Error(`the simulator has no user ${userId}`);
    return user;
  }
}
