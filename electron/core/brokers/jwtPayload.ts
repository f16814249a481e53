const BASE64URL_PART = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * A JWT's payload when the token is one (three base64url parts) and its middle part is JSON; null for any other token.
 * Read without verifying the signature: the broker judges the token, Closeout only reads what it claims.
 */
export function jwtPayload(token: string): unknown {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL_PART.test(part))) return null;
  try {
    return JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
