/** Fixed-window limiter per key, with the numbers a broker puts in its x-ratelimit-* headers. */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds at which the window resets. */
  resetAt: number;
}

export interface RateLimiter {
  take(key: string): RateDecision;
  /** Milliseconds until the key's current window ends (0 when none is open): resetAt rounds up to whole seconds. */
  msUntilReset(key: string): number;
  reset(): void;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { startedAt: number; used: number }>();
  return {
    take(key) {
      const at = now();
      let window = windows.get(key);
      if (window === undefined || at - window.startedAt >= options.windowMs) {
        window = { startedAt: at, used: 0 };
        windows.set(key, window);
      }
      const allowed = window.used < options.limit;
      if (allowed) window.used += 1;
      return {
        allowed,
        limit: options.limit,
        remaining: Math.max(0, options.limit - window.used),
        resetAt: Math.ceil((window.startedAt + options.windowMs) / 1000),
      };
    },
    msUntilReset(key) {
      const window = windows.get(key);
      return window === undefined ? 0 : Math.max(0, window.startedAt + options.windowMs - now());
    },
    reset() {
      windows.clear();
    },
  };
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(decision.resetAt),
  };
}
