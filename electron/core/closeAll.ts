import type { ActionState, CloseAllItem } from '../../shared/actions';
import type { BrokerAdapter, BulkCloseResult } from './brokers/broker';

/** Brokers with a bulk endpoint answer per position (Alpaca's 207); this turns that into Closeout's items. */
export function itemsFromBulkResult(result: BulkCloseResult): CloseAllItem[] {
  return result.items.map((item) => ({
    symbol: item.symbol,
    positionId: item.positionId,
    state: item.ok ? (item.order?.status === 'filled' ? 'filled' : 'accepted') : 'rejected',
    httpStatus: item.httpStatus,
    orderId: item.order?.id ?? null,
    message: item.message,
    brokerCode: item.brokerCode,
    ...(item.remaining !== undefined ? { remaining: item.remaining } : {}),
  }));
}

export function closeAllState(items: CloseAllItem[]): ActionState {
  if (items.some((item) => item.state === 'unknown')) return 'unknown';
  if (items.length > 0 && items.every((item) => item.state === 'rejected')) return 'rejected';
  return 'accepted';
}

export function closeAllMessage(items: CloseAllItem[]): string {
  const total = items.length;
  if (total === 0) return 'There were no positions to close.';
  const refused = items.filter((item) => item.state === 'rejected').length;
  const unknown = items.filter((item) => item.state === 'unknown').length;
  const parts = [`Closing accepted for ${total - refused - unknown} of ${total} positions${inPart(items)}`];
  if (refused > 0) parts.push(`${refused} refused`);
  if (unknown > 0) parts.push(`${unknown} with no answer (outcome unknown: check before closing again)`);
  return `${parts.join('; ')}.`;
}

/** A close that leaves part of a position open must not read as a full one: each such position and what stays. */
function inPart(items: CloseAllItem[]): string {
  const partial = items.filter((item) => item.state !== 'rejected' && item.remaining !== undefined);
  if (partial.length === 0) return '';
  return `, ${partial.length} of them only in part (${partial.map((item) => `${item.symbol}: ${item.remaining} stay open`).join(', ')})`;
}

export type BulkClose = NonNullable<BrokerAdapter['closeAllPositions']>;
