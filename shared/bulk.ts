import type { ActionState } from './actions';
import type { ErrorCode } from './errors';

/** One item of a bulk run: a full close of a position or a cancel of an order, each its own action in the journal. */
export type BulkItemRequest =
  | { kind: 'close'; connection: string; accountId: string; positionId: string }
  | { kind: 'cancel'; connection: string; accountId: string; orderId: string };

/** How one item ended. */
export interface BulkItemResult {
  /** Where the item stood in the request. */
  index: number;
  kind: BulkItemRequest['kind'];
  connection: string;
  accountId: string;
  /** The position or order it acted on. */
  targetId: string;
  state: Exclude<ActionState, 'pending'>;
  /** The broker's answer, or why nothing was sent. */
  message: string;
  /** The action in the journal; null when it was refused before one began. */
  actionId: string | null;
  errorCode: ErrorCode | null;
  brokerCode: string | null;
  requestId: string | null;
  /** Set when nothing was sent because an earlier action on the target, interrupted, was read back instead. */
  earlier?: true;
}

/** Pushed as each item of a bulk run (picked rows or flatten) ends. */
export interface BulkProgress {
  runId: string;
  done: number;
  total: number;
  result: BulkItemResult;
}

export function itemTargetId(item: BulkItemRequest): string {
  return item.kind === 'close' ? item.positionId : item.orderId;
}

/** The states of a whole run, counted: what a summary line and an exit code are made of. */
export function countStates(results: readonly Pick<BulkItemResult, 'state'>[]): { done: number; refused: number; unknown: number } {
  const refused = results.filter((result) => result.state === 'rejected').length;
  const unknown = results.filter((result) => result.state === 'unknown').length;
  return { done: results.length - refused - unknown, refused, unknown };
}
