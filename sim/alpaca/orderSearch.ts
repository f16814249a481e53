import { fail, succeed, unprocessable } from './errors';
import type { Outcome } from './errors';
import { parseTimeParam } from './queryParams';
import { isOpenOrder } from './orders';
import type { AlpacaOrder } from './types';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;


/** GET /v1/trading/accounts/{id}/orders: status (default open), limit (50, at most 500), after, until, direction, symbols. */
export function searchOrders(orders: readonly AlpacaOrder[], params: URLSearchParams): Outcome<AlpacaOrder[]> {
  const status = params.get('status') ?? 'open';
  if (status !== 'open' && status !== 'closed' && status !== 'all') return fail(unprocessable('status must be open, closed or all'));
  const limitText = params.get('limit');
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) return fail(unprocessable('limit must be a positive integer'));
  const direction = params.get('direction') ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc') return fail(unprocessable('direction must be asc or desc'));
  const after = parseTimeParam('after', params.get('after'));
  if (!after.ok) return after;
  const until = parseTimeParam('until', params.get('until'));
  if (!until.ok) return until;
  const symbols = params.get('symbols')?.split(',').map((symbol) => symbol.trim().toUpperCase()).filter((symbol) => symbol !== '');
  const found = orders.filter((order) => {
    const submitted = Date.parse(order.submitted_at);
    const open = isOpenOrder(order);
    return (
      (status === 'all' || (status === 'open') === open) &&
      (symbols === undefined || symbols.length === 0 || symbols.includes(order.symbol)) &&
      (after.value === null || submitted > after.value) &&
      (until.value === null || submitted < until.value)
    );
  });
  found.sort((a, b) => Date.parse(a.submitted_at) - Date.parse(b.submitted_at));
  if (direction === 'desc') found.reverse();
  return succeed(found.slice(0, Math.min(limit, MAX_LIMIT)));
}
