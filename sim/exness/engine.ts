import type { TimerSet } from '../shared/timers';

/**
 * The platform's API hands each close and create to a trading engine over a stream and waits for its reply. Tests
 * change these at run time: an engine slower than the API's wait makes the API give up while the engine still acts.
 */
export interface EngineKnobs {
  /** How long the engine takes to act on a request. */
  delayMs: number;
  /** How long POST /trade/close waits for the engine before answering 500 (the platform's 5 s). */
  closeTimeoutMs: number;
  /** How long POST /trade/create waits before answering 408 (the platform's 3 s). */
  createTimeoutMs: number;
}

export type EngineResult<T> = { kind: 'done'; value: T } | { kind: 'timeout' };

/** Runs `job` after the engine's delay; when that is longer than the wait, answers timeout and lets the job run later. */
export async function throughEngine<T>(timers: TimerSet, delayMs: number, timeoutMs: number, job: () => T): Promise<EngineResult<T>> {
  if (delayMs <= timeoutMs) {
    await timers.delay(delayMs);
    return { kind: 'done', value: job() };
  }
  timers.schedule(job, delayMs);
  await timers.delay(timeoutMs);
  return { kind: 'timeout' };
}
