import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { createExnessAdapter } from './adapter';
import { readPlatformToken } from './token';

function jwt(payload: unknown, header: unknown = { alg: 'HS256', typ: 'JWT' }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.c2lnbmF0dXJl`;
}

function refusal(secret: string): AppError {
  try {
    readPlatformToken(secret);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('the token was accepted');
}

describe('readPlatformToken', () => {
  it('reads the user, e-mail and expiry from the payload without verifying the signature', () => {
    const token = jwt({ userId: 'u-1', email: 'maya@example.com', exp: 1_900_000_000 });
    expect(readPlatformToken(token)).toEqual({
      bearer: token,
      userId: 'u-1',
      email: 'maya@example.com',
      expiresAt: new Date(1_900_000_000_000),
      expiryUnread: null,
    });
  });

  it('accepts a numeric userId, and the registered sub where there is no userId, saying when there is no expiry', () => {
    expect(readPlatformToken(jwt({ userId: 42 }))).toMatchObject({ userId: '42', email: null, expiresAt: null, expiryUnread: 'the token carries no expiry (no exp claim)' });
    expect(readPlatformToken(jwt({ sub: 'u-7', exp: 1_900_000_000 }))).toMatchObject({ userId: 'u-7', expiryUnread: null });
  });

  it('accepts a JWT naming no user and a token that is no JWT at all, saying the expiry cannot be read', () => {
    expect(readPlatformToken(jwt({ scope: 'trade' }))).toMatchObject({ userId: null, expiryUnread: 'the token carries no expiry (no exp claim)' });
    expect(readPlatformToken('xs_9fJ2kLq0ZpR4')).toEqual({
      bearer: 'xs_9fJ2kLq0ZpR4', userId: null, email: null, expiresAt: null, expiryUnread: 'the token is not a JWT whose payload Closeout can read',
    });
  });

  it('drops a pasted "Bearer " prefix and surrounding spaces', () => {
    const token = jwt({ userId: 'u-1', email: 'a@example.com' });
    expect(readPlatformToken(`  Bearer ${token}\n`).bearer).toBe(token);
  });

  it('refuses only what cannot be a bearer token, as a validation error on the secret, without repeating it', () => {
    const secret = 'my api key 1234567890';
    const error = refusal(secret);
    expect(error.code).toBe('validation');
    expect(error.field).toBe('secret');
    expect(error.outcome).toBe('not_sent');
    expect(error.message).toBe('secret must be the platform\'s token: letters, digits and - . _ ~ + / only, without spaces');
    expect(`${JSON.stringify(error.toShape())} ${error.message}`).not.toContain(secret);
    expect(refusal('Bearer   ').message).toBe('secret must be the token the platform issued');
  });
});

describe('createExnessAdapter', () => {
  it('refuses a secret that cannot be a bearer token when the adapter is created, before any request', () => {
    expect(() => createExnessAdapter({ baseUrl: 'http://127.0.0.1:1', credentials: { secret: 'plain api key' } })).toThrow(
      expect.objectContaining({ code: 'validation', field: 'secret' }),
    );
  });
});
