import { jwtPayload } from '../jwtPayload';

/**
 * The expiry a JWT claims, in milliseconds, read without verifying the signature: Closeout only uses it to sign in
 * again before the token lapses, the broker still judges the token. Null when the token carries no readable `exp`.
 */
export function tokenExpiryMs(token: string): number | null {
  const claims = jwtPayload(token);
  if (typeof claims !== 'object' || claims === null) return null;
  const exp = (claims as { exp?: unknown }).exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
}
