import type { ActionState, CancelAllOrdersItem } from '../../shared/actions';
import type { Order } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import type { BulkCancelResult } from './brokers/broker';

/**
 * The working orders a bulk cancel would reach, checked against the ones the person confirmed: the broker's request
 * cancels every working order, so one that appeared since the confirmation stops it before anything is sent. Confirmed
 * orders that ended meanwhile are simply no longer there.
 */
export function confirmedWorkingOrders(orders: readonly Order[], confirmedIds: readonly string[], accountNumber: string): Order[] {
  const working = orders.filter((order) => order.open);
  const confirmed = new Set(confirmedIds);
  const unconfirmed = working.filter((order) => !confirmed.has(order.id));
  if (unconfirmed.length > 0) {
    const named = unconfirmed
      .slice(0, 10)
      .map((order) => `${order.symbol} ${order.id}`)
      .join(', ');
    throw new AppError({
      code: 'precondition_failed',
      field: 'orderIds',
      outcome: 'not_sent',
      message: `${unconfirmed.length} working order${unconfirmed.length === 1 ? ' was' : 's were'} not in the confirmation (${named}${unconfirmed.length > 10 ? ', …' : ''}); cancelling all would cancel ${unconfirmed.length === 1 ? 'it' : 'them'} too, so nothing was sent. Review the orders of account ${accountNumber} and confirm again.`,
    });
  }
  if (working.length === 0) {
    throw new AppError({ code: 'precondition_failed', field: 'orderIds', outcome: 'not_sent', message: `None of the confirmed orders is still working in account ${accountNumber}; nothing was sent.` });
  }
  return working;
}

/** The broker's answer per order, named by the symbol read just before; 'cancelled' only once the broker says it ended so. */
export function cancelAllItems(result: BulkCancelResult, working: readonly Order[]): CancelAllOrdersItem[] {
  const symbols = new Map(working.map((order) => [order.id, order.symbol]));
  return result.items.map((item) => ({
    orderId: item.orderId,
    symbol: symbols.get(item.orderId) ?? item.order?.symbol ?? '',
    state: !item.ok ? 'rejected' : item.order?.status === 'canceled' ? 'cancelled' : 'accepted',
    httpStatus: item.httpStatus,
    message: item.message,
    brokerCode: item.brokerCode,
  }));
}

export function cancelAllState(items: readonly CancelAllOrdersItem[]): ActionState {
  if (items.length > 0 && items.every((item) => item.state === 'rejected')) return 'rejected';
  return 'accepted';
}

export function cancelAllMessage(items: readonly CancelAllOrdersItem[], working: readonly Order[]): string {
  const refused = items.filter((item) => item.state === 'rejected').length;
  const answered = new Set(items.map((item) => item.orderId));
  const unanswered = working.filter((order) => !answered.has(order.id)).length;
  const parts = [`Cancel accepted for ${items.length - refused} of ${working.length} orders`];
  if (refused > 0) parts.push(`${refused} refused`);
  // The broker answers for the orders it still found working; one that filled a moment before is not among them.
  if (unanswered > 0) parts.push(`${unanswered} not in the broker's answer (no longer working, or check the orders)`);
  return `${parts.join('; ')}.`;
}
