import type { ActionKind, ActionState } from '../../shared/actions';
import { dec, Decimal } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
import type { BrokerAdapter } from './brokers/broker';

/** What Closeout knew before an action whose outcome is unknown: enough to tell afterwards whether it happened. */
export type ReconcileTarget =
  | { kind: 'close_position'; accountId: string; position: Position; quantityToClose: Decimal; startedAt: Date }
  | { kind: 'close_all'; accountId: string; positionIds: string[]; startedAt: Date }
  | { kind: 'cancel_order'; accountId: string; orderId: string; startedAt: Date }
  | { kind: 'cancel_all_orders'; accountId: string; orderIds: string[]; startedAt: Date }
  | { kind: 'close_account'; accountId: string; startedAt: Date }
  | ({ kind: 'sweep_cash'; startedAt: Date } & SweepTarget);

/** A cash journal is found again by its description, which carries a reference no other journal has. */
export interface SweepTarget {
  accountId: string;
  toAccountId: string;
  amount: string;
  description: string;
}

/** A ReconcileTarget as the journal keeps it: plain JSON, decimals as strings, times as ISO text. */
export type StoredReconcileTarget =
  | { kind: 'close_position'; accountId: string; position: Position; quantityToClose: string; startedAt: string }
  | { kind: 'close_all'; accountId: string; positionIds: string[]; startedAt: string }
  | { kind: 'cancel_order'; accountId: string; orderId: string; startedAt: string }
  | { kind: 'cancel_all_orders'; accountId: string; orderIds: string[]; startedAt: string }
  | { kind: 'close_account'; accountId: string; startedAt: string }
  | ({ kind: 'sweep_cash'; startedAt: string } & SweepTarget);

export function storeReconcileTarget(target: ReconcileTarget): StoredReconcileTarget {
  const startedAt = target.startedAt.toISOString();
  return target.kind === 'close_position' ? { ...target, quantityToClose: target.quantityToClose.toFixed(), startedAt } : { ...target, startedAt };
}

export function restoreReconcileTarget(stored: StoredReconcileTarget): ReconcileTarget {
  const startedAt = new Date(stored.startedAt);
  return stored.kind === 'close_position' ? { ...stored, quantityToClose: dec(stored.quantityToClose), startedAt } : { ...stored, startedAt };
}

/** The action in a few words, for the record of an interrupted attempt: "close 2 shares of AAPL". */
export function describeReconcileTarget(target: ReconcileTarget): string {
  switch (target.kind) {
    case 'close_position':
      return `close of ${target.quantityToClose.toFixed()} ${target.position.unit.name} of ${target.position.symbol}`;
    case 'close_all':
      return `close all of ${target.positionIds.length} position${target.positionIds.length === 1 ? '' : 's'} in account ${target.accountId}`;
    case 'cancel_order':
      return `cancel of order ${target.orderId}`;
    case 'cancel_all_orders':
      return `cancel of all ${target.orderIds.length} working order${target.orderIds.length === 1 ? '' : 's'} in account ${target.accountId}`;
    case 'close_account':
      return `close of account ${target.accountId}`;
    case 'sweep_cash':
      return `journal of ${target.amount} from account ${target.accountId} to ${target.toAccountId}`;
  }
}

export type Resolution = 'happened' | 'partly_happened' | 'working' | 'did_not_happen' | 'still_unknown';

export interface Verdict {
  kind: ActionKind;
  state: ActionState;
  resolution: Resolution;
  message: string;
}

export interface ReconcileOptions {
  /** Waits between reads; their sum bounds how long Closeout keeps looking. */
  delaysMs?: number[] | undefined;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RECONCILE_DELAYS_MS: readonly number[] = [300, 700, 1500, 3000, 6000, 12000];

interface Observation {
  final: boolean;
  verdict: Verdict;
}

/**
 * Settles an unknown outcome by reading, never by resending: re-reads positions, orders or the account with backoff until
 * the broker's state says the action happened, partly happened or did not, or the time is up.
 */
export async function reconcile(adapter: BrokerAdapter, target: ReconcileTarget, options: ReconcileOptions = {}): Promise<Verdict> {
  const delays = options.delaysMs ?? DEFAULT_RECONCILE_DELAYS_MS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let last: Verdict | null = null;
  for (const delay of delays) {
    await sleep(delay);
    try {
      const observation = await observe(adapter, target);
      last = observation.verdict;
      if (observation.final) return observation.verdict;
    } catch {
      // A failed read says nothing about the action; the next attempt may get through.
    }
  }
  return (
    last ?? {
      kind: target.kind,
      state: 'unknown',
      resolution: 'still_unknown',
      message: 'Closeout could not read the broker to settle this action. Check the account before doing anything again.',
    }
  );
}

async function observe(adapter: BrokerAdapter, target: ReconcileTarget): Promise<Observation> {
  switch (target.kind) {
    case 'close_position':
      return observeClosePosition(adapter, target);
    case 'close_all':
      return observeCloseAll(adapter, target);
    case 'cancel_order':
      return observeCancel(adapter, target);
    case 'cancel_all_orders':
      return observeCancelAll(adapter, target);
    case 'close_account':
      return observeCloseAccount(adapter, target);
    case 'sweep_cash':
      return observeSweep(adapter, target);
  }
}

async function observeClosePosition(adapter: BrokerAdapter, target: Extract<ReconcileTarget, { kind: 'close_position' }>): Promise<Observation> {
  const { position } = target;
  const now = (await adapter.listPositions(target.accountId)).find((p) => p.id === position.id);
  const before = dec(position.quantity);
  const remaining = now ? dec(now.quantity) : new Decimal(0);
  const closed = before.minus(remaining);
  if (closed.gte(target.quantityToClose)) {
    const rest = remaining.isZero() ? `${position.symbol} is no longer open` : `${remaining.toFixed()} ${position.unit.name} of ${position.symbol} remain open`;
    return settled(target, 'filled', 'happened', `The close did happen: ${rest}.`);
  }
  const working = (await adapter.listOrders(target.accountId)).some(
    (order) => order.open && order.symbol === position.symbol && new Date(order.createdAt).getTime() >= target.startedAt.getTime() - 5_000,
  );
  if (closed.gt(0)) {
    return pending(target, 'accepted', 'partly_happened', `The close partly happened: ${closed.toFixed()} of ${target.quantityToClose.toFixed()} ${position.unit.name} of ${position.symbol} closed so far.`);
  }
  if (working) {
    return pending(target, 'accepted', 'working', `The broker accepted a closing order for ${position.symbol}; it is still working.`);
  }
  return pending(target, 'rejected', 'did_not_happen', `The close did not happen: ${position.symbol} is still open with ${remaining.toFixed()} ${position.unit.name}. Nothing was sent again.`);
}

async function observeCloseAll(adapter: BrokerAdapter, target: Extract<ReconcileTarget, { kind: 'close_all' }>): Promise<Observation> {
  const open = new Set((await adapter.listPositions(target.accountId)).map((p) => p.id));
  const left = target.positionIds.filter((id) => open.has(id));
  if (left.length === 0) return settled(target, 'filled', 'happened', `Close all did happen: none of the ${target.positionIds.length} positions remain open.`);
  if (left.length < target.positionIds.length) {
    return pending(target, 'accepted', 'partly_happened', `Close all partly happened: ${left.length} of ${target.positionIds.length} positions remain open (${left.slice(0, 10).join(', ')}).`);
  }
  return pending(target, 'rejected', 'did_not_happen', `Close all did not happen: all ${left.length} positions remain open. Nothing was sent again.`);
}

async function observeCancel(adapter: BrokerAdapter, target: Extract<ReconcileTarget, { kind: 'cancel_order' }>): Promise<Observation> {
  const order = (await adapter.listOrders(target.accountId)).find((o) => o.id === target.orderId);
  if (!order || !order.open) return settled(target, 'filled', 'happened', `Order ${target.orderId} is no longer working.`);
  return pending(target, 'rejected', 'did_not_happen', `Order ${target.orderId} is still working (${order.status}). Nothing was sent again.`);
}

async function observeCancelAll(adapter: BrokerAdapter, target: Extract<ReconcileTarget, { kind: 'cancel_all_orders' }>): Promise<Observation> {
  const working = new Set((await adapter.listOrders(target.accountId)).filter((order) => order.open).map((order) => order.id));
  const left = target.orderIds.filter((id) => working.has(id));
  const total = target.orderIds.length;
  if (left.length === 0) return settled(target, 'filled', 'happened', `Cancel all did happen: none of the ${total} orders is still working.`);
  if (left.length < total) {
    return pending(target, 'accepted', 'partly_happened', `Cancel all partly happened: ${left.length} of ${total} orders are still working (${left.slice(0, 10).join(', ')}).`);
  }
  return pending(target, 'rejected', 'did_not_happen', `Cancel all did not happen: all ${total} orders are still working. Nothing was sent again.`);
}

async function observeCloseAccount(adapter: BrokerAdapter, target: Extract<ReconcileTarget, { kind: 'close_account' }>): Promise<Observation> {
  const account = await adapter.getAccount(target.accountId);
  if (account.statusTone === 'closed') return settled(target, 'filled', 'happened', `Account ${account.number} is closed (${account.status}).`);
  return pending(target, 'rejected', 'did_not_happen', `Account ${account.number} is still ${account.status}. Nothing was sent again.`);
}

/**
 * The journal is looked up by its description among the account's journals since the day before the attempt: found
 * pending or executed, it happened (a pending journal moves the cash at the broker's end of day); found refused or
 * cancelled, or not found, it did not, and reading goes on a while in case it is still being recorded.
 */
async function observeSweep(adapter: BrokerAdapter, target: Extract<ReconcileTarget, { kind: 'sweep_cash' }>): Promise<Observation> {
  if (!adapter.listCashJournals) throw new Error(`${adapter.capabilities.displayName} lists no journals`);
  const since = new Date(target.startedAt.getTime() - 86_400_000).toISOString().slice(0, 10);
  const journals = await adapter.listCashJournals(target.accountId, { toAccountId: target.toAccountId, since });
  const found = journals.filter((journal) => journal.description === target.description);
  const live = found.find((journal) => journal.status !== 'rejected' && journal.status !== 'canceled' && journal.status !== 'deleted');
  if (live) {
    const state = live.status === 'executed' ? 'filled' : 'accepted';
    return settled(target, state, 'happened', `The journal did happen: journal ${live.id} of ${live.amount} to ${target.toAccountId} is ${live.status}.`);
  }
  const refused = found.at(-1);
  if (refused) return settled(target, 'rejected', 'did_not_happen', `The journal did not happen: journal ${refused.id} is ${refused.status}. Nothing was sent again.`);
  return pending(target, 'rejected', 'did_not_happen', `No journal of ${target.amount} from account ${target.accountId} was found. Nothing was sent again.`);
}

function settled(target: ReconcileTarget, state: ActionState, resolution: Resolution, message: string): Observation {
  return { final: true, verdict: { kind: target.kind, state, resolution, message } };
}

/** A verdict that holds for now; reading goes on in case the broker is still working on it. */
function pending(target: ReconcileTarget, state: ActionState, resolution: Resolution, message: string): Observation {
  return { final: false, verdict: { kind: target.kind, state, resolution, message } };
}
