import { fail, succeed, unprocessable } from './errors';
import type { Outcome } from './errors';
import { parseTimeParam } from './queryParams';
import { ACCOUNT_STATUSES } from './types';
import type { AlpacaAccount } from './types';

const MAX_ACCOUNTS = 1000;

function searchableText(account: AlpacaAccount): string[] {
  return [
    account.id,
    account.account_number,
    account.identity.given_name,
    account.identity.family_name,
    account.contact.email_address,
    account.contact.phone_number,
  ].map((field) => field.toLowerCase());
}

/** Alpaca's `query`: every space-separated token must appear (case-insensitively) in one of the account's fields. */
export function matchesQuery(account: AlpacaAccount, query: string): boolean {
  const tokens = query.toLowerCase().split(/\s+/).filter((token) => token !== '');
  const fields = searchableText(account);
  return tokens.every((token) => fields.some((field) => field.includes(token)));
}


/**
 * GET /v1/accounts: query, status, created_after, created_before and sort, ordered by created_at (newest first unless
 * sort=asc, as the reference defaults to desc), at most 1000.
 */
export function searchAccounts(accounts: readonly AlpacaAccount[], params: URLSearchParams): Outcome<AlpacaAccount[]> {
  const statuses = params.get('status')?.split(',').map((status) => status.trim().toUpperCase()).filter((status) => status !== '');
  const unknown = statuses?.find((status) => !(ACCOUNT_STATUSES as readonly string[]).includes(status));
  if (unknown !== undefined) return fail(unprocessable(`status ${unknown} is not an account status`));
  const after = parseTimeParam('created_after', params.get('created_after'));
  if (!after.ok) return after;
  const before = parseTimeParam('created_before', params.get('created_before'));
  if (!before.ok) return before;
  const sort = params.get('sort') ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') return fail(unprocessable('sort must be asc or desc'));
  const query = params.get('query') ?? '';
  const found = accounts.filter((account) => {
    const created = Date.parse(account.created_at);
    return (
      (statuses === undefined || statuses.length === 0 || statuses.includes(account.status)) &&
      (after.value === null || created > after.value) &&
      (before.value === null || created < before.value) &&
      matchesQuery(account, query)
    );
  });
  found.sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  if (sort === 'desc') found.reverse();
  return succeed(found.slice(0, MAX_ACCOUNTS));
}
