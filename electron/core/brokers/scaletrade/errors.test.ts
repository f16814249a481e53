import { describe, expect, it } from 'vitest';
import { rateLimitReset } from './errors';

const NOW = Date.UTC(2026, 0, 26, 12, 0, 0);

describe('rateLimitReset', () => {
  it('prefers retry-after-ms, then retry-after in seconds or as a date, then x-ratelimit-reset', () => {
    expect(rateLimitReset({ 'retry-after-ms': '250', 'retry-after': '1' }, NOW)?.getTime()).toBe(NOW + 250);
    expect(rateLimitReset({ 'retry-after': '3' }, NOW)?.getTime()).toBe(NOW + 3000);
    expect(rateLimitReset({ 'retry-after': 'Mon, 26 Jan 2026 12:00:30 GMT' }, NOW)?.getTime()).toBe(NOW + 30_000);
    expect(rateLimitReset({ 'x-ratelimit-reset': String(NOW / 1000 + 9) }, NOW)?.getTime()).toBe(NOW + 9000);
  });

  it('gives null when no header says when', () => {
    expect(rateLimitReset({}, NOW)).toBeNull();
    expect(rateLimitReset({ 'retry-after': 'soon' }, NOW)).toBeNull();
  });
});
