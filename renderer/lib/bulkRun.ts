import type { ActionState } from '../../shared/actions';
import { AppError } from '../../shared/errors';

/** How one item of a bulk action ended, in the words the result list shows. */
export interface BulkItemResult {
  id: string;
  label: string;
  state: Exclude<ActionState, 'pending'>;
  message: string;
  /** The broker's code and request id when it refused, so support can find the call. */
  brokerCode: string | null;
  requestId: string | null;
}

export interface BulkItem {
  id: string;
  label: string;
}

export interface BulkRunOptions {
  /** Sends in flight at once; the same bound as a ticket-by-ticket close all in the core. */
  concurrency?: number;
  /** How many times one item may be turned away by a rate limit before it is reported as refused. */
  maxRateLimitWaits?: number;
  /** Wait when a 429 names no reset time; doubles on each further 429 in a row. */
  baseBackoffMs?: number;
  onSettled?(done: number, total: number): void;
  sleep?(ms: number): Promise<void>;
}

const DEFAULTS = { concurrency: 4, maxRateLimitWaits: 8, baseBackoffMs: 250 };

/**
 * Sends each item as its own action (each one an intent in the core's journal) with the rate-limit handling of the
 * core's ticket-by-ticket close all: a 429 means the broker did not act, so every sender pauses and that item goes
 * again; any other failure is final for its item, and an unknown outcome is never resent.
 */
export async function runEach<T extends BulkItem>(
  items: readonly T[],
  send: (item: T) => Promise<{ state: BulkItemResult['state']; message: string }>,
  options: BulkRunOptions = {},
): Promise<BulkItemResult[]> {
  const { concurrency, maxRateLimitWaits, baseBackoffMs } = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const results: BulkItemResult[] = new Array<BulkItemResult>(items.length);
  let next = 0;
  let settled = 0;
  let pausedUntil = 0;
  let limitsInARow = 0;

  async function waitForPause(): Promise<void> {
    for (let wait = pausedUntil - Date.now(); wait > 0; wait = pausedUntil - Date.now()) await sleep(wait);
  }

  async function one(item: T): Promise<BulkItemResult> {
    for (let waits = 0; ; waits += 1) {
      await waitForPause();
      try {
        const answer = await send(item);
        limitsInARow = 0;
        return { id: item.id, label: item.label, state: answer.state, message: answer.message, brokerCode: null, requestId: null };
      } catch (error) {
        const failure = error instanceof AppError ? error : new AppError({ code: 'internal', message: String(error) });
        if (failure.code === 'rate_limited' && failure.outcome !== 'unknown' && waits < maxRateLimitWaits) {
          limitsInARow += 1;
          pausedUntil = Math.max(pausedUntil, Date.now() + (failure.retryAfterMs ?? baseBackoffMs * 2 ** Math.min(limitsInARow - 1, 6)));
          continue;
        }
        return {
          id: item.id,
          label: item.label,
          state: failure.outcome === 'unknown' ? 'unknown' : 'rejected',
          message: failure.message,
          brokerCode: failure.brokerCode ?? null,
          requestId: failure.requestId ?? null,
        };
      }
    }
  }

  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await one(items[index] as T);
      settled += 1;
      options.onSettled?.(settled, items.length);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
