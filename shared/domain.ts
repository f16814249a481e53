import type { BrokerKind, BrokerCapabilities } from './brokers';
import type { DecimalString } from './decimal';
import type { PriceScale } from './numberFormat';

export type PositionSide = 'long' | 'short';
/**
 * buy, sell and sell_short are the sides Closeout reasons about. Any other side (Clear Street's OTHER, or one a broker
 * adds later) comes through lower-cased as the broker wrote it. It is shown as it came and never fails the list it is in.
 */
export type OrderSide = 'buy' | 'sell' | 'sell_short' | (string & {});
export type AccountStatusTone = 'active' | 'restricted' | 'closed';

/** What one read-only call showed a connection can reach: how many accounts, or at least how many when there are more. */
export interface ConnectionReach {
  accounts: number;
  /** True when the first answer was full, so there are at least `accounts`. */
  more: boolean;
}

/** How a connection's calls went, as the journal keeps them: the last that worked, the last that failed and why. */
export interface ConnectionHealth {
  lastSuccessAt: string | null;
  lastError: { at: string; code: string; message: string } | null;
  reach: ConnectionReach | null;
}

/** An account of the firm's own at the broker, where a wind-down sweeps each closed account's cash. */
export interface FirmAccount {
  accountId: string;
  number: string;
  name: string;
}

/** What the renderer may know about a connection: never the secret, never the key id. */
export interface ConnectionSummary {
  name: string;
  broker: BrokerKind;
  baseUrl: string;
  demo: boolean;
  capabilities: BrokerCapabilities;
  /** Absent where nothing has been asked of the connection yet. */
  health?: ConnectionHealth;
  /** Where its wind-downs sweep cash unless told otherwise; absent when none is set. */
  firmAccount?: FirmAccount;
}

export interface Account {
  id: string;
  number: string;
  name: string;
  status: string;
  statusTone: AccountStatusTone;
  currency: string | null;
}

/** The unit a position's quantity is counted in, and the smallest step a partial close may take. */
export interface QuantityUnit {
  /** contracts: option contracts, each standing for a number of shares the broker's values already count. */
  name: 'shares' | 'lots' | 'units' | 'contracts';
  step: DecimalString;
}

export interface Position {
  /** What a close targets: the symbol for per-symbol brokers, the ticket for per-ticket brokers. */
  id: string;
  accountId: string;
  symbol: string;
  side: PositionSide;
  /** Absolute size; the side says the direction. */
  quantity: DecimalString;
  available: DecimalString;
  unit: QuantityUnit;
  fractional: boolean;
  avgPrice: DecimalString | null;
  lastPrice: DecimalString | null;
  /** Signed: a short's is negative. In the account currency, unless quoteValued says otherwise. */
  marketValue: DecimalString | null;
  unrealizedPnl: DecimalString | null;
  /** Percent, e.g. "12.5" for 12.5 %. */
  unrealizedPnlPct: DecimalString | null;
  assetClass: string | null;
  /**
   * Set when marketValue is in the instrument's quote currency (JP225 in yen), not the account's: the platform does
   * not convert it, so it is shown in its row and kept out of the account's totals.
   */
  quoteValued?: true;
  /** Why no order can close this holding (Clear Street lists cash among the positions); absent when one can. */
  notClosable?: string;
  /** How the instrument's price is quoted; absent where the broker does not say, and prices show as sent. */
  priceScale?: PriceScale;
  /** Per-ticket brokers: what tells two tickets of one symbol, side and size apart. */
  ticket?: TicketDetails;
}

/**
 * A ticket's own figures at the per-ticket brokers (Exness, ScaleTrade). Null where the ticket has none (no stop loss
 * set) or the broker's API has no such figure (Exness reports neither swap nor commission).
 */
export interface TicketDetails {
  openedAt: string | null;
  stopLoss: DecimalString | null;
  takeProfit: DecimalString | null;
  /** Swap (MetaTrader's storage) booked to the ticket so far. */
  swap: DecimalString | null;
  commission: DecimalString | null;
}

export interface Order {
  id: string;
  accountId: string;
  clientOrderId: string | null;
  symbol: string;
  side: OrderSide;
  type: string;
  quantity: DecimalString | null;
  filledQuantity: DecimalString;
  limitPrice: DecimalString | null;
  stopPrice: DecimalString | null;
  /** The average price of what has filled so far; null while nothing has. */
  avgFillPrice: DecimalString | null;
  /** As the broker writes it, lower-cased: day, gtc, ioc, ... */
  timeInForce: string | null;
  status: string;
  open: boolean;
  createdAt: string;
  updatedAt: string | null;
  /** How the instrument's price is quoted; absent where the broker does not say. */
  priceScale?: PriceScale;
}

/** Which figure stands in the buying power slot: stock brokers report buying power, margin platforms free margin. */
export type BuyingPowerKind = 'buying_power' | 'free_margin';

/**
 * The account's money as the broker reports it, in the account currency. A figure the broker does not report is null
 * (shown as absent, never as 0).
 */
export interface AccountBalances {
  accountId: string;
  cash: DecimalString | null;
  equity: DecimalString | null;
  buyingPower: DecimalString | null;
  buyingPowerKind: BuyingPowerKind;
  /** Today's profit and loss: the broker's own figure, or equity against the previous close's equity. */
  dayPnl: DecimalString | null;
  currency: string | null;
  /**
   * Cash that may leave the account now: settled and not already promised to a transfer. Absent where the broker does
   * not say; less than `cash` while sale proceeds settle or a transfer out is pending.
   */
  withdrawable?: DecimalString;
  /** Cash promised to transfers out that have not executed yet (Alpaca's pending_transfer_out). */
  pendingOut?: DecimalString;
}

/** Where a cash journal stands at the broker: Alpaca's journal statuses. */
export const CASH_JOURNAL_STATUSES = ['pending', 'queued', 'executed', 'rejected', 'canceled', 'deleted'] as const;
export type CashJournalStatus = (typeof CASH_JOURNAL_STATUSES)[number];

/** Cash moved from one account to another at the same broker (an Alpaca JNLC). */
export interface CashJournal {
  id: string;
  fromAccountId: string;
  toAccountId: string;
  amount: DecimalString;
  status: CashJournalStatus;
  description: string;
  settleDate: string | null;
}

export interface AccountCloseCheck {
  account: Account;
  balances: AccountBalances;
  positions: Position[];
  openOrders: Order[];
  /** Every reason the account cannot be closed now, each once; empty when it can. */
  blockers: string[];
  /**
   * The one among them that the account's status gives (already closed, or a status the broker does not close), which
   * the positions, orders and cash do not show; null when the status allows the close.
   */
  statusBlocker: string | null;
}

/**
 * A position the broker has already closed, from its close history, or (at brokers that keep no such history) a
 * filled order of the day: then `orderSide` is the order's side, `side` the side it reduces, and `openPrice` and
 * `profit` are null.
 */
export interface ClosedTrade {
  id: string;
  accountId: string;
  symbol: string;
  side: PositionSide;
  orderSide: OrderSide | null;
  quantity: DecimalString;
  openPrice: DecimalString | null;
  closePrice: DecimalString | null;
  profit: DecimalString | null;
  closedAt: string | null;
  /** How the instrument's price is quoted, so the history rounds prices as the positions table does. */
  priceScale?: PriceScale;
}
