import { describe, expect, it } from 'vitest';
import { tokenExpiryMs } from './jwt';

function token(claims: unknown): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('tokenExpiryMs', () => {
  it('reads exp in seconds as milliseconds without checking the signature', () => {
    expect(tokenExpiryMs(token({ login: 1, exp: 1_769_000_000 }))).toBe(1_769_000_000_000);
  });

  it('gives null for a token without a readable exp', () => {
    expect(tokenExpiryMs(token({ login: 1 }))).toBeNull();
    expect(tokenExpiryMs(token({ exp: '1769000000' }))).toBeNull();
    expect(tokenExpiryMs('opaque-session-token')).toBeNull();
    expect(tokenExpiryMs('a.%%%.c')).toBeNull();
  });
});
