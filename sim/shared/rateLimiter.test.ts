import { describe, expect, it } from 'vitest';
import { createRateLimiter, rateLimitHeaders } from './rateLimiter';

describe('createRateLimiter', () => {
  it('allows `limit` calls per window per key, then refuses until the window ends', () => {
    let now = 10_000;
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000, now: () => now });
    expect(limiter.take('a')).toEqual({ allowed: true, limit: 2, remaining: 1, resetAt: 11 });
    expect(limiter.take('a').remaining).toBe(0);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
    now += 1000;
    expect(limiter.take('a')).toEqual({ allowed: true, limit: 2, remaining: 1, resetAt: 12 });
  });

  it('tells to the millisecond how long until the window ends', () => {
    let now = 10_250;
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, now: () => now });
    expect(limiter.msUntilReset('a')).toBe(0);
    limiter.take('a');
    now += 400;
    expect(limiter.msUntilReset('a')).toBe(600);
    now += 700;
    expect(limiter.msUntilReset('a')).toBe(0);
  });

  it('starts over after reset()', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    limiter.take('a');
    limiter.reset();
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('renders the x-ratelimit headers as strings', () => {
    expect(rateLimitHeaders({ allowed: true, limit: 5, remaining: 4, resetAt: 99 })).toEqual({
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '4',
      'x-ratelimit-reset': '99',
    });
  });
});
