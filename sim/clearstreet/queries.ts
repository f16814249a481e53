import { d } from '../shared/decimal';
import { badRequest, fail, succeed } from './errors';
import type { Outcome } from './errors';
import type { ClearStreetSimState } from './state';
import { INSTRUMENT_TYPES, ORDER_STATUSES } from './types';
import type { ClearStreetAccount, ClearStreetOrder, ClearStreetPosition, InstrumentType, OrderStatus } from './types';

const QUERY_PREFIX = 'Failed to deserialize query string: ';

function unknownVariant(name: string, value: string, variants: readonly string[]): Outcome<never> {
  return fail(badRequest(`${QUERY_PREFIX}${name}: unknown variant \`${value}\`, expected one of ${variants.map((v) => `\`${v}\``).join(', ')}`));
}

export function enumParam<T extends string>(query: URLSearchParams, name: string, variants: readonly T[]): Outcome<T | null> {
  const value = query.get(name);
  if (value === null || value === '') return succeed(null);
  return (variants as readonly string[]).includes(value) ? succeed(value as T) : unknownVariant(name, value, variants);
}

/** Comma-separated values (`style: form, explode: false`), blanks dropped. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return (query.get(name) ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '');
}

function enumListParam<T extends string>(query: URLSearchParams, name: string, variants: readonly T[]): Outcome<T[]> {
  const values = listParam(query, name);
  for (const value of values) if (!(variants as readonly string[]).includes(value)) return unknownVariant(name, value, variants);
  return succeed(values as T[]);
}

function timeParam(query: URLSearchParams, name: string): Outcome<number | null> {
  const value = query.get(name);
  if (value === null || value === '') return succeed(null);
  const time = Date.parse(value);
  return Number.isNaN(time) ? fail(badRequest(`${QUERY_PREFIX}${name}: \`${value}\` is not an ISO 8601 date-time`)) : succeed(time);
}

/** `account_id` is a prefix of the decimal id, `account_name` a case-insensitive part of the full name; both must hold. */
export function searchAccounts(accounts: readonly ClearStreetAccount[], query: URLSearchParams): ClearStreetAccount[] {
  const idPrefix = query.get('account_id') ?? '';
  const name = (query.get('account_name') ?? '').toLowerCase();
  return accounts.filter((account) => String(account.id).startsWith(idPrefix) && account.full_name.toLowerCase().includes(name));
}

/** Symbols or instrument ids, resolved to the symbols they name; an unknown one matches nothing. */
function symbolsOf(state: ClearStreetSimState, references: readonly string[]): Set<string> {
  return new Set(references.map((reference) => state.getInstrument(reference)?.symbol ?? `?${reference}`));
}

/** GET /v1/accounts/{id}/orders: filtered, newest first. */
export function searchOrders(state: ClearStreetSimState, orders: readonly ClearStreetOrder[], query: URLSearchParams): Outcome<ClearStreetOrder[]> {
  const statuses = enumListParam<OrderStatus>(query, 'status', ORDER_STATUSES);
  if (!statuses.ok) return statuses;
  const instrumentType = enumParam<InstrumentType>(query, 'instrument_type', INSTRUMENT_TYPES);
  if (!instrumentType.ok) return instrumentType;
  const from = timeParam(query, 'from');
  if (!from.ok) return from;
  const to = timeParam(query, 'to');
  if (!to.ok) return to;
  const wantedStatuses = new Set(statuses.value);
  const symbol = query.get('symbol')?.toUpperCase() ?? '';
  const instruments = symbolsOf(state, listParam(query, 'instrument_ids'));
  const ids = new Set(listParam(query, 'order_ids'));
  const found = orders.filter((order) => {
    const created = Date.parse(order.created_at);
    return (
      (wantedStatuses.size === 0 || wantedStatuses.has(order.status)) &&
      (symbol === '' || order.symbol === symbol) &&
      (instruments.size === 0 || (order.symbol !== null && instruments.has(order.symbol))) &&
      (ids.size === 0 || ids.has(order.id)) &&
      (instrumentType.value === null || order.instrument_type === instrumentType.value) &&
      (from.value === null || created >= from.value) &&
      (to.value === null || created <= to.value)
    );
  });
  return succeed(found.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id)));
}

const SORT_FIELDS = ['SYMBOL', 'INSTRUMENT_TYPE', 'QUANTITY', 'MARKET_VALUE', 'POSITION_TYPE', 'UNREALIZED_PNL', 'DAILY_UNREALIZED_PNL', 'DAILY_REALIZED_PNL'] as const;
type SortField = (typeof SORT_FIELDS)[number];

function compareBy(field: SortField): (a: ClearStreetPosition, b: ClearStreetPosition) => number {
  const decimal = (pick: (p: ClearStreetPosition) => string | null) => (a: ClearStreetPosition, b: ClearStreetPosition) =>
    d(pick(a) ?? '0').comparedTo(d(pick(b) ?? '0'));
  switch (field) {
    case 'SYMBOL':
      return (a, b) => a.symbol.localeCompare(b.symbol);
    case 'INSTRUMENT_TYPE':
      return (a, b) => a.instrument_type.localeCompare(b.instrument_type);
    case 'POSITION_TYPE':
      return (a, b) => a.position_type.localeCompare(b.position_type);
    case 'QUANTITY':
      return decimal((p) => p.quantity);
    case 'MARKET_VALUE':
      return decimal((p) => p.market_value);
    case 'UNREALIZED_PNL':
      return decimal((p) => p.unrealized_pnl);
    case 'DAILY_UNREALIZED_PNL':
      return decimal((p) => p.daily_unrealized_pnl);
    case 'DAILY_REALIZED_PNL':
      return decimal((p) => p.daily_realized_pnl);
  }
}

/** GET /v1/accounts/{id}/positions: `instrument_ids` narrows, `sort_by` / `sort_direction` order (symbol, ascending by default). */
export function searchPositions(state: ClearStreetSimState, positions: readonly ClearStreetPosition[], query: URLSearchParams): Outcome<ClearStreetPosition[]> {
  const sortBy = enumParam<SortField>(query, 'sort_by', SORT_FIELDS);
  if (!sortBy.ok) return sortBy;
  const direction = enumParam(query, 'sort_direction', ['ASC', 'DESC'] as const);
  if (!direction.ok) return direction;
  const instruments = symbolsOf(state, listParam(query, 'instrument_ids'));
  const compare = compareBy(sortBy.value ?? 'SYMBOL');
  const sign = direction.value === 'DESC' ? -1 : 1;
  return succeed(
    positions
      .filter((position) => instruments.size === 0 || instruments.has(position.symbol))
      .sort((a, b) => sign * compare(a, b) || a.symbol.localeCompare(b.symbol)),
  );
}
