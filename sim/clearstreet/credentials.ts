import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The accounts one API key may act on; 'all' follows the simulator's accounts, including ones added later. */
export type AccountGrant = readonly number[] | 'all';

export interface ApiKeyGrant {
  apiKey: string;
  accountIds: AccountGrant;
}

/** A random key in the style of a long-lived API token: 48 URL-safe characters. */
export function generateApiKey(): string {
  return `cs_sim_${randomBytes(30).toString('base64url')}`;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match === null ? null : (match[1] as string);
}

/** Looks keys up in constant time per key, so a wrong key cannot be guessed by timing. */
export class KeyRing {
  private readonly grants: ApiKeyGrant[];

  constructor(grants: readonly ApiKeyGrant[]) {
    this.grants = grants.map((grant) => ({ apiKey: grant.apiKey, accountIds: grant.accountIds === 'all' ? 'all' : [...grant.accountIds] }));
  }

  /** The grant for the Authorization header, or null when it carries no known key. */
  grantFor(header: string | undefined): ApiKeyGrant | null {
    const token = bearerToken(header);
    if (token === null) return null;
    const presented = digest(token);
    let found: ApiKeyGrant | null = null;
    for (const grant of this.grants) if (timingSafeEqual(presented, digest(grant.apiKey))) found = grant;
    return found;
  }
}

export function mayTouch(grant: ApiKeyGrant, accountId: number): boolean {
  return grant.accountIds === 'all' || grant.accountIds.includes(accountId);
}
