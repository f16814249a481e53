import type { ActionState, CloseAllItem } from '../../shared/actions';
import type { Position } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { BrokerActionResult, BrokerAdapter } from './brokers/broker';

export interface TicketByTicketOptions {
  /** Closes in flight at once: enough to hide latency, few enough to stay polite to the broker. */
  concurrency?: number;
  /** How many times one ticket may be turned away by a rate limit before it is reported as refused. */
  maxRateLimitWaits?: number;
  /** Wait when a 429 names no reset time; doubles on each further 429. */
  baseBackoffMs?: number;
  onSettled?: (done: number, total: number) => void;
  /** Each ticket the broker took, with its answer: the order to follow to its fill. */
  onClosed?: (position: Position, result: BrokerActionResult) => void;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = { concurrency: 4, maxRateLimitWaits: 8, baseBackoffMs: 250 };

/**
 * Close all for brokers with no bulk endpoint: one close per ticket with bounded concurrency. A 429 means the broker
 * did not act, so that ticket waits (all workers pause together) and goes again; any other failure is final for its
 * ticket, and an unknown outcome is never resent.
 */
export async function closeTicketByTicket(
  adapter: BrokerAdapter,
  accountId: string,
  positions: Position[],
  options: TicketByTicketOptions = {},
): Promise<CloseAllItem[]> {
  const { concurrency, maxRateLimitWaits, baseBackoffMs } = { ...DEFAULTS, ...options };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const items = new Array<CloseAllItem>(positions.length);
  let next = 0;
  let settled = 0;
  let pausedUntil = 0;
  let consecutiveLimits = 0;

  async function waitForPause(): Promise<void> {
    for (let wait = pausedUntil - Date.now(); wait > 0; wait = pausedUntil - Date.now()) await sleep(wait);
  }

  async function closeOne(position: Position): Promise<CloseAllItem> {
    for (let waits = 0; ; waits += 1) {
      await waitForPause();
      try {
        const result = await adapter.closePosition(accountId, position, { kind: 'all' });
        consecutiveLimits = 0;
        options.onClosed?.(position, result);
        const state: ActionState = result.order?.status === 'filled' ? 'filled' : 'accepted';
        return item(position, state, result.message, { orderId: result.order?.id ?? null });
      } catch (error) {
        const failure = error instanceof AppError ? error : new AppError({ code: 'internal', message: 'Unexpected error while closing.' });
        if (failure.code === 'rate_limited' && waits < maxRateLimitWaits) {
          consecutiveLimits += 1;
          const backoff = failure.retryAfterMs ?? baseBackoffMs * 2 ** Math.min(consecutiveLimits - 1, 6);
          pausedUntil = Math.max(pausedUntil, Date.now() + backoff);
          continue;
        }
        const state: ActionState = failure.outcome === 'unknown' ? 'unknown' : 'rejected';
        return item(position, state, failure.message, {
          httpStatus: failure.httpStatus ?? null,
          brokerCode: failure.brokerCode ?? null,
        });
      }
    }
  }

  async function worker(): Promise<void> {
    while (next < positions.length) {
      const index = next;
      next += 1;
      items[index] = await closeOne(positions[index]!);
      settled += 1;
      options.onSettled?.(settled, positions.length);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, positions.length) }, worker));
  return items;
}

function item(
  position: Position,
  state: ActionState,
  message: string,
  extra: { orderId?: string | null; httpStatus?: number | null; brokerCode?: string | null },
): CloseAllItem {
  return {
    symbol: position.symbol,
    positionId: position.id,
    state,
    httpStatus: extra.httpStatus ?? null,
    orderId: extra.orderId ?? null,
    message,
    brokerCode: extra.brokerCode ?? null,
  };
}
