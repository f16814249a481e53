import type { BrokerCapabilities } from '../../../shared/brokers';
import type { Account, AccountCloseCheck, ConnectionSummary } from '../../../shared/domain';
import { AppError, describeError } from '../../../shared/errors';
import { read, type WindDownHandlers } from './serviceCalls';
import { describeOrders, describePositions } from './describe';
import { WIND_DOWN_STEPS, type WindDownPreflight, type PlannedStep } from '../../../shared/windDown';

export interface PreflightOptions {
  /** Accounts read at the same time; each read is a handful of broker calls. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

const DEFAULT_CONCURRENCY = 4;

/**
 * Reads every listed account (by id or account number) and plans its steps from what the broker holds now and what it
 * allows. Nothing is sent. Throws only when the connection itself is unknown; a problem with one account is reported
 * on that account.
 */
export async function preflightAccounts(
  handlers: WindDownHandlers,
  connection: string,
  refs: readonly string[],
  options: PreflightOptions = {},
): Promise<WindDownPreflight[]> {
  const summary = await findConnection(handlers, connection);
  let done = 0;
  const results = await mapLimited(refs, options.concurrency ?? DEFAULT_CONCURRENCY, async (ref) => {
    const result = await preflightOne(handlers, summary, ref);
    done += 1;
    options.onProgress?.(done, refs.length);
    return result;
  });
  return markDuplicates(results);
}

export async function findConnection(handlers: WindDownHandlers, connection: string): Promise<ConnectionSummary> {
  const connections = await read(handlers, 'connections:list', {});
  const summary = connections.find((candidate) => candidate.name.toLowerCase() === connection.toLowerCase());
  if (!summary) throw new AppError({ code: 'not_found', field: 'connection', outcome: 'not_sent', message: `There is no connection named "${connection}".` });
  return summary;
}

async function preflightOne(handlers: WindDownHandlers, summary: ConnectionSummary, ref: string): Promise<WindDownPreflight> {
  try {
    const accountId = await resolveAccountId(handlers, summary, ref);
    if (accountId === null) return unresolved(ref, `not found on ${summary.name}`);
    const check = await read(handlers, 'account:closeCheck', { connection: summary.name, accountId });
    return fromCheck(ref, check, summary.capabilities);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'not_found') return unresolved(ref, `not found on ${summary.name}`);
    return { ...empty(ref), disposition: 'stop', reason: `could not be read: ${describeError(error)}`, errorCode: error.code, requestId: error.requestId ?? null };
  }
}

/**
 * Search finds account numbers (and names), not ids at Alpaca, so a reference the search does not match exactly is
 * tried as an id; a broker with one account per connection lists it and matches either.
 */
async function resolveAccountId(handlers: WindDownHandlers, summary: ConnectionSummary, ref: string): Promise<string | null> {
  const connection = summary.name;
  if (!summary.capabilities.accountSearch.available) {
    return exactMatch(await read(handlers, 'accounts:list', { connection }), ref)?.id ?? null;
  }
  return exactMatch(await read(handlers, 'accounts:list', { connection, search: ref }), ref)?.id ?? ref;
}

function exactMatch(accounts: readonly Account[], ref: string): Account | undefined {
  return accounts.find((account) => account.id === ref) ?? accounts.find((account) => account.number.toLowerCase() === ref.toLowerCase());
}

function fromCheck(ref: string, check: AccountCloseCheck, capabilities: BrokerCapabilities): WindDownPreflight {
  const { account, balances, positions, openOrders } = check;
  const base: WindDownPreflight = {
    ...empty(ref),
    account,
    cash: balances.cash,
    currency: balances.currency ?? account.currency,
    positions,
    openOrders,
    blockers: check.blockers,
  };
  if (account.statusTone === 'closed') return { ...base, disposition: 'skip', reason: `already closed (${account.status})` };
  if (openOrders.length > 0 && !capabilities.cancelOrder.available) {
    return {
      ...base,
      disposition: 'stop',
      reason: `${describeOrders(openOrders)} cannot be cancelled here (${capabilities.cancelOrder.reason.replace(/\.$/, '')}): cancel them at the broker, then run again`,
    };
  }
  return { ...base, disposition: 'run', steps: plannedSteps(check, capabilities) };
}

function plannedSteps(check: AccountCloseCheck, capabilities: BrokerCapabilities): PlannedStep[] {
  const { positions, openOrders, balances, account } = check;
  const cash = balances.cash === null ? 'unknown' : `${balances.cash}${balances.currency ? ` ${balances.currency}` : ''}`;
  return [
    openOrders.length > 0
      ? { step: 'cancel_orders', action: 'run', note: `cancel ${describeOrders(openOrders)}` }
      : { step: 'cancel_orders', action: 'skip', note: 'no open orders' },
    positions.length > 0
      ? { step: 'close_positions', action: 'run', note: `close ${describePositions(positions)} at market` }
      : { step: 'close_positions', action: 'skip', note: 'no open positions' },
    { step: 'wait_flat', action: 'run', note: 'wait until no position and no open order remains' },
    capabilities.closeAccount.available
      ? { step: 'recheck', action: 'run', note: `read the account again: nothing may remain, cash included (cash now ${cash}; Closeout never moves cash)` }
      : { step: 'recheck', action: 'run', note: 'read the account again: no position and no open order may remain' },
    capabilities.closeAccount.available
      ? { step: 'close_account', action: 'run', note: `close account ${account.number} at the broker` }
      : { step: 'close_account', action: 'skip', note: `the account stays open: ${capabilities.closeAccount.reason}` },
  ];
}

function markDuplicates(results: WindDownPreflight[]): WindDownPreflight[] {
  const firstRef = new Map<string, string>();
  return results.map((result) => {
    const id = result.account?.id;
    if (id === undefined) return result;
    const earlier = firstRef.get(id);
    if (earlier === undefined) {
      firstRef.set(id, result.ref);
      return result;
    }
    return { ...result, disposition: 'skip', reason: `listed twice: the same account as ${earlier}`, steps: skippedSteps('listed twice') };
  });
}

function unresolved(ref: string, reason: string): WindDownPreflight {
  return { ...empty(ref), disposition: 'skip', reason };
}

function empty(ref: string): WindDownPreflight {
  return {
    ref,
    account: null,
    cash: null,
    currency: null,
    positions: [],
    openOrders: [],
    blockers: [],
    disposition: 'skip',
    reason: null,
    errorCode: null,
    requestId: null,
    steps: skippedSteps('nothing is sent for this account'),
  };
}

function skippedSteps(note: string): PlannedStep[] {
  return WIND_DOWN_STEPS.map((step) => ({ step, action: 'skip', note }));
}

/** Like Promise.all over `items`, with at most `limit` in flight; results keep the input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
