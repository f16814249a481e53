import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createRateLimitGate } from './rateLimitGate';

/** A clock only the gate's sleeps move, so the test says when the broker's window opens without waiting for it. */
function fakeClock() {
  let at = 10_000;
  return { now: () => at, sleep: async (ms: number) => void (at += ms), at: () => at };
}

const limited = (retryAfterMs?: number, outcome: 'rejected' | 'unknown' = 'rejected') =>
  new AppError({ code: 'rate_limited', outcome, message: 'slow down', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

describe('the rate-limit gate', () => {
  it('sends a request a 429 turned away again once the window may have ended, a second before the named reset', async () => {
    const clock = fakeClock();
    const gate = createRateLimitGate(clock);
    const sentAt: number[] = [];
    const answer = await gate.send(async () => {
      sentAt.push(clock.at());
      if (sentAt.length === 1) throw limited(1800);
      return 'ok';
    });
    expect(answer).toBe('ok');
    expect(sentAt).toEqual([10_000, 10_800]);
  });

  it('probes a window that is still spent one request at a time, and lets the others go once one is through', async () => {
    const clock = fakeClock();
    const gate = createRateLimitGate({ ...clock, probeIntervalMs: 50 });
    let open = false;
    let inFlight = 0;
    let most = 0;
    const sends: number[] = [];
    const request = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      sends.push(clock.at());
      await Promise.resolve();
      inFlight -= 1;
      if (!open) {
        if (clock.at() >= 10_900) open = true;
        else throw limited(1000);
      }
      return clock.at();
    };
    const results = await Promise.all([gate.send(request), gate.send(request), gate.send(request)]);
    expect(results.every((at) => at >= 10_900)).toBe(true);
    // Three first tries at once, then probes alone until one is let through, then the other two together.
    expect(most).toBe(3);
    const probes = sends.slice(3, -2);
    expect(probes.length).toBeGreaterThan(0);
    expect(new Set(probes).size).toBe(probes.length);
  });

  it('passes on a 429 whose outcome is unknown, and every other error, without sending again', async () => {
    const gate = createRateLimitGate(fakeClock());
    let sends = 0;
    await expect(gate.send(async () => { sends += 1; throw limited(100, 'unknown'); })).rejects.toMatchObject({ code: 'rate_limited', outcome: 'unknown' });
    await expect(gate.send(async () => { sends += 1; throw new AppError({ code: 'outcome_unknown', outcome: 'unknown', message: 'no answer' }); })).rejects.toMatchObject({ code: 'outcome_unknown' });
    expect(sends).toBe(2);
  });

  it('gives up after as many 429s as it was told to wait out, passing on the last', async () => {
    const gate = createRateLimitGate({ ...fakeClock(), maxWaits: 3 });
    let sends = 0;
    await expect(gate.send(async () => { sends += 1; throw limited(); })).rejects.toMatchObject({ code: 'rate_limited' });
    expect(sends).toBe(4);
  });
});
