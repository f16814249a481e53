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
      jwt: token,
      userId: 'u-1',
      email: 'maya@example.com',
      expiresAt: new Date(1_900_000_000_000),
    });
  });

  it('accepts a numeric userId, no e-mail and no expiry', () => {
    expect(readPlatformToken(jwt({ userId: 42 }))).toMatchObject({ userId: '42', email: null, expiresAt: null });
  });

  it('drops a pasted "Bearer " prefix and surrounding spaces', () => {
    const token = jwt({ userId: 'u-1', email: 'a@example.com' });
    expect(readPlatformToken(`  Bearer ${token}\n`).jwt).toBe(token);
  });

  it('refuses text that is not a JWT as a validation error on the secret, without repeating it', () => {
    const secret = 'my-api-key-1234567890';
    const error = refusal(secret);
    expect(error.code).toBe('validation');
    expect(error.field).toBe('secret');
    expect(error.outcome).toBe('not_sent');
    expect(error.message).toBe('secret must be the platform\'s token: a JWT of three base64url parts separated by dots');
    expect(`${JSON.stringify(error.toShape())} ${error.message}`).not.toContain(secret);
  });

  it('says when the payload is not JSON, and when it names no user', () => {
    expect(refusal('aGVhZGVy.bm90IGpzb24.c2ln').message).toBe('secret is not a readable JWT: its middle part is not base64url-encoded JSON');
    const noUser = jwt({ sub: 'u-1', email: 'a@example.com' });
    const error = refusal(noUser);
    expect(error.message).toBe('secret is a JWT without a userId in its payload, so it is not the platform\'s sign-in token');
    expect(error.message).not.toContain(noUser);
  });
});

describe('createExnessAdapter', () => {
  it('refuses a secret that is not the platform\'s JWT when the adapter is created, before any request', () => {
    expect(() => createExnessAdapter({ baseUrl: 'http://127.0.0.1:1', credentials: { secret: 'plain-api-key' } })).toThrow(
      expect.objectContaining({ code: 'validation', field: 'secret' }),
    );
  });
});
