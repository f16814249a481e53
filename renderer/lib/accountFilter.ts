import type { Account } from '../../shared/domain';

// Each account's searchable text, lower-cased once: a keystroke in a 100,000-account picker then costs one substring
// test per account and word, well inside a frame.
const searchText = new WeakMap<Account, string>();

function textOf(account: Account): string {
  let text = searchText.get(account);
  if (text === undefined) {
    text = `${account.number}\n${account.name}\n${account.id}`.toLowerCase();
    searchText.set(account, text);
  }
  return text;
}

/** The accounts whose number, holder name or id hold every word typed, case-insensitively, in the order given. */
export function filterAccounts(accounts: readonly Account[], typed: string): readonly Account[] {
  const words = typed.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return accounts;
  const found: Account[] = [];
  for (const account of accounts) {
    const text = textOf(account);
    if (words.every((word) => text.includes(word))) found.push(account);
  }
  return found;
}

/**
 * The local matches, then what the broker's own search found that they lack: it also searches e-mail and phone, and
 * reaches accounts the list has not loaded yet.
 */
export function withBrokerMatches(local: readonly Account[], broker: readonly Account[] | undefined): readonly Account[] {
  if (broker === undefined || broker.length === 0) return local;
  const seen = new Set(local.map((account) => account.id));
  const extra = broker.filter((account) => !seen.has(account.id));
  return extra.length === 0 ? local : [...local, ...extra];
}
