import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A fresh 16-character password per start, like a broker's generated demo account password. */
export function generatePassword(): string {
  let password = '';
  for (const byte of randomBytes(16)) password += ALNUM[byte % ALNUM.length];
  return password;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function passwordMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
