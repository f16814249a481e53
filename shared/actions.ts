import type { DecimalString } from './decimal';
import type { Order } from './domain';

export type CloseAmount =
  | { kind: 'all' }
  | { kind: 'quantity'; quantity: DecimalString }
  | { kind: 'percent'; percent: DecimalString };

export type ActionKind = 'close_position' | 'close_all' | 'cancel_order' | 'close_account';

/** pending -> accepted -> filled | rejected, or unknown when the broker may or may not have acted. */
export type ActionState = 'pending' | 'accepted' | 'filled' | 'rejected' | 'unknown';

export interface ActionReceipt {
  actionId: string;
  kind: ActionKind;
  state: ActionState;
  /** A sentence for a person: what the broker did. */
  message: string;
  requestId: string | null;
  order: Order | null;
}

export interface CloseAllItem {
  symbol: string;
  positionId: string;
  state: ActionState;
  httpStatus: number | null;
  orderId: string | null;
  message: string;
  brokerCode: string | null;
}

export interface CloseAllReceipt {
  actionId: string;
  kind: 'close_all';
  state: ActionState;
  message: string;
  requestId: string | null;
  cancelOrdersFirst: boolean;
  items: CloseAllItem[];
}
