import type { DecimalString } from './decimal';
import type { CashJournal, Order } from './domain';
import type { PriceScale } from './numberFormat';

export type CloseAmount =
  | { kind: 'all' }
  | { kind: 'quantity'; quantity: DecimalString }
  | { kind: 'percent'; percent: DecimalString };

export type ActionKind = 'close_position' | 'close_all' | 'cancel_order' | 'cancel_all_orders' | 'close_account' | 'sweep_cash';

/**
 * pending -> accepted -> filled | partly_filled | cancelled | rejected, or unknown when the broker may or may not have
 * acted. partly_filled: the closing order ended with only part of it filled. cancelled: a cancelled order ended so.
 */
export type ActionState = 'pending' | 'accepted' | 'filled' | 'partly_filled' | 'cancelled' | 'rejected' | 'unknown';

/** What a followed order did by the time it ended (or Closeout stopped following it). */
export interface FillReport {
  orderId: string;
  /** The broker's status, lower-cased. */
  status: string;
  filledQuantity: DecimalString;
  /** What the order left unfilled: 0 when it filled in full. */
  remaining: DecimalString;
  avgPrice: DecimalString | null;
  realizedPnl: DecimalString | null;
  /** True when realizedPnl was worked out from the fill price and the average entry price, not given by the broker. */
  realizedPnlEstimated: boolean;
  /** False when Closeout stopped reading before the order ended: then it is still working at the broker. */
  ended: boolean;
  /** How the instrument's price is quoted, for messages that round avgPrice as the tables do. */
  priceScale?: PriceScale;
  /** The account currency realizedPnl is in, where Closeout has read it. */
  currency?: string | null;
}

/** How an earlier action that its process could not finish ended, as reading the broker found it. */
export type EarlierVerdict = 'happened' | 'partly' | 'not_happened' | 'still_unknown';

/**
 * An earlier action on the same target, interrupted (its process stopped) or left unknown, and settled since by
 * reading the broker: a later send on that target answers with it and sends nothing new.
 */
export interface EarlierAttempt {
  actionId: string;
  /** "close of 2 shares of AAPL" */
  summary: string;
  startedAt: string;
  /**
   * null while Closeout is still reading the broker to settle it (only `actions:interrupted` lists such an attempt);
   * still_unknown is a settled answer: reading could not tell.
   */
  verdict: EarlierVerdict | null;
}

export interface ActionReceipt {
  actionId: string;
  kind: ActionKind;
  state: ActionState;
  /** A sentence for a person: what the broker did. */
  message: string;
  requestId: string | null;
  order: Order | null;
  /** A cash sweep's journal as the broker answered it. */
  journal?: CashJournal;
  /** Set once Closeout has followed the resulting order: how much filled, at what price, with what result. */
  fill?: FillReport;
  /** Set when nothing was sent because an earlier interrupted action on this target was reported instead. */
  earlier?: EarlierAttempt;
}

export interface CloseAllItem {
  symbol: string;
  positionId: string;
  state: ActionState;
  httpStatus: number | null;
  orderId: string | null;
  message: string;
  brokerCode: string | null;
  /** Set when the broker's closing order leaves part of the position open: how much stays. */
  remaining?: DecimalString;
  /** Set once Closeout has followed this position's closing order: how much filled, at what price, with what result. */
  fill?: FillReport;
}

export interface CloseAllReceipt {
  actionId: string;
  kind: 'close_all';
  state: ActionState;
  message: string;
  requestId: string | null;
  cancelOrdersFirst: boolean;
  items: CloseAllItem[];
  earlier?: EarlierAttempt;
}

/** One order of a Cancel all orders, as the broker answered for it. */
export interface CancelAllOrdersItem {
  orderId: string;
  symbol: string;
  state: ActionState;
  httpStatus: number | null;
  message: string;
  brokerCode: string | null;
}

/** Every working order of an account cancelled in one request: the answer for each order it listed. */
export interface CancelAllOrdersReceipt extends ActionReceipt {
  kind: 'cancel_all_orders';
  items: CancelAllOrdersItem[];
}

/** One cancel of a cancel-then-close: its own action, or why it stopped the rest. */
export interface CancelStep {
  orderId: string;
  symbol: string;
  /** The cancel's own action id once the core recorded it; null when it was refused before it was recorded. */
  actionId: string | null;
  state: ActionState;
  message: string;
  requestId: string | null;
  brokerCode: string | null;
}

/**
 * Cancel the orders holding a position, then close it in full: each step is its own action, and the close is sent only
 * once reading the broker shows every cancel done. The receipt is the close's when it was sent; otherwise it names the
 * step that stopped it, and `closeSent` is false.
 */
export interface CancelThenCloseReceipt extends ActionReceipt {
  kind: 'close_position';
  cancels: CancelStep[];
  closeSent: boolean;
}
