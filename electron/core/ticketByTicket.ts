import type { ActionState, CloseAllItem } from '../../shared/actions';
import type { Position } from '../../shared/domain';
import type { BrokerActionResult, BrokerAdapter } from './brokers/broker';
import { runRateLimited, type RateLimitedOptions } from './rateLimitedRun';

export interface TicketByTicketOptions extends RateLimitedOptions {
  onSettled?: (done: number, total: number) => void;
  /** Each ticket the broker took, with its answer: the order to follow to its fill. */
  onClosed?: (position: Position, result: BrokerActionResult) => void;
}

/**
 * Close all for brokers with no bulk endpoint: one close per ticket through the core's rate-limited runner, so a 429
 * pauses every close and that ticket goes again; any other failure is final for its ticket, and an unknown outcome is
 * never resent.
 */
export async function closeTicketByTicket(
  adapter: BrokerAdapter,
  accountId: string,
  positions: Position[],
  options: TicketByTicketOptions = {},
): Promise<CloseAllItem[]> {
  let settled = 0;
  const close = async (position: Position) => {
    const result = await adapter.closePosition(accountId, position, { kind: 'all' });
    options.onClosed?.(position, result);
    return result;
  };
  const results = await runRateLimited(positions, close, {
    ...options,
    onSettled: () => {
      settled += 1;
      options.onSettled?.(settled, positions.length);
    },
  });
  return results.map((result, index) => {
    const position = positions[index] as Position;
    if (result.ok) {
      const state: ActionState = result.value.order?.status === 'filled' ? 'filled' : 'accepted';
      return item(position, state, result.value.message, { orderId: result.value.order?.id ?? null });
    }
    const failure = result.error;
    return item(position, failure.outcome === 'unknown' ? 'unknown' : 'rejected', failure.message, {
      httpStatus: failure.httpStatus ?? null,
      brokerCode: failure.brokerCode ?? null,
    });
  });
}

function item(
  position: Position,
  state: ActionState,
  message: string,
  extra: { orderId?: string | null; httpStatus?: number | null; brokerCode?: string | null },
): CloseAllItem {
  return {
    symbol: position.symbol,
    positionId: position.id,
    state,
    httpStatus: extra.httpStatus ?? null,
    orderId: extra.orderId ?? null,
    message,
    brokerCode: extra.brokerCode ?? null,
  };
}
