import type { CloseAmount } from '../../../shared/actions';
import type { BrokerCapabilities, BrokerKind } from '../../../shared/brokers';
import type { DecimalString } from '../../../shared/decimal';
import type { Account, AccountBalances, CashJournal, ClosedTrade, Order, Position } from '../../../shared/domain';

/** What the broker said about one close or cancel it accepted. Refusals and unknown outcomes are thrown as AppError. */
export interface BrokerActionResult {
  requestId: string | null;
  order: Order | null;
  message: string;
  /** The profit of the close as the broker's own answer states it (Exness), when it does. */
  realizedPnl?: DecimalString;
}

/** A closing order Closeout follows, and the position it closes. */
export interface ClosingOrder {
  order: Order;
  position: Position;
}

/** A closing order as read back, with the close's profit where the broker reports one per close. */
export interface ClosingOrderReading {
  order: Order;
  realizedPnl: DecimalString | null;
}

export interface BulkCloseItem {
  symbol: string;
  positionId: string;
  ok: boolean;
  httpStatus: number | null;
  order: Order | null;
  message: string;
  brokerCode: string | null;
  /** Set when the closing order is for less than the position: how much of it stays open. */
  remaining?: DecimalString;
}

export interface BulkCloseResult {
  requestId: string | null;
  items: BulkCloseItem[];
}

/** One order of a bulk cancel, as the broker answered for it. */
export interface BulkCancelItem {
  orderId: string;
  ok: boolean;
  /** The status the broker gave this order (Alpaca's 207 lines), or that of the whole answer where it gives none. */
  httpStatus: number | null;
  order: Order | null;
  message: string;
  brokerCode: string | null;
}

export interface BulkCancelResult {
  requestId: string | null;
  items: BulkCancelItem[];
}

export interface CashJournalRequest {
  fromAccountId: string;
  toAccountId: string;
  amount: DecimalString;
  /** Returned by the broker with the journal: how Closeout finds it again when the answer to the request never came. */
  description: string;
}

export interface ClosePositionOptions {
  /** Reused on a deliberate retry where the broker accepts a client order id. */
  clientOrderId?: string;
  comment?: string;
}

/** How a long account list is read: as it arrives, and how much of it. */
export interface AccountListing {
  /** Called with each answer's accounts not seen in an earlier one, as each answer arrives. */
  onPage?(accounts: Account[]): void;
  /** Reading stops once this many accounts are known; the list holds at most this many. */
  limit?: number;
}

/** Whether the caller already holds the list read from a broker answer with this digest (http.ts HttpResponse.digest). */
export type HeldDigest = (digest: string) => boolean;

/** A polled list: the digest of the raw answer it came from, and its rows unless the caller already held them. */
export type BodyPoll<T> = { digest: string; items: T[] } | { digest: string; items: null };

/**
 * One adapter per broker. Every method is a real call to the broker; errors are AppError with the broker's code,
 * request id and, for destructive calls, the outcome (not_sent, rejected or unknown).
 */
export interface BrokerAdapter {
  readonly kind: BrokerKind;
  readonly capabilities: BrokerCapabilities;
  /** Every account the credential reaches (or those matching `search`, as the broker searches), through every page. */
  listAccounts(search?: string, listing?: AccountListing): Promise<Account[]>;
  getAccount(accountId: string): Promise<Account>;
  getBalances(accountId: string): Promise<AccountBalances>;
  listPositions(accountId: string): Promise<Position[]>;
  listOrders(accountId: string): Promise<Order[]>;
  /**
   * listPositions for a poll: `held` is asked about the digest of the broker's raw answer before anything is decoded,
   * parsed or checked, and when it says the caller holds that answer already, the rows are not read at all.
   */
  pollPositions?(accountId: string, held: HeldDigest): Promise<BodyPoll<Position>>;
  /** listOrders for a poll, as pollPositions. */
  pollOrders?(accountId: string, held: HeldDigest): Promise<BodyPoll<Order>>;
  /** One order by id, whatever its status: how a close, cancel or close all is followed to its end. */
  getOrder?(accountId: string, orderId: string): Promise<Order>;
  /**
   * Where no order can be read by id but closed trades can (ScaleTrade): each closing order as its closed trade shows
   * it now, priced and with the broker's profit; one whose trade is not in the history yet comes back as it was.
   */
  readClosingOrders?(accountId: string, closing: readonly ClosingOrder[]): Promise<ClosingOrderReading[]>;
  /** Only where capabilities.closeHistory is available. */
  listCloseHistory?(accountId: string): Promise<ClosedTrade[]>;
  closePosition(accountId: string, position: Position, amount: CloseAmount, options?: ClosePositionOptions): Promise<BrokerActionResult>;
  /** Only where capabilities.closeAll.mode is 'bulk'; per-ticket brokers are closed one by one by the service. */
  closeAllPositions?(accountId: string, options: { cancelOrders: boolean }): Promise<BulkCloseResult>;
  cancelOrder(accountId: string, orderId: string): Promise<BrokerActionResult>;
  /** Only where capabilities.cancelAllOrders is available: every working order of the account in one request. */
  cancelAllOrders?(accountId: string): Promise<BulkCancelResult>;
  /** Only where capabilities.closeAccount is available. Preconditions are the service's to check. */
  closeAccount?(accountId: string): Promise<BrokerActionResult>;
  /** Only where capabilities.cashSweep is available: moves cash to another account at the same broker. */
  journalCash?(request: CashJournalRequest): Promise<{ requestId: string | null; journal: CashJournal }>;
  /** Cash journals out of an account created on or after `since` (YYYY-MM-DD), to one account when given. */
  listCashJournals?(accountId: string, options: { toAccountId?: string | undefined; since?: string | undefined }): Promise<CashJournal[]>;
}

export interface BrokerCredentials {
  keyId?: string;
  login?: number;
  secret: string;
}

export interface AdapterOptions {
  baseUrl: string;
  credentials: BrokerCredentials;
  timeoutMs?: number | undefined;
}

/** How long a broker call may take, connect to last byte, when the connection sets nothing shorter. */
export const DEFAULT_BROKER_TIMEOUT_MS = 15_000;

export type AdapterFactory = (options: AdapterOptions) => BrokerAdapter;
