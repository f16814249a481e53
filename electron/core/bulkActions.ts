import type { ActionReceipt } from '../../shared/actions';
import { itemTargetId, type BulkItemRequest, type BulkItemResult, type BulkProgress } from '../../shared/bulk';
import type { AppError } from '../../shared/errors';
import type { Handlers } from './handlers';
import { runInLanes, type RateLimitedOptions, type Settled } from './rateLimitedRun';

export type BulkItemHandlers = Pick<Handlers, 'position:close' | 'order:cancel'>;

export interface BulkRunOptions extends RateLimitedOptions {
  onProgress?(progress: BulkProgress): void;
  /**
   * Asked right before an item goes out: an error refuses it there, nothing sent (a flatten's plan gone stale for that
   * target). A refusal here is final, never a rate limit to wait out.
   */
  refuse?(item: BulkItemRequest): AppError | null;
}

/**
 * Sends every item through the service's own close and cancel handlers, so each one is an action with its intent, its
 * lease and its audit records, exactly as a single close or cancel; the core's rate-limited runner paces them, one lane
 * per connection (one credential, one rate limit), every lane at once, and each lane's cancels before its closes so a
 * working order no longer holds what the close needs.
 */
export async function runBulkItems(handlers: BulkItemHandlers, runId: string, items: readonly BulkItemRequest[], options: BulkRunOptions = {}): Promise<BulkItemResult[]> {
  let done = 0;
  const send = async (item: BulkItemRequest): Promise<ActionReceipt> => {
    const refusal = options.refuse?.(item);
    if (refusal) throw refusal;
    if (item.kind === 'close') {
      return handlers['position:close']({ connection: item.connection, accountId: item.accountId, positionId: item.positionId, amount: { kind: 'all' } });
    }
    return handlers['order:cancel']({ connection: item.connection, accountId: item.accountId, orderId: item.orderId });
  };
  const settled = await runInLanes(items, send, {
    ...options,
    laneOf: (item) => item.connection,
    stageOf: (item) => (item.kind === 'cancel' ? 0 : 1),
    onSettled: (index, result) => {
      done += 1;
      options.onProgress?.({ runId, done, total: items.length, result: resultOf(items[index] as BulkItemRequest, index, result) });
    },
  });
  return settled.map((result, index) => resultOf(items[index] as BulkItemRequest, index, result));
}

function resultOf(item: BulkItemRequest, index: number, settled: Settled<ActionReceipt>): BulkItemResult {
  const base = { index, kind: item.kind, connection: item.connection, accountId: item.accountId, targetId: itemTargetId(item) };
  if (settled.ok) {
    const receipt = settled.value;
    return {
      ...base,
      state: receipt.state === 'pending' ? 'accepted' : receipt.state,
      message: receipt.message,
      actionId: receipt.actionId,
      errorCode: null,
      brokerCode: null,
      requestId: receipt.requestId,
      ...(receipt.earlier ? { earlier: true as const } : {}),
    };
  }
  const error = settled.error;
  return {
    ...base,
    state: error.outcome === 'unknown' ? 'unknown' : 'rejected',
    message: error.message,
    actionId: error.actionId ?? null,
    errorCode: error.code,
    brokerCode: error.brokerCode ?? null,
    requestId: error.requestId ?? null,
  };
}
