import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * What the platform puts in a user's token: the reference code's userId and email, or the registered `sub` claim of a
 * deployment that issues standard JWTs.
 */
export interface TokenClaims {
  userId?: string;
  sub?: string;
  email?: string;
  /** Unix seconds. */
  iat?: number;
  exp?: number;
}

/** The user a verified token names: userId where the reference code puts it, else the registered `sub`. */
export function tokenUser(claims: TokenClaims): string | null {
  return claims.userId ?? claims.sub ?? null;
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function signature(signingInput: string, key: string): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

export function generateSigningKey(): string {
  return randomBytes(32).toString('hex');
}

/** An HS256 JWT like the platform's sign-in link hands out. */
export function signToken(claims: TokenClaims, key: string): string {
  const signingInput = `${HEADER}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${signature(signingInput, key).toString('base64url')}`;
}

/** The claims of a token this key signed, or null for anything forged, malformed, of another algorithm, or expired. */
export function verifyToken(token: string, key: string, nowSeconds: number): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, sent] = parts as [string, string, string];
  const expected = signature(`${header}.${payload}`, key);
  const given = Buffer.from(sent, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const alg = (readJson(header) as { alg?: unknown } | null)?.alg;
  if (alg !== 'HS256') return null;
  const claims = readJson(payload) as Record<string, unknown> | null;
  if (claims === null) return null;
  const user = typeof claims.userId === 'string' ? claims.userId : typeof claims.sub === 'string' ? claims.sub : null;
  if (user === null || (claims.email !== undefined && typeof claims.email !== 'string')) return null;
  if (typeof claims.exp === 'number' && claims.exp <= nowSeconds) return null;
  return claims;
}

function readJson(part: string): unknown {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}
