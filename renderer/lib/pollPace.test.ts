import { describe, expect, it } from 'vitest';
import { FOCUSED_POLL_MS, OTHER_POLL_MS, pollInterval } from './pollPace';

describe('pollInterval', () => {
  it('polls the account on screen every five seconds, as before', () => {
    expect(pollInterval({ focused: true, visible: true })).toBe(FOCUSED_POLL_MS);
    expect(FOCUSED_POLL_MS).toBe(5_000);
  });

  it('polls an account that is not on screen far less often', () => {
    expect(pollInterval({ focused: false, visible: true })).toBe(OTHER_POLL_MS);
    expect(OTHER_POLL_MS).toBeGreaterThanOrEqual(FOCUSED_POLL_MS * 10);
  });

  it('polls nothing while the window is hidden, focused or not', () => {
    expect(pollInterval({ focused: true, visible: false })).toBe(false);
    expect(pollInterval({ focused: false, visible: false })).toBe(false);
  });
});
