import type { ConnectionProfile } from '../connections/profile';

// What a lease or an intent is about: the broker-side target, not the connection's display name. Two connections
// to the same broker and account (renamed, added twice, or with two API keys) are the same target. The key id or
// login is left out on purpose: two keys that reach one account must still keep off each other.

// Not NUL: SQLite's length() and substr() stop at the first NUL in a string.
const SEPARATOR = '\u001f';

/** The broker and its address in one canonical form: scheme and host lower-cased, default port and trailing slash dropped. */
export function brokerIdentity(profile: Pick<ConnectionProfile, 'broker' | 'baseUrl'>): string {
  const url = new URL(profile.baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  return `${profile.broker}:${url.protocol}//${url.host.toLowerCase()}${path}`;
}

const join = (...parts: string[]) => `${parts.join(SEPARATOR)}${SEPARATOR}`;

/** Keys nest: an account's key is a prefix of the keys of its positions and orders. */
export const leaseKey = {
  account: (identity: string, accountId: string) => join(identity, 'account', accountId),
  position: (identity: string, accountId: string, positionId: string) => join(identity, 'account', accountId, 'position', positionId),
  order: (identity: string, accountId: string, orderId: string) => join(identity, 'account', accountId, 'order', orderId),
  /** The account's cash, which a sweep moves out: inside the account, so no sweep runs beside a close of the account. */
  cash: (identity: string, accountId: string) => join(identity, 'account', accountId, 'cash'),
  windDownRun: (runId: string) => join('closeout-run', runId),
  /**
   * A flatten of an account, held for its whole run: outside the account's own keys, so the run's closes and cancels
   * still take theirs, while a second flatten of the account, in any process, is refused.
   */
  flatten: (identity: string, accountId: string) => join('closeout-flatten', identity, accountId),
};
