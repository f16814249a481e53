import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, tokenUser, verifyToken } from './jwt';

const KEY = 'test-signing-key';
const NOW = 1_800_000_000;
const claims = { userId: 'user-1', email: 'a@example.com', iat: NOW - 10 };

function part(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('signToken and verifyToken', () => {
  it('round-trips the claims of a token signed with the same key', () => {
    const token = signToken(claims, KEY);
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString())).toEqual(claims);
    expect(verifyToken(token, KEY, NOW)).toEqual(claims);
  });

  it('refuses a token signed with another key or with an edited payload', () => {
    expect(verifyToken(signToken(claims, 'other-key'), KEY, NOW)).toBeNull();
    const [header, , signature] = signToken(claims, KEY).split('.');
    expect(verifyToken(`${header}.${part({ ...claims, userId: 'user-2' })}.${signature}`, KEY, NOW)).toBeNull();
  });

  it('refuses an unsigned token and one signed with another algorithm', () => {
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
    expect(verifyToken(unsigned, KEY, NOW)).toBeNull();
    const input = `${part({ alg: 'HS512', typ: 'JWT' })}.${part(claims)}`;
    const signature = createHmac('sha256', KEY).update(input).digest('base64url');
    expect(verifyToken(`${input}.${signature}`, KEY, NOW)).toBeNull();
  });

  it('refuses an expired token and accepts one that is still valid', () => {
    expect(verifyToken(signToken({ ...claims, exp: NOW }, KEY), KEY, NOW)).toBeNull();
    expect(verifyToken(signToken({ ...claims, exp: NOW + 1 }, KEY), KEY, NOW)?.userId).toBe('user-1');
  });

  it('names the user by userId, or by the registered sub claim of a standard JWT, with no e-mail needed', () => {
    const standard = verifyToken(signToken({ sub: 'user-9', iat: NOW }, KEY), KEY, NOW);
    expect(standard === null ? null : tokenUser(standard)).toBe('user-9');
    expect(tokenUser(claims)).toBe('user-1');
  });

  it('refuses text that is not a JWT and a payload without a user', () => {
    expect(verifyToken('not-a-token', KEY, NOW)).toBeNull();
    expect(verifyToken(signToken({ email: 'a@example.com' }, KEY), KEY, NOW)).toBeNull();
  });
});
