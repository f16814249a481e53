import type { AuditSubject } from '../../shared/audit';
import type { ActionReceipt, FillReport } from '../../shared/actions';
import type { PushEvent, PushEvents } from '../../shared/contract';
import { dec, type DecimalString } from '../../shared/decimal';
import type { Order, Position } from '../../shared/domain';
import type { BrokerAdapter } from './brokers/broker';
import { fillMessage, fillOf, stateOfFill, type FollowedKind } from './fillReport';
import type { JournalStores } from './journal';
import { auditEntryFor } from './journal/intents';
import { mapLimited } from './mapLimited';

/** Reads of one order: at most this many, this far apart. A market close fills in well under that; a resting one is left working. */
export interface FollowPace {
  intervalMs: number;
  maxReads: number;
}

export const DEFAULT_FOLLOW_PACE: FollowPace = { intervalMs: 1_000, maxReads: 30 };

/** Orders read by id at once while following: a close all's hundreds of orders stay within the broker's rate limit. */
const READS_IN_FLIGHT = 4;

export interface FollowDeps extends Pick<JournalStores, 'journal' | 'audit' | 'intents'> {
  emit?: <E extends PushEvent>(event: E, payload: PushEvents[E]) => void;
  pace?: FollowPace;
  sleep?: (ms: number) => Promise<void>;
}

/** One closing (or cancelled) order being followed, and what is known of it so far. */
export interface FollowedOrder {
  order: Order;
  /** The position it closes: for an estimate of the realised P&L, and to find a closed trade again. */
  position: Position | null;
  /** The close's profit where the broker states it. */
  realizedPnl: DecimalString | null;
}

type OrderReader = (accountId: string, pending: readonly FollowedOrder[]) => Promise<FollowedOrder[]>;

/**
 * How this broker's orders are read back: by id (Alpaca, Clear Street), or through the closed trades they left
 * (ScaleTrade). Null where nothing can be read (Exness answers a close with its price and profit at once).
 */
function readerOf(adapter: BrokerAdapter): OrderReader | null {
  const readClosing = adapter.readClosingOrders?.bind(adapter);
  if (readClosing) {
    return async (accountId, pending) => {
      const closing = pending.flatMap((followed) => (followed.position ? [{ order: followed.order, position: followed.position }] : []));
      const readings = await readClosing(accountId, closing);
      const byOrder = new Map(readings.map((reading) => [reading.order.id, reading]));
      return pending.map((followed) => {
        const reading = byOrder.get(followed.order.id);
        return reading ? { ...followed, order: reading.order, realizedPnl: reading.realizedPnl ?? followed.realizedPnl } : followed;
      });
    };
  }
  const getOrder = adapter.getOrder?.bind(adapter);
  if (!getOrder) return null;
  return (accountId, pending) => mapLimited(pending, READS_IN_FLIGHT, async (followed) => ({ ...followed, order: await getOrder(accountId, followed.order.id) }));
}

/** Still worth a read: working, or filled without a price yet (ScaleTrade's close answer names none). */
function unsettled(followed: FollowedOrder): boolean {
  return followed.order.open || (followed.order.avgFillPrice === null && !dec(followed.order.filledQuantity).isZero());
}

/** Whether following would learn anything: an order still to read, and a way to read it. */
export function needsReading(adapter: BrokerAdapter, orders: readonly FollowedOrder[]): boolean {
  return orders.some(unsettled) && readerOf(adapter) !== null;
}

/**
 * Reads the orders (never sending anything) until each has ended with its price or the pace runs out, one round of
 * reads per interval. A read that fails ends the following: what was learned by then stands, and the next poll of
 * the positions shows the rest.
 */
export async function followOrders(deps: FollowDeps, adapter: BrokerAdapter, accountId: string, orders: readonly FollowedOrder[]): Promise<FollowedOrder[]> {
  const pace = deps.pace ?? DEFAULT_FOLLOW_PACE;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const read = readerOf(adapter);
  const current = [...orders];
  if (!read) return current;
  for (let round = 0; round < pace.maxReads; round += 1) {
    const pending = current.flatMap((followed, index) => (unsettled(followed) ? [index] : []));
    if (pending.length === 0) break;
    await sleep(pace.intervalMs);
    try {
      const readings = await read(accountId, pending.map((index) => current[index] as FollowedOrder));
      pending.forEach((index, at) => (current[index] = readings[at] as FollowedOrder));
    } catch {
      break;
    }
  }
  return current;
}

export interface FollowSpec {
  actionId: string;
  kind: FollowedKind;
  connection: string;
  broker: string;
  accountId: string;
  params: Record<string, unknown>;
  /** Account number, holder name and symbol the action's own records keep. */
  subject?: AuditSubject;
  adapter: BrokerAdapter;
  /** The receipt the broker's answer made: following moves it on. */
  receipt: ActionReceipt;
  /** The position closed, for an estimate of the realised P&L where the broker gives none. */
  position: Position | null;
  /** The close's profit as the broker's answer stated it. */
  realizedPnl?: DecimalString | null;
  /** The account currency, where Closeout has read it: realised P&L is written in it. */
  currency?: string | null;
}

/**
 * The receipt with its order's fill, read until the order ended (or the pace ran out) where it must be read; an order
 * the answer already reported ended and priced (Exness) is reported as it stands. Records the fill beside the
 * intent's outcome and on the audit trail, and pushes the moved-on receipt when `push` (the caller did not wait).
 */
export async function followOrder(deps: FollowDeps, spec: FollowSpec, push: boolean): Promise<ActionReceipt> {
  const start = spec.receipt.order;
  if (!start) return spec.receipt;
  const [followed] = await followOrders(deps, spec.adapter, spec.accountId, [{ order: start, position: spec.position, realizedPnl: spec.realizedPnl ?? null }]);
  const { order, realizedPnl } = followed as FollowedOrder;
  const fill = fillOf(order, spec.position, spec.kind, realizedPnl, spec.currency ?? null);
  const receipt: ActionReceipt = {
    ...spec.receipt,
    state: stateOfFill(spec.kind, order, fill),
    message: fillMessage(spec.kind, order, fill, spec.position),
    order,
    fill,
  };
  recordFollowed(deps, { ...spec, outcome: receipt.state, message: receipt.message }, fill);
  if (push) deps.emit?.('action:updated', receipt);
  return receipt;
}

export interface FollowedRecord {
  actionId: string;
  kind: FollowedKind | 'close_all';
  connection: string;
  broker: string;
  accountId: string;
  params: Record<string, unknown>;
  subject?: AuditSubject;
  receipt: { requestId: string | null };
  outcome: ActionReceipt['state'];
  message: string;
}

/** The fill kept on the intent and a second outcome on the audit trail: reading only, nothing was sent. */
export function recordFollowed(deps: FollowDeps, record: FollowedRecord, fill: FillReport | readonly FillReport[]): void {
  deps.journal.write(() => {
    deps.intents.recordFill(record.actionId, fill);
    deps.audit.appendInTransaction({
      ...auditEntryFor(record, { phase: 'outcome', requestId: record.receipt.requestId, outcome: record.outcome, errorCode: null, message: `Followed: ${record.message}` }),
      ...record.subject,
    });
  });
}
