import type { BulkItemResult } from './bulk';
import type { BrokerKind } from './brokers';
import type { DecimalString } from './decimal';
import type { OrderSide, PositionSide } from './domain';

export interface FlattenPosition {
  id: string;
  symbol: string;
  side: PositionSide;
  quantity: DecimalString;
  unit: string;
}

export interface FlattenOrder {
  id: string;
  symbol: string;
  side: OrderSide;
  type: string;
  quantity: DecimalString | null;
}

/** One account of a flatten: what will be sent to it, and what its broker cannot do. */
export interface FlattenAccountPlan {
  connection: string;
  broker: BrokerKind;
  accountId: string;
  accountNumber: string;
  accountName: string;
  /** Closed in full at market, once the orders below are cancelled. */
  positions: FlattenPosition[];
  /** Cancelled first, so none of them opens a position again or holds a quantity the close needs. */
  orders: FlattenOrder[];
  /** What stays as it is, each with the reason: orders the broker cannot cancel, holdings no order can close. */
  cannotDo: string[];
  /** Set when the account could not be read: nothing is sent to it. */
  readError: string | null;
}

export interface FlattenPlan {
  runId: string;
  /** When the accounts were read: an action on one of its targets since then, anywhere, makes that item stale. */
  preparedAt: string;
  accounts: FlattenAccountPlan[];
  /** What the person confirms by typing it. */
  positions: number;
  orders: number;
}

export interface FlattenReport {
  runId: string;
  items: BulkItemResult[];
  summary: { done: number; refused: number; unknown: number };
}
