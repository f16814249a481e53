import type { ActionReceipt, CloseAllReceipt, EarlierAttempt } from '../../../shared/actions';
import { dec } from '../../../shared/decimal';
import { AppError, describeError, type ErrorCode } from '../../../shared/errors';
import { invoke, read } from './serviceCalls';
import { counted, describeOrders, describePositions, duration } from './describe';
import type { WindDownStep } from '../../../shared/windDown';
import { pollHoldings, type AccountTarget, type Holdings, type PollTiming } from './pollHoldings';

export interface StepContext extends AccountTarget {
  accountNumber: string;
  /** The broker closes accounts, so the re-check wants the cash gone too. */
  closesAccount: boolean;
  timing: PollTiming;
  /** The step's earlier outcome is unknown (or a crash interrupted it): read the account before sending anything again. */
  reverify: boolean;
}

export interface StepResult {
  state: 'done' | 'failed' | 'unknown';
  message: string;
  requestId: string | null;
  errorCode: ErrorCode | null;
  /** Earlier steps whose effect did not last (closing orders ended, positions remain): the next run sends them again. */
  reopen?: WindDownStep[];
}

type StepRunner = (ctx: StepContext) => Promise<StepResult>;

/** One runner per step. None throws: every error becomes a failed or unknown result, whose words end up in the report. */
export const STEP_RUNNERS: Readonly<Record<WindDownStep, StepRunner>> = {
  cancel_orders: guarded(true, cancelOrders),
  close_positions: guarded(true, closePositions),
  wait_flat: guarded(false, waitFlat),
  recheck: guarded(false, recheck),
  close_account: guarded(true, closeAccount),
};

async function cancelOrders(ctx: StepContext): Promise<StepResult> {
  const open = (await read(ctx.handlers, 'orders:list', target(ctx))).filter((order) => order.open);
  if (open.length === 0) return done(ctx.reverify ? 'Verified: no open order remains.' : 'No open order was left to cancel.', null);
  let cancelled = 0;
  let requestId: string | null = null;
  const gone: string[] = [];
  for (const order of open) {
    try {
      const receipt = await afterEarlier(() => invoke(ctx.handlers, 'order:cancel', { ...target(ctx), orderId: order.id }));
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
  const receipt = await afterEarlier(() => invoke(ctx.handlers, 'positions:closeAll', { ...target(ctx), cancelOrders: false }));
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

async function recheck(ctx: StepContext): Promise<StepResult> {
  const check = await read(ctx.handlers, 'account:closeCheck', target(ctx));
  const { balances } = check;
  const cash = balances.cash === null ? null : `${balances.cash}${balances.currency ? ` ${balances.currency}` : ''}`;
  const hasCash = balances.cash !== null && !dec(balances.cash).isZero();
  if (ctx.closesAccount) {
    if (check.blockers.length === 0) return done('Nothing remains: the account can be closed.', null);
    const advice = hasCash ? ' Closeout never moves cash: withdraw it at the broker first, then run again to resume.' : '';
    return failed(`${check.blockers.join(' ')}${advice}`, null, 'precondition_failed');
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
  const receipt = await afterEarlier(() => invoke(ctx.handlers, 'account:close', { ...target(ctx), confirmAccountNumber: ctx.accountNumber }));
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

function guarded(destructive: boolean, run: StepRunner): StepRunner {
  return async (ctx) => {
    try {
      return await run(ctx);
    } catch (error) {
      return fromError(error, destructive);
    }
  };
}
