import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let result = '';
  for (const byte of bytes) result += alphabet[byte % alphabet.length];
  return result;
}

/** Broker API key ids look like "CK" followed by 18 capitals and digits; secrets are 40 letters and digits. */
export function generateKeyId(): string {
  return `CK${randomText(18, UPPER_ALNUM)}`;
}

export function generateSecret(): string {
  return randomText(40, ALNUM);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Checks `Authorization: Basic base64(key_id:secret)` in constant time. */
export function basicAuthMatches(header: string | undefined, keyId: string, secret: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match === null) return false;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  return timingSafeEqual(digest(decoded), digest(`${keyId}:${secret}`));
}
