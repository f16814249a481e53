import type { BrokerCapabilities } from '../../../shared/brokers';
import type { Account, AccountCloseCheck, ConnectionSummary } from '../../../shared/domain';
import { AppError, describeError } from '../../../shared/errors';
import { mapLimited } from '../mapLimited';
import { read, type WindDownHandlers } from './serviceCalls';
import { describeOrders, describePositions } from './describe';
import { dec, Decimal, toDecimalString } from '../../../shared/decimal';
import { formatAmount } from '../../../shared/numberFormat';
import { WIND_DOWN_STEPS, type PlannedStep, type SweepAccount, type WindDownPreflight } from '../../../shared/windDown';

export interface PreflightOptions {
  /** Accounts read at the same time; each read is a handful of broker calls, all through the caller's rate-limit gate. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** The firm account the run sweeps cash to; none when absent. */
  sweepTo?: SweepAccount | null;
}

const DEFAULT_CONCURRENCY = 12;

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
    const result = await preflightOne(handlers, summary, ref, options.sweepTo ?? null);
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

async function preflightOne(handlers: WindDownHandlers, summary: ConnectionSummary, ref: string, sweepTo: SweepAccount | null): Promise<WindDownPreflight> {
  try {
    const accountId = await resolveAccountId(handlers, summary, ref);
    if (accountId === null) return unresolved(ref, `not found on ${summary.name}`);
    const check = await read(handlers, 'account:closeCheck', { connection: summary.name, accountId });
    if (sweepTo !== null && accountId === sweepTo.accountId) {
      return { ...fromCheck(ref, check, summary.capabilities, null), disposition: 'skip', reason: 'it is the firm account the run sweeps cash to', steps: skippedSteps('the firm account') };
    }
    return fromCheck(ref, check, summary.capabilities, sweepTo);
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

function fromCheck(ref: string, check: AccountCloseCheck, capabilities: BrokerCapabilities, sweepTo: SweepAccount | null): WindDownPreflight {
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
  const cash = cashOutlook(check);
  return { ...base, disposition: 'run', steps: plannedSteps(check, capabilities, sweepTo, cash), sweepEstimate: sweepTo && capabilities.closeAccount.available ? toDecimalString(cash.expected) : null };
}

interface CashOutlook {
  /** Cash now plus what selling the long positions brings in: roughly what must leave before the close. */
  expected: Decimal;
  /** Proceeds that will not have settled when the run reaches the sweep: sales made now, and cash not settled yet. */
  unsettled: Decimal;
  /** The broker reports what may leave now (Alpaca); where it does not, settlement cannot be foreseen. */
  knowsSettlement: boolean;
}

function cashOutlook({ balances, positions }: AccountCloseCheck): CashOutlook {
  // A sale brings its market value in; buying back a short spends it. Prices move, so these are estimates.
  const value = (side: 'long' | 'short') =>
    positions.reduce((sum, position) => (position.side === side && position.marketValue !== null ? sum.plus(dec(position.marketValue).abs()) : sum), dec('0'));
  const proceeds = value('long');
  const cash = balances.cash === null ? dec('0') : dec(balances.cash);
  const expected = cash.plus(proceeds).minus(value('short'));
  const notSettled = balances.withdrawable === undefined ? dec('0') : cash.minus(balances.withdrawable).minus(balances.pendingOut ?? '0');
  // Proceeds that repay a debit, or that a short's buy-back spends, never have to leave: only what remains waits.
  const waiting = Decimal.min(proceeds.plus(notSettled.gt(0) ? notSettled : 0), expected);
  return { expected: expected.gt(0) ? expected : dec('0'), unsettled: waiting.gt(0) ? waiting : dec('0'), knowsSettlement: balances.withdrawable !== undefined };
}

/**
 * The steps, each saying whether it can finish in this run or will wait, and why: sale proceeds settle the next
 * business day, and an account with cash closes only once the cash has left (by the sweep, or a withdrawal).
 */
function plannedSteps(check: AccountCloseCheck, capabilities: BrokerCapabilities, sweepTo: SweepAccount | null, outlook: CashOutlook): PlannedStep[] {
  const { positions, openOrders, balances, account } = check;
  const about = (amount: Decimal) => formatAmount(amount.toFixed(), balances.currency);
  const cash = balances.cash === null ? 'unknown' : formatAmount(balances.cash, balances.currency);
  const closes = capabilities.closeAccount.available;
  const settles = closes && outlook.knowsSettlement && outlook.unsettled.gt(0);
  const hasCash = outlook.expected.gt(0);
  const settleStep: PlannedStep = !closes
    ? { step: 'settle', action: 'skip', note: 'the account stays open, so its cash need not leave' }
    : !outlook.knowsSettlement
      ? { step: 'settle', action: 'skip', note: 'the broker does not report settlement' }
      : settles
        ? { step: 'settle', action: 'run', waitsFor: 'settlement', note: `waits for about ${about(outlook.unsettled)} of sale proceeds to settle (the next business day)` }
        : { step: 'settle', action: 'run', note: 'check that all cash has settled (nothing is waiting to settle now)' };
  const sweepStep: PlannedStep =
    sweepTo === null || !closes
      ? { step: 'sweep_cash', action: 'skip', note: sweepTo === null ? 'no sweep: cash must leave the account another way' : 'the account stays open' }
      : !hasCash
        ? { step: 'sweep_cash', action: 'skip', note: 'no cash to sweep' }
        : {
            step: 'sweep_cash',
            action: 'run',
            note: `journal about ${about(outlook.expected)} to firm account ${sweepTo.number}${settles ? ', once the proceeds have settled' : ''}; a journal above the broker's limit waits for its end of day`,
            ...(settles ? { waitsFor: 'settlement' as const } : {}),
          };
  const cashWait = closes && hasCash && sweepTo === null;
  return [
    openOrders.length > 0
      ? { step: 'cancel_orders', action: 'run', note: `cancel ${describeOrders(openOrders)}` }
      : { step: 'cancel_orders', action: 'skip', note: 'no open orders' },
    positions.length > 0
      ? { step: 'close_positions', action: 'run', note: `close ${describePositions(positions)} at market` }
      : { step: 'close_positions', action: 'skip', note: 'no open positions' },
    { step: 'wait_flat', action: 'run', note: 'wait until no position and no open order remains' },
    settleStep,
    sweepStep,
    !closes
      ? { step: 'recheck', action: 'run', note: 'read the account again: no position and no open order may remain' }
      : cashWait
        ? { step: 'recheck', action: 'run', waitsFor: 'cash_out', note: `waits for the cash (now ${cash}, about ${about(outlook.expected)} after the sales) to be withdrawn at the broker: this run sweeps nothing` }
        : { step: 'recheck', action: 'run', note: `read the account again: nothing may remain, cash included (cash now ${cash})` },
    capabilities.closeAccount.available
      ? {
          step: 'close_account',
          action: 'run',
          note: `close account ${account.number} at the broker${settles || cashWait ? ', once its cash has left (a later run: resume it)' : ''}`,
          ...(cashWait ? { waitsFor: 'cash_out' as const } : settles ? { waitsFor: 'settlement' as const } : {}),
        }
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
    sweepEstimate: null,
  };
}

function skippedSteps(note: string): PlannedStep[] {
  return WIND_DOWN_STEPS.map((step) => ({ step, action: 'skip', note }));
}
