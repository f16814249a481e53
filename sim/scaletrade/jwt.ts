import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SessionType } from './types';

/** What a ScaleTrade token carries: the login, the session type and the expiry (Unix seconds), as the platform's does. */
export interface SessionClaims {
  login: number;
  type: SessionType;
  iat: number;
  exp: number;
}

export type TokenCheck = { ok: true; claims: SessionClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
const SESSION_TYPES: ReadonlySet<string> = new Set(['client', 'manager', 'readonly']);

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

export function newSigningKey(): Buffer {
  return randomBytes(32);
}

function signature(key: Buffer, signedPart: string): Buffer {
  return createHmac('sha256', key).update(signedPart).digest();
}

export function signToken(key: Buffer, claims: SessionClaims): string {
  const signedPart = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${signedPart}.${signature(key, signedPart).toString('base64url')}`;
}

/** Checks the HS256 signature in constant time, then the expiry against the simulator's clock (milliseconds). */
export function verifyToken(key: Buffer, token: string, nowMs: number): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
  const [header, payload, sent] = parts as [string, string, string];
  const expected = signature(key, `${header}.${payload}`);
  const given = Buffer.from(sent, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  const claims = readClaims(payload);
  if (claims === null) return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function readClaims(payload: string): SessionClaims | null {
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SessionClaims>;
    const { login, type, iat, exp } = value;
    if (!Number.isInteger(login) || typeof type !== 'string' || !SESSION_TYPES.has(type) || !Number.isInteger(iat) || !Number.isInteger(exp)) {
      return null;
    }
    return { login, type, iat, exp } as SessionClaims;
  } catch {
    return null;
  }
}
