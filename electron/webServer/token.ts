import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh token for one run of the server: 256 random bits, URL-safe so it fits in the address as it is. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares in constant time. Both sides are hashed first so the comparison takes the same time whatever the given
 * token's length, which timingSafeEqual alone would reveal by refusing unequal lengths at once.
 */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token of an `Authorization: Bearer TOKEN` header, or undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '');
  return match?.[1];
}
