import { describe, expect, it } from 'vitest';
import { bearerToken, createToken, tokenMatches } from './token';

describe('the web server token', () => {
  it('is fresh each time and URL-safe', () => {
    const tokens = new Set(Array.from({ length: 50 }, createToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('matches only itself: not a prefix, a longer text, another token or nothing', () => {
    const token = createToken();
    expect(tokenMatches(token, token)).toBe(true);
    for (const other of [token.slice(0, -1), `${token}x`, createToken(), '', undefined]) expect(tokenMatches(other, token)).toBe(false);
  });

  it('is read from a Bearer Authorization header only', () => {
    expect(bearerToken('Bearer abc_-1')).toBe('abc_-1');
    for (const header of [undefined, '', 'bearer abc', 'Basic abc', 'Bearer abc def', 'Bearer ']) expect(bearerToken(header)).toBeUndefined();
  });
});
