import { AppError } from '../../shared/errors';

// The one way the core sends many destructive requests: close all ticket by ticket, picked-row closes and cancels,
// and flatten across connections all go out through here.

export interface RateLimitedOptions {
  /** Sends in flight at once per lane: enough to hide latency, few enough to stay polite to the broker. */
  concurrency?: number;
  /** How many times one item may be turned away by a rate limit before it is reported as refused. */
  maxRateLimitWaits?: number;
  /** Wait when a 429 names no reset time; doubles on each further 429 in a row. */
  baseBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** How one item ended: the send's answer, or the error that ended it (never a 429 that was waited out). */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: AppError };

const DEFAULTS = { concurrency: 4, maxRateLimitWaits: 8, baseBackoffMs: 250 };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A 429 is an answer: the broker did not act, so the same item may go again. A 429 whose outcome is unknown may not. */
function turnedAwayByRateLimit(error: AppError): boolean {
  return error.code === 'rate_limited' && error.outcome !== 'unknown';
}

/**
 * Sends each item with bounded concurrency. A rate limit pauses every sender of this run together (the broker counts
 * them all) for as long as it asks, and that item goes again; any other failure is final for its item, and an unknown
 * outcome is never resent. `onSettled` hears each item once, when it ends.
 */
export async function runRateLimited<T, R>(
  items: readonly T[],
  send: (item: T) => Promise<R>,
  options: RateLimitedOptions & { onSettled?: (index: number, result: Settled<R>) => void } = {},
): Promise<Settled<R>[]> {
  const { concurrency, maxRateLimitWaits, baseBackoffMs } = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? realSleep;
  const results = new Array<Settled<R>>(items.length);
  let next = 0;
  let pausedUntil = 0;
  let limitsInARow = 0;

  async function waitForPause(): Promise<void> {
    for (let wait = pausedUntil - Date.now(); wait > 0; wait = pausedUntil - Date.now()) await sleep(wait);
  }

  async function one(item: T): Promise<Settled<R>> {
    for (let waits = 0; ; waits += 1) {
      await waitForPause();
      try {
        const value = await send(item);
        limitsInARow = 0;
        return { ok: true, value };
      } catch (thrown) {
        const error = thrown instanceof AppError ? thrown : new AppError({ code: 'internal', message: thrown instanceof Error ? thrown.message : String(thrown) });
        if (!turnedAwayByRateLimit(error) || waits >= maxRateLimitWaits) return { ok: false, error };
        limitsInARow += 1;
        pausedUntil = Math.max(pausedUntil, Date.now() + (error.retryAfterMs ?? baseBackoffMs * 2 ** Math.min(limitsInARow - 1, 6)));
      }
    }
  }

  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next;
      next += 1;
      const result = await one(items[index] as T);
      results[index] = result;
      options.onSettled?.(index, result);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export interface LaneOptions<T> extends RateLimitedOptions {
  /** Items of one lane share its rate limit (one broker connection, one credential); lanes run side by side. */
  laneOf(item: T): string;
  /** Within a lane, a stage starts once every item of the stages before it has ended (cancels before closes). */
  stageOf?(item: T): number;
}

/**
 * runRateLimited once per lane, every lane at once: each broker's items go out at its own pace, and one broker's 429
 * never holds back another's. Results come back in the order of `items`.
 */
export async function runInLanes<T, R>(
  items: readonly T[],
  send: (item: T) => Promise<R>,
  options: LaneOptions<T> & { onSettled?: (index: number, result: Settled<R>) => void },
): Promise<Settled<R>[]> {
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const lane = options.laneOf(item);
    lanes.set(lane, [...(lanes.get(lane) ?? []), index]);
  });
  const results = new Array<Settled<R>>(items.length);
  const stageOf = options.stageOf ?? (() => 0);

  async function runLane(indexes: number[]): Promise<void> {
    const stages = [...new Set(indexes.map((index) => stageOf(items[index] as T)))].sort((a, b) => a - b);
    for (const stage of stages) {
      const inStage = indexes.filter((index) => stageOf(items[index] as T) === stage);
      await runRateLimited(
        inStage.map((index) => items[index] as T),
        send,
        {
          ...options,
          onSettled: (position, result) => {
            const index = inStage[position] as number;
            results[index] = result;
            options.onSettled?.(index, result);
          },
        },
      );
    }
  }

  await Promise.all([...lanes.values()].map(runLane));
  return results;
}
