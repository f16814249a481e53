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
  if (tokens.length === 0) return true;
  const fields = searchableText(account);
  return tokens.every((token) => fields.some((field) => field.includes(token)));
}

/** The first index in `sorted` (oldest first) whose created_at is after `time`, or at or after it when `inclusive`. */
function firstAfter(sorted: readonly AlpacaAccount[], time: number, inclusive: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const created = Date.parse((sorted[middle] as AlpacaAccount).created_at);
    if (created > time || (inclusive && created === time)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * GET /v1/accounts: query, status, created_after, created_before and sort, ordered by created_at (newest first unless
 * sort=asc, as the reference defaults to desc), at most 1000. `sorted` is every account oldest first; the window the
 * two dates leave is found by bisection and read only until a page is full, so paging 100,000 accounts stays quick.
 */
export function searchAccounts(sorted: readonly AlpacaAccount[], params: URLSearchParams): Outcome<AlpacaAccount[]> {
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
  const low = after.value === null ? 0 : firstAfter(sorted, after.value, false);
  const high = before.value === null ? sorted.length : firstAfter(sorted, before.value, true);
  const wanted = (account: AlpacaAccount): boolean =>
    (statuses === undefined || statuses.length === 0 || statuses.includes(account.status)) && matchesQuery(account, query);
  const found: AlpacaAccount[] = [];
  const step = sort === 'asc' ? 1 : -1;
  for (let index = sort === 'asc' ? low : high - 1; index >= low && index < high && found.length < MAX_ACCOUNTS; index += step) {
    const account = sorted[index] as AlpacaAccount;
    if (wanted(account)) found.push(structuredClone(account));
  }
  return succeed(found);
}
