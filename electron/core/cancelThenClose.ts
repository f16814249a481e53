import type { ActionReceipt, ActionState, CancelStep, CancelThenCloseReceipt } from '../../shared/actions';
import { dec } from '../../shared/decimal';
import type { Order, Position } from '../../shared/domain';
import { AppError, validationError } from '../../shared/errors';
import type { BrokerAdapter } from './brokers/broker';

export interface CancelThenCloseDeps {
  adapter: BrokerAdapter;
  /** One cancel as its own action (intent, lease, audit): the service's order:cancel. */
  cancel(orderId: string): Promise<ActionReceipt>;
  /** The full close of the position as its own action: the service's position:close. */
  close(): Promise<ActionReceipt>;
  /** Waits between reads of the orders while the cancels take effect; their sum bounds how long Closeout reads. */
  confirmDelaysMs?: readonly number[];
  sleep?(ms: number): Promise<void>;
}

export interface CancelThenCloseRequest {
  accountId: string;
  positionId: string;
  orderIds: readonly string[];
}

/** Clear Street's cancels go PENDING_CANCEL first and end a moment later; a few seconds of reads cover it. */
export const DEFAULT_CONFIRM_DELAYS_MS: readonly number[] = [0, 200, 400, 800, 1600, 3200];

/**
 * Cancels the confirmed orders one by one, then reads the broker until none of them is working and the position's
 * whole quantity is free, and only then sends the full close. A cancel refused or left unknown, an order still working
 * after the reads, or a quantity still held stops it there: the close is not sent and the answer says why.
 */
export async function cancelThenClose(deps: CancelThenCloseDeps, request: CancelThenCloseRequest): Promise<CancelThenCloseReceipt> {
  const { adapter } = deps;
  const [positions, orders] = await Promise.all([adapter.listPositions(request.accountId), adapter.listOrders(request.accountId)]);
  const position = positions.find((candidate) => candidate.id === request.positionId);
  if (!position) {
    throw new AppError({ code: 'not_found', field: 'positionId', outcome: 'not_sent', message: `Position ${request.positionId} is not open; nothing was sent.` });
  }
  const holding = confirmedHoldingOrders(position, orders, request.orderIds);

  const steps: CancelStep[] = [];
  for (const order of holding) {
    try {
      const receipt = await deps.cancel(order.id);
      steps.push({ orderId: order.id, symbol: order.symbol, actionId: receipt.actionId, state: receipt.state, message: receipt.message, requestId: receipt.requestId, brokerCode: null });
    } catch (error) {
      const failure = error instanceof AppError ? error : new AppError({ code: 'internal', message: String(error) });
      // The first cancel refused before anything left: the whole action sent nothing, and says so as an error.
      if (steps.length === 0 && failure.outcome === 'not_sent') throw failure;
      const state: ActionState = failure.outcome === 'unknown' ? 'unknown' : 'rejected';
      steps.push({ orderId: order.id, symbol: order.symbol, actionId: failure.actionId ?? null, state, message: failure.message, requestId: failure.requestId ?? null, brokerCode: failure.brokerCode ?? null });
      const outcome = state === 'unknown' ? 'has an unknown outcome' : 'was refused';
      return stopped(steps, state, `The cancel of ${order.symbol} order ${order.id} ${outcome}: ${failure.message} The close of ${position.symbol} was not sent.`);
    }
  }

  const still = await stillWorking(deps, request.accountId, holding);
  if (still.length > 0) {
    const named = still.map((order) => `${order.id} (${order.status})`).join(', ');
    return stopped(steps, 'rejected', `Reading the broker still shows ${named} working, so the close of ${position.symbol} was not sent. Close it once the orders read as cancelled.`);
  }
  const now = (await adapter.listPositions(request.accountId)).find((candidate) => candidate.id === position.id);
  if (!now) return stopped(steps, 'rejected', `The orders are cancelled and ${position.symbol} is no longer open, so there was nothing to close.`);
  const held = dec(now.quantity).abs().minus(dec(now.available).abs());
  if (held.greaterThan(0)) {
    return stopped(steps, 'rejected', `The confirmed orders are cancelled, but ${held.toFixed()} of ${position.symbol} is still held by other working orders, so the close was not sent.`);
  }

  const cancelled = `Cancelled ${steps.length} ${steps.length === 1 ? 'order' : 'orders'} (read back as no longer working), then:`;
  try {
    const closed = await deps.close();
    return { ...closed, kind: 'close_position', message: `${cancelled} ${closed.message}`, cancels: steps, closeSent: true };
  } catch (error) {
    const failure = error instanceof AppError ? error : new AppError({ code: 'internal', message: String(error) });
    const state: ActionState = failure.outcome === 'unknown' ? 'unknown' : 'rejected';
    return {
      ...stopped(steps, state, `${cancelled} the close of ${position.symbol} ${state === 'unknown' ? 'has an unknown outcome' : 'failed'}: ${failure.message}`),
      ...(failure.actionId ? { actionId: failure.actionId } : {}),
      requestId: failure.requestId ?? null,
      closeSent: failure.outcome !== 'not_sent',
    };
  }
}

/** Each confirmed order must still be working on the position's symbol; otherwise nothing is sent. */
function confirmedHoldingOrders(position: Position, orders: readonly Order[], orderIds: readonly string[]): Order[] {
  return orderIds.map((id) => {
    const order = orders.find((candidate) => candidate.id === id && candidate.open);
    if (!order || order.symbol !== position.symbol) {
      throw validationError('orderIds', `must name working orders on ${position.symbol}; ${id} is not one now (it may have filled or been cancelled), so nothing was sent`);
    }
    return order;
  });
}

/** The cancelled orders still working after reading the broker a few times: none when the cancels took effect. */
async function stillWorking(deps: CancelThenCloseDeps, accountId: string, cancelled: readonly Order[]): Promise<Order[]> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let left: Order[] = [...cancelled];
  for (const delay of deps.confirmDelaysMs ?? DEFAULT_CONFIRM_DELAYS_MS) {
    await sleep(delay);
    try {
      const working = new Map((await deps.adapter.listOrders(accountId)).filter((order) => order.open).map((order) => [order.id, order]));
      left = cancelled.flatMap((order) => working.get(order.id) ?? []);
      if (left.length === 0) return [];
    } catch {
      // A failed read says nothing about the cancels; the next one may get through.
    }
  }
  return left;
}

/** The answer when the close was not sent: it names the last cancel as the action the person can follow. */
function stopped(steps: CancelStep[], state: ActionState, message: string): CancelThenCloseReceipt {
  const last = steps.at(-1);
  const recorded = [...steps].reverse().find((step) => step.actionId !== null);
  return { actionId: recorded?.actionId ?? '', kind: 'close_position', state, message, requestId: last?.requestId ?? null, order: null, cancels: steps, closeSent: false };
}
