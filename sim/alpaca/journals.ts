import { d, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { accountNotFound, fail, notFound, succeed, unprocessable } from './errors';
import type { Failure, Outcome } from './errors';
import { transferableCash } from './settlement';
import type { AccountBook } from './accountBook';
import { JOURNAL_STATUSES } from './types';
import type { AlpacaJournal, JournalEndOfDay, SimJournal } from './types';

/** A dollar amount as Alpaca takes it: positive, at most two decimals. */
const AMOUNT = /^\d+(\.\d{1,2})?$/;
const MAX_DESCRIPTION = 1024;
// The sandbox's fixture rules: a description may ask for a journal that is rejected at the end of the day, or that
// stays pending for ever ("/fixtures/status=rejected/fixtures/").
const FIXTURE = /\/fixtures\/status=(rejected|pending)\/fixtures\//;

const badRequest = (message: string): Failure => ({ status: 400, body: { code: 40010000, message } });
const notAvailable = (message: string): Failure => ({ status: 403, body: { code: 40310000, message } });

/** Cash promised to journals that have not executed yet: it is still in the account, but may not leave twice. */
export function pendingOut(journals: readonly SimJournal[], accountId: string): SimDecimal {
  return journals
    .filter(({ journal }) => journal.from_account === accountId && (journal.status === 'pending' || journal.status === 'queued'))
    .reduce((sum, { journal }) => sum.plus(d(journal.net_amount)), d(0));
}

/** The part of the simulator's state that journals read and change; the state passes itself. */
export interface JournalLedger {
  readonly journals: SimJournal[];
  readonly newId: () => string;
  readonly now: () => string;
  bookOf(accountId: string): AccountBook | undefined;
  businessDate(): string;
}

/**
 * POST /v1/journals for cash (JNLC). Below the limit it executes at once; above it, or with a fixture, it waits for
 * the end of the simulated day (POST /sim/v1/clock/advance). The amount must be settled, unpromised cash.
 */
export function createJournal(state: JournalLedger, body: unknown, limit: SimDecimal): Outcome<AlpacaJournal> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(badRequest('request body must be a JSON object'));
  const request = body as Record<string, unknown>;
  const field = (name: string): string | undefined => (typeof request[name] === 'string' ? (request[name]) : undefined);
  const entryType = field('entry_type');
  if (entryType === undefined) return fail(badRequest('entry_type is required'));
  if (entryType === 'JNLS') return fail(unprocessable('the simulator journals cash only (JNLC)'));
  if (entryType !== 'JNLC') return fail(badRequest('entry_type must be JNLC or JNLS'));
  const from = field('from_account');
  const to = field('to_account');
  const amount = field('amount');
  if (from === undefined || from === '') return fail(badRequest('from_account is required'));
  if (to === undefined || to === '') return fail(badRequest('to_account is required'));
  if (amount === undefined) return fail(badRequest('amount is required for JNLC'));
  if (!AMOUNT.test(amount) || d(amount).isZero()) return fail(badRequest('amount must be a positive dollar amount with at most two decimals'));
  if (from === to) return fail(badRequest('from_account and to_account must differ'));
  const description = field('description') ?? '';
  if (description.length > MAX_DESCRIPTION) return fail(badRequest(`description must be at most ${MAX_DESCRIPTION} characters`));

  const source = state.bookOf(from);
  const target = state.bookOf(to);
  if (source === undefined || target === undefined) return fail(accountNotFound());
  if (source.account.status === 'ACCOUNT_CLOSED' || source.account.status === 'DISABLED') {
    return fail(notAvailable(`transfers are blocked for account ${source.account.account_number}`));
  }
  const available = transferableCash(source.cash, source.unsettled, pendingOut(state.journals, from));
  if (d(amount).greaterThan(available)) {
    return fail(notAvailable(`insufficient funds: requested ${amount}, available to journal ${text(available)}`));
  }

  const fixture = FIXTURE.exec(description)?.[1];
  const endOfDay: JournalEndOfDay = fixture === 'rejected' ? 'reject' : fixture === 'pending' ? 'stay' : 'execute';
  const journal: AlpacaJournal = {
    id: state.newId(),
    entry_type: 'JNLC',
    from_account: from,
    to_account: to,
    symbol: null,
    qty: null,
    price: '0',
    status: 'pending',
    settle_date: null,
    system_date: null,
    net_amount: text(d(amount)),
    description,
    created_at: state.now(),
  };
  const entry: SimJournal = { journal, endOfDay };
  state.journals.push(entry);
  if (fixture === undefined && !d(amount).greaterThan(limit)) execute(state, entry);
  return succeed({ ...journal });
}

/** GET /v1/journals with the reference's filters; `after` and `before` are creation dates (YYYY-MM-DD), inclusive. */
export function listJournals(state: JournalLedger, query: URLSearchParams): Outcome<AlpacaJournal[]> {
  const status = query.get('status');
  if (status !== null && !(JOURNAL_STATUSES as readonly string[]).includes(status)) return fail(badRequest(`status must be one of ${JOURNAL_STATUSES.join(', ')}`));
  const entryType = query.get('entry_type');
  if (entryType !== null && entryType !== 'JNLC' && entryType !== 'JNLS') return fail(badRequest('entry_type must be JNLC or JNLS'));
  const after = query.get('after');
  const before = query.get('before');
  for (const [name, value] of [['after', after], ['before', before]] as const) {
    if (value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return fail(badRequest(`${name} must be a date (YYYY-MM-DD)`));
  }
  const matches = state.journals
    .map(({ journal }) => journal)
    .filter((journal) => status === null || journal.status === status)
    .filter((journal) => entryType === null || journal.entry_type === entryType)
    .filter((journal) => query.get('from_account') === null || journal.from_account === query.get('from_account'))
    .filter((journal) => query.get('to_account') === null || journal.to_account === query.get('to_account'))
    .filter((journal) => after === null || journal.created_at.slice(0, 10) >= after)
    .filter((journal) => before === null || journal.created_at.slice(0, 10) <= before);
  return succeed(matches.map((journal) => ({ ...journal })));
}

/** DELETE /v1/journals/{id}: only a pending journal can be cancelled; an executed one needs a mirror journal instead. */
export function deleteJournal(state: JournalLedger, journalId: string): Outcome<null> {
  const entry = state.journals.find(({ journal }) => journal.id === journalId);
  if (entry === undefined) return fail(notFound('journal not found'));
  if (entry.journal.status !== 'pending' && entry.journal.status !== 'queued') return fail(unprocessable('journal is not in the pending status'));
  entry.journal.status = 'canceled';
  return succeed(null);
}

/** The end of a simulated business day: pending journals execute or are rejected as their fixture says. */
export function journalsAtEndOfDay(state: JournalLedger): void {
  for (const entry of state.journals) {
    if (entry.journal.status !== 'pending' && entry.journal.status !== 'queued') continue;
    if (entry.endOfDay === 'reject') entry.journal.status = 'rejected';
    else if (entry.endOfDay === 'execute') execute(state, entry);
  }
}

function execute(state: JournalLedger, entry: SimJournal): void {
  const { journal } = entry;
  const source = state.bookOf(journal.from_account);
  const target = state.bookOf(journal.to_account);
  if (source === undefined || target === undefined) {
    journal.status = 'rejected';
    return;
  }
  source.cash = text(d(source.cash).minus(d(journal.net_amount)));
  target.cash = text(d(target.cash).plus(d(journal.net_amount)));
  journal.status = 'executed';
  journal.settle_date = state.businessDate();
  journal.system_date = state.businessDate();
}
