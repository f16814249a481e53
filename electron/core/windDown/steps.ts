import type { ActionReceipt, CloseAllReceipt, EarlierAttempt } from '../../../shared/actions';
import { dec } from '../../../shared/decimal';
import { AppError, describeError, type ErrorCode } from '../../../shared/errors';
import { read, send } from './serviceCalls';
import { counted, describeOrders, describePositions, duration } from './describe';
import { sweepDescription } from '../../../shared/contract';
import type { AccountBalances, CashJournal } from '../../../shared/domain';
import type { SweepAccount, WaitReason, WindDownStep } from '../../../shared/windDown';
import { pollHoldings, type AccountTarget, type Holdings, type PollTiming } from './pollHoldings';
import { formatAmount, formatMoney } from '../../../shared/numberFormat';

export interface StepContext extends AccountTarget {
  accountNumber: string;
  /** The broker closes accounts, so the re-check wants the cash gone too. */
  closesAccount: boolean;
  timing: PollTiming;
  /** The step's earlier outcome is unknown (or a crash interrupted it): read the account before sending anything again. */
  reverify: boolean;
  /** The firm account the sweep journals the cash to; null when the run sweeps nothing. */
  sweepTo: SweepAccount | null;
  /** Unique to this run and account, kept in the journal's description: finds the journal when its answer never came. */
  sweepReference: string;
  /** The journal an earlier run of this step made, read back by its id before anything is sent. */
  earlierJournalId: string | null;
}

export interface StepResult {
  state: 'done' | 'failed' | 'unknown' | 'waiting';
  message: string;
  requestId: string | null;
  errorCode: ErrorCode | null;
  waitsFor?: WaitReason;
  journalId?: string;
  /** Earlier steps whose effect did not last (closing orders ended, positions remain): the next run sends them again. */
  reopen?: WindDownStep[];
}

type StepRunner = (ctx: StepContext) => Promise<StepResult>;

/** The steps that send a change to the broker; the others only read. */
export const SENDING_STEPS: ReadonlySet<WindDownStep> = new Set(['cancel_orders', 'close_positions', 'sweep_cash', 'close_account']);

/** One runner per step. None throws: every error becomes a failed or unknown result, whose words end up in the report. */
export const STEP_RUNNERS: Readonly<Record<WindDownStep, StepRunner>> = {
  cancel_orders: guarded('cancel_orders', cancelOrders),
  close_positions: guarded('close_positions', closePositions),
  wait_flat: guarded('wait_flat', waitFlat),
  settle: guarded('settle', settle),
  sweep_cash: guarded('sweep_cash', sweepCash),
  recheck: guarded('recheck', recheck),
  close_account: guarded('close_account', closeAccount),
};

async function cancelOrders(ctx: StepContext): Promise<StepResult> {
  const open = (await read(ctx.handlers, 'orders:list', target(ctx))).filter((order) => order.open);
  if (open.length === 0) return done(ctx.reverify ? 'Verified: no open order remains.' : 'No open order was left to cancel.', null);
  let cancelled = 0;
  let requestId: string | null = null;
  const gone: string[] = [];
  for (const order of open) {
    try {
      const receipt = await afterEarlier(() => send(ctx.handlers, 'order:cancel', { ...target(ctx), orderId: order.id }));
      if (receipt.state === 'unknown' || receipt.state === 'rejected') return receiptResult(receipt, `${cancelled} of ${open.length} cancelled; order ${order.id}: `);
      cancelled += 1;
      requestId = receipt.requestId ?? requestId;
    } catch (error) {
      // An order that filled or expired since it was listed cannot be cancelled, and need not be.
      if (error instanceof AppError && (error.code === 'not_found' || error.code === 'broker_rejected') && !(await stillOpen(ctx, order.id))) {
        gone.push(order.id);
        continue;
      }
      return fromError(error, true, `${cancelled} of ${open.length} cancelled; order ${order.id}: `);
    }
  }
  const ended = gone.length > 0 ? ` ${counted(gone.length, 'order')} had already ended: ${gone.join(', ')}.` : '';
  return done(`Cancelled ${counted(cancelled, 'open order')}.${ended}`, requestId);
}

async function stillOpen(ctx: StepContext, orderId: string): Promise<boolean> {
  try {
    const orders = await read(ctx.handlers, 'orders:list', target(ctx));
    return orders.some((order) => order.id === orderId && order.open);
  } catch {
    return true;
  }
}

async function closePositions(ctx: StepContext): Promise<StepResult> {
  if (ctx.reverify) {
    // Orders working now may be the closing orders of the attempt whose answer never came: let them end first.
    const settled = await pollHoldings(ctx, ctx.timing, (holdings) => holdings.openOrders.length === 0);
    if (settled.kind === 'aborted') return failed('Cancelled before the earlier close was verified.', null, null);
    if (settled.kind === 'error') return fromError(settled.error, false);
    if (settled.kind === 'timeout') {
      const still = settled.holdings ? describeOrders(settled.holdings.openOrders) : 'the orders';
      return failed(`Orders still working after ${duration(ctx.timing.timeoutMs)}, perhaps from the earlier close: ${still}. Wait for them, then run again.`, null, null);
    }
    if (settled.holdings.positions.length === 0) return done('Verified: no position remains after the earlier attempt.', null);
  }
  const receipt = await afterEarlier(() => send(ctx.handlers, 'positions:closeAll', { ...target(ctx), cancelOrders: false }));
  return receipt.earlier ? receiptResult(receipt) : closeAllResult(receipt);
}

function closeAllResult(receipt: CloseAllReceipt): StepResult {
  const unknown = receipt.items.filter((item) => item.state === 'unknown');
  if (unknown.length > 0 || receipt.state === 'unknown') {
    const which = unknown.length > 0 ? ` No answer for ${unknown.map((item) => item.symbol).join(', ')}.` : '';
    return { state: 'unknown', message: `${receipt.message}${which}`, requestId: receipt.requestId, errorCode: 'outcome_unknown' };
  }
  const refused = receipt.items.filter((item) => item.state === 'rejected');
  if (refused.length > 0) {
    const reasons = refused.map((item) => `${item.symbol}: ${item.message}${item.brokerCode ? ` (broker code ${item.brokerCode})` : ''}`);
    return failed(`${receipt.message} Refused: ${reasons.join('; ')}.`, receipt.requestId, 'broker_rejected');
  }
  return done(receipt.message, receipt.requestId);
}

async function waitFlat(ctx: StepContext): Promise<StepResult> {
  const result = await pollHoldings(ctx, ctx.timing, (holdings) => holdings.positions.length === 0 && holdings.openOrders.length === 0);
  if (result.kind === 'met') return done(`Flat after ${duration(result.elapsedMs)}.`, null);
  if (result.kind === 'aborted') return failed('Cancelled while waiting until flat.', null, null);
  if (result.kind === 'error') return fromError(result.error, false);
  const waited = `Not flat after ${duration(ctx.timing.timeoutMs)}`;
  if (!result.holdings) return fromError(result.error ?? new AppError({ code: 'network', message: `${waited}: the account could not be read.` }), false);
  const { positions, openOrders } = result.holdings;
  const message = `${waited}: ${remaining(result.holdings)} remain.`;
  // With no order working, nothing more will close them: the next run sends the close again instead of waiting again.
  if (positions.length > 0 && openOrders.length === 0) {
    return { ...failed(`${message} No closing order is working, so the next run closes them again.`, null, 'precondition_failed'), reopen: ['close_positions'] };
  }
  return failed(message, null, 'precondition_failed');
}

function remaining({ positions, openOrders }: Holdings): string {
  const parts: string[] = [];
  if (positions.length > 0) parts.push(describePositions(positions));
  if (openOrders.length > 0) parts.push(describeOrders(openOrders));
  return parts.join(' and ');
}

/** Sale proceeds must settle before they may leave: the account waits (is parked) until the broker says they have. */
async function settle(ctx: StepContext): Promise<StepResult> {
  const { balances, positions } = await read(ctx.handlers, 'account:closeCheck', target(ctx));
  if (positions.length > 0) return failed(`${describePositions(positions)} remain: nothing settles before they are closed.`, null, 'precondition_failed');
  if (balances.withdrawable === undefined || balances.cash === null) return done('The broker does not report settlement: nothing to wait for.', null);
  const unsettled = unsettledCash(balances);
  if (unsettled.gt(0)) {
    return waiting('settlement', `${money(unsettled.toFixed(), balances)} of sale proceeds has not settled yet; it may leave the account once it settles (the next business day). Resume then.`);
  }
  return done(`All cash has settled: ${money(balances.withdrawable, balances)} may leave the account.`, null);
}

/**
 * Journals the settled cash to the firm account. A journal this run made earlier is read back first (by its id, else
 * by the reference in its description) and never sent again while it stands: executed, the step is done; pending, the
 * account waits for the cash to leave.
 */
async function sweepCash(ctx: StepContext): Promise<StepResult> {
  const firm = ctx.sweepTo;
  if (firm === null) return done('This run sweeps no cash.', null);
  if (ctx.reverify || ctx.earlierJournalId !== null) {
    const earlier = await earlierJournal(ctx, firm);
    if (earlier) return journalResult(earlier, firm, null, 'Read back: ');
  }
  const { balances } = await read(ctx.handlers, 'account:closeCheck', target(ctx));
  if (balances.cash === null || dec(balances.cash).isZero()) return done('No cash is left to sweep.', null);
  const free = dec(balances.withdrawable ?? balances.cash).toDecimalPlaces(2, 1);
  if (free.lte(0)) {
    if (balances.pendingOut !== undefined && dec(balances.pendingOut).gt(0)) {
      return waiting('cash_out', `${money(balances.pendingOut, balances)} is already promised to a pending transfer; it leaves when the transfer executes.`);
    }
    return waiting('settlement', `The cash of ${money(balances.cash, balances)} has not settled yet, so none of it may leave today.`);
  }
  const receipt = await afterEarlier(() =>
    send(ctx.handlers, 'account:sweepCash', { ...target(ctx), toAccountId: firm.accountId, amount: free.toFixed(), reference: ctx.sweepReference }),
  );
  if (receipt.state === 'unknown') return { state: 'unknown', message: receipt.message, requestId: receipt.requestId, errorCode: 'outcome_unknown' };
  if (!receipt.journal) return receiptResult(receipt);
  return journalResult(receipt.journal, firm, receipt.requestId, '');
}

async function earlierJournal(ctx: StepContext, firm: SweepAccount): Promise<CashJournal | null> {
  const since = new Date(Date.now() - SWEEP_LOOKBACK_MS).toISOString().slice(0, 10);
  const journals = await read(ctx.handlers, 'cash:journals', { ...target(ctx), toAccountId: firm.accountId, since });
  const byId = ctx.earlierJournalId === null ? undefined : journals.find((journal) => journal.id === ctx.earlierJournalId);
  if (byId) return byId;
  const description = sweepDescription(ctx.sweepReference);
  return journals.find((journal) => journal.description === description && !REFUSED_JOURNAL.has(journal.status)) ?? null;
}

const SWEEP_LOOKBACK_MS = 30 * 86_400_000;
const REFUSED_JOURNAL: ReadonlySet<string> = new Set(['rejected', 'canceled', 'deleted']);

function journalResult(journal: CashJournal, firm: SweepAccount, requestId: string | null, prefix: string): StepResult {
  const what = `journal ${journal.id} of ${formatMoney(journal.amount)} to firm account ${firm.number}`;
  if (journal.status === 'executed') return { ...done(`${prefix}Swept: ${what} is executed.`, requestId), journalId: journal.id };
  if (REFUSED_JOURNAL.has(journal.status)) return { ...failed(`${prefix}The broker did not move the cash: ${what} is ${journal.status}. Resume to send a new one.`, requestId, 'broker_rejected') };
  return { ...waiting('cash_out', `${prefix}${what} is ${journal.status}: the cash leaves when it executes (the broker's end of day). Resume then.`), requestId, journalId: journal.id };
}

function unsettledCash(balances: AccountBalances): ReturnType<typeof dec> {
  if (balances.cash === null || balances.withdrawable === undefined) return dec('0');
  const rest = dec(balances.cash).minus(balances.withdrawable).minus(balances.pendingOut ?? '0');
  return rest.gt(0) ? rest : dec('0');
}

function money(amount: string, balances: Pick<AccountBalances, 'currency'>): string {
  return formatAmount(amount, balances.currency);
}

async function recheck(ctx: StepContext): Promise<StepResult> {
  const check = await read(ctx.handlers, 'account:closeCheck', target(ctx));
  const { balances } = check;
  const cash = balances.cash === null ? null : money(balances.cash, balances);
  const hasCash = balances.cash !== null && !dec(balances.cash).isZero();
  if (ctx.closesAccount) {
    if (check.blockers.length === 0) return done('Nothing remains: the account can be closed.', null);
    const onlyCash = hasCash && check.positions.length === 0 && check.openOrders.length === 0 && check.account.statusTone !== 'closed';
    // Cash that has not left yet is a wait, not a failure: the account is parked and the run resumes once it has gone.
    if (onlyCash && balances.pendingOut !== undefined && dec(balances.pendingOut).gt(0)) {
      return waiting('cash_out', `Cash of ${cash} remains; ${money(balances.pendingOut, balances)} of it is promised to a pending transfer that moves it when it executes. Resume then.`);
    }
    if (onlyCash && ctx.sweepTo === null) {
      return waiting('cash_out', `Cash of ${cash} must leave the account first: withdraw it at the broker (or wind down with a sweep to a firm account), then resume.`);
    }
    if (onlyCash && unsettledCash(balances).gt(0)) return waiting('settlement', `Cash of ${cash} remains, part of it not settled yet. Resume on the next business day.`);
    return failed(check.blockers.join(' '), null, 'precondition_failed');
  }
  const holdings = { positions: check.positions, openOrders: check.openOrders };
  if (holdings.positions.length > 0 || holdings.openOrders.length > 0) return failed(`${remaining(holdings)} remain.`, null, 'precondition_failed');
  return done(hasCash ? `Flat; cash of ${cash} remains in the account.` : 'Flat, and no cash remains.', null);
}

async function closeAccount(ctx: StepContext): Promise<StepResult> {
  if (ctx.reverify) {
    const { account } = await read(ctx.handlers, 'account:closeCheck', target(ctx));
    if (account.statusTone === 'closed') return done(`Verified: account ${account.number} is closed (${account.status}).`, null);
  }
  const receipt = await afterEarlier(() => send(ctx.handlers, 'account:close', { ...target(ctx), confirmAccountNumber: ctx.accountNumber }));
  return receiptResult(receipt);
}

/**
 * A send that the core answered with an earlier interrupted attempt on the same target instead: when reading showed
 * that attempt did not happen, the run (which the person confirmed) sends once more; any other verdict stands.
 */
async function afterEarlier<T extends { earlier?: EarlierAttempt }>(send: () => Promise<T>): Promise<T> {
  const first = await send();
  return first.earlier?.verdict === 'not_happened' ? send() : first;
}

function receiptResult(receipt: Pick<ActionReceipt, 'state' | 'message' | 'requestId'>, prefix = ''): StepResult {
  const message = `${prefix}${receipt.message}`;
  if (receipt.state === 'unknown') return { state: 'unknown', message, requestId: receipt.requestId, errorCode: 'outcome_unknown' };
  if (receipt.state === 'rejected') return failed(message, receipt.requestId, 'broker_rejected');
  return done(message, receipt.requestId);
}

function target(ctx: StepContext): { connection: string; accountId: string } {
  return { connection: ctx.connection, accountId: ctx.accountId };
}

function waiting(waitsFor: WaitReason, message: string): StepResult {
  return { state: 'waiting', message, requestId: null, errorCode: null, waitsFor };
}

function done(message: string, requestId: string | null): StepResult {
  return { state: 'done', message, requestId, errorCode: null };
}

function failed(message: string, requestId: string | null, errorCode: ErrorCode | null): StepResult {
  return { state: 'failed', message, requestId, errorCode };
}

/**
 * An AppError's outcome decides: unknown stays unknown, anything else stopped the step. An error that is not an
 * AppError comes from a bug, not the broker: after a request that changes something, whether it was sent is unknown.
 */
function fromError(error: unknown, destructive: boolean, prefix = ''): StepResult {
  if (error instanceof AppError) {
    const unknown = error.code === 'outcome_unknown' || error.outcome === 'unknown';
    return { state: unknown ? 'unknown' : 'failed', message: `${prefix}${describeError(error)}`, requestId: error.requestId ?? null, errorCode: error.code };
  }
  const words = `${prefix}Closeout hit an unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  return { state: destructive ? 'unknown' : 'failed', message: words, requestId: null, errorCode: 'internal' };
}

function guarded(step: WindDownStep, run: StepRunner): StepRunner {
  return async (ctx) => {
    try {
      return await run(ctx);
    } catch (error) {
      return fromError(error, SENDING_STEPS.has(step));
    }
  };
}
