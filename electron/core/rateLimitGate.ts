import { AppError } from '../../shared/errors';

// Many requests of one job, sent from many places at once (a wind-down's accounts run side by side), share one broker
// rate limit. The gate is what they share: a 429 pauses every sender, and what it turned away goes again.

export interface RateLimitGateOptions {
  /** How many 429s one request may meet before its error is passed on. */
  maxWaits?: number;
  /** Wait after a 429 that names no reset time; doubles on each further 429 in a row. */
  baseBackoffMs?: number;
  /** Between two probes of a window that may have ended. */
  probeIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateLimitGate {
  /**
   * Sends once the gate is open. A 429 that is an answer (the broker did not act) is waited out and the same request
   * sent again; a 429 whose outcome is unknown, and every other error, is passed on and never sent again.
   */
  send<R>(request: () => Promise<R>): Promise<R>;
}

const DEFAULTS = { maxWaits: 64, baseBackoffMs: 250, probeIntervalMs: 50 };
/**
 * Brokers give the reset in whole seconds (Alpaca's x-ratelimit-reset, Retry-After), rounded up: the window may end up to
 * a second before the time they name. Waiting for the named time can idle through most of a short window.
 */
const RESET_RESOLUTION_MS = 1000;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function turnedAwayByRateLimit(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'rate_limited' && error.outcome !== 'unknown';
}

/**
 * After a 429 every sender waits until about a second before the reset the broker named; from then one request at a
 * time probes the window, and once one is let through the rest follow. So the run neither idles past the window's end
 * nor floods the broker with requests it will refuse.
 */
export function createRateLimitGate(options: RateLimitGateOptions = {}): RateLimitGate {
  const { maxWaits, baseBackoffMs, probeIntervalMs } = { ...DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  let pausedUntil = 0;
  let probing = false;
  let probe: Promise<void> | null = null;
  let limitsInARow = 0;

  /** Waits for the gate; the probe gets back the function that lets the others go once its answer is in. */
  async function turn(): Promise<(() => void) | null> {
    for (;;) {
      const wait = pausedUntil - now();
      if (wait > 0) await sleep(wait);
      else if (probe) await probe;
      else if (!probing) return null;
      else {
        let answered = () => {};
        probe = new Promise<void>((resolve) => (answered = resolve));
        return () => {
          probe = null;
          answered();
        };
      }
    }
  }

  function limited(error: AppError, byProbe: boolean): void {
    probing = true;
    limitsInARow += 1;
    const at = now();
    const until =
      error.retryAfterMs === undefined
        ? at + baseBackoffMs * 2 ** Math.min(limitsInARow - 1, 6)
        : byProbe
          ? at + Math.min(probeIntervalMs, error.retryAfterMs)
          : at + Math.max(0, error.retryAfterMs - RESET_RESOLUTION_MS);
    pausedUntil = Math.max(pausedUntil, until);
  }

  return {
    async send(request) {
      for (let waits = 0; ; waits += 1) {
        const release = await turn();
        try {
          const value = await request();
          probing = false;
          limitsInARow = 0;
          return value;
        } catch (error) {
          if (!turnedAwayByRateLimit(error) || waits >= maxWaits) throw error;
          limited(error, release !== null);
        } finally {
          release?.();
        }
      }
    },
  };
}
