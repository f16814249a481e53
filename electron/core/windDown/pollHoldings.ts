import type { Order, Position } from '../../../shared/domain';
import { AppError, isRetryableCode } from '../../../shared/errors';
import { invoke, sleep, type WindDownHandlers } from './serviceCalls';

export interface AccountTarget {
  handlers: WindDownHandlers;
  connection: string;
  accountId: string;
}

export interface PollTiming {
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal | undefined;
}

export interface Holdings {
  positions: Position[];
  openOrders: Order[];
}

export type PollResult =
  | { kind: 'met'; holdings: Holdings; elapsedMs: number }
  | { kind: 'timeout'; holdings: Holdings | null; error: AppError | null }
  | { kind: 'aborted' }
  | { kind: 'error'; error: AppError };

/** Polls stop growing apart at this, so a long wait still looks every few seconds. */
const MAX_INTERVAL_MS = 5_000;
const BACKOFF = 1.5;

/**
 * Reads positions and open orders until `until` holds, the time is up, or the signal fires; waits grow by half each
 * time. A rate limit or a dropped connection just means looking again; any other error ends the wait.
 */
export async function pollHoldings(target: AccountTarget, timing: PollTiming, until: (holdings: Holdings) => boolean): Promise<PollResult> {
  const started = Date.now();
  const deadline = started + timing.timeoutMs;
  let interval = Math.max(1, timing.intervalMs);
  let last: Holdings | null = null;
  for (;;) {
    if (timing.signal?.aborted) return { kind: 'aborted' };
    let failure: AppError | null = null;
    try {
      last = await readHoldings(target);
      if (until(last)) return { kind: 'met', holdings: last, elapsedMs: Date.now() - started };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (!isRetryableCode(error.code)) return { kind: 'error', error };
      failure = error;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) return { kind: 'timeout', holdings: last, error: failure };
    await sleep(Math.min(Math.max(interval, failure?.retryAfterMs ?? 0), remaining), timing.signal);
    interval = Math.min(interval * BACKOFF, MAX_INTERVAL_MS);
  }
}

async function readHoldings({ handlers, connection, accountId }: AccountTarget): Promise<Holdings> {
  const [positions, orders] = await Promise.all([
    invoke(handlers, 'positions:list', { connection, accountId }),
    invoke(handlers, 'orders:list', { connection, accountId }),
  ]);
  return { positions, openOrders: orders.filter((order) => order.open) };
}
