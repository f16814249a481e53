import { d, parseDecimalText, text } from '../shared/decimal';
import type { SimDecimal } from '../shared/decimal';
import { badRequest, fail, forbidden, riskCheckFailed, succeed } from './errors';
import type { Failure, Outcome, RiskViolation } from './errors';
import type { ScheduleOrder } from './fills';
import { availableMagnitude, buildOrder, cloneOrder, heldQuantities } from './orders';
import type { NewOrderRequest } from './requestBodies';
import type { AccountBook, ClearStreetSimState } from './state';
import type { ClearStreetOrder, SimInstrument } from './types';

/** NewOrderRequest.id: "Required to be unique per account", at most 64 characters. */
const MAX_CLIENT_ID_LENGTH = 64;
const MAX_QUANTITY_DECIMALS = 9;

/** Closes, sells and cancels on a non-ACTIVE account are refused by the risk engine, like any other order. */
export function accountRefusal(book: AccountBook): Failure | null {
  const { account } = book;
  if (account.status === 'ACTIVE') return null;
  return riskCheckFailed([
    {
      type: 'ACCOUNT_STATUS',
      description: `Account status: ${account.status} accounts cannot trade`,
      subject: `account:${account.id}`,
      metadata: { account_id: String(account.id), status: account.status },
    },
  ]);
}

interface CheckedOrder {
  request: NewOrderRequest;
  instrument: SimInstrument;
  quantity: SimDecimal;
  id: string;
}

function checkShape(state: ClearStreetSimState, request: NewOrderRequest, index: number): Outcome<Omit<CheckedOrder, 'id'>> {
  const where = `[${index}]`;
  const reference = request.symbol ?? request.instrument_id;
  if (reference === null || reference.trim() === '') return fail(badRequest(`${where}: either \`symbol\` or \`instrument_id\` must be provided`));
  const instrument = state.getInstrument(reference.trim());
  if (instrument === undefined) return fail(badRequest(`${where}: instrument ${reference} could not be resolved`));
  const quantity = parseDecimalText(request.quantity);
  if (quantity === null) return fail(badRequest(`${where}: quantity \`${request.quantity}\` is not a decimal number`));
  if (!quantity.greaterThan(0)) return fail(badRequest(`${where}: Order quantity must be greater than zero`));
  if (quantity.decimalPlaces() > MAX_QUANTITY_DECIMALS) {
    return fail(badRequest(`${where}: quantity may have at most ${MAX_QUANTITY_DECIMALS} decimal places`));
  }
  const needsLimit = request.order_type === 'LIMIT' || request.order_type === 'STOP_LIMIT';
  const needsStop = request.order_type === 'STOP' || request.order_type === 'STOP_LIMIT';
  const needsTrail = request.order_type === 'TRAILING_STOP' || request.order_type === 'TRAILING_STOP_LIMIT';
  for (const [needed, field, value] of [[needsLimit, 'limit_price', request.limit_price], [needsStop, 'stop_price', request.stop_price], [needsTrail, 'trailing_offset', request.trailing_offset]] as const) {
    if (!needed) continue;
    const parsed = value === null ? null : parseDecimalText(value);
    if (parsed === null || !parsed.greaterThan(0)) return fail(badRequest(`${where}: ${field} is required for ${request.order_type} orders and must be a positive decimal`));
  }
  if (request.side === 'OTHER') return fail(badRequest(`${where}: side OTHER cannot be submitted`));
  return succeed({ request, instrument, quantity });
}

/** An id already used in the account, or twice in one batch: the only thing that makes a resent order safe. */
function duplicateRefusal(book: AccountBook, clientId: string, batchIds: ReadonlySet<string>, index: number): Failure | null {
  const existing = book.orders.find((order) => order.client_order_id === clientId);
  if (existing === undefined && !batchIds.has(clientId)) return null;
  const earlier = existing === undefined ? 'another order in this request' : `order ${existing.id} (${existing.status})`;
  return badRequest(`[${index}]: client order id \`${clientId}\` is already used in account ${book.account.id} by ${earlier}`, [
    {
      type: 'DUPLICATE_CLIENT_ORDER_ID',
      subject: existing === undefined ? `client_order_id:${clientId}` : `order:${existing.id}`,
      description: `An order with client order id ${clientId} already exists; no new order was placed`,
    },
  ]);
}

function riskOf(book: AccountBook, state: ClearStreetSimState, orders: readonly CheckedOrder[]): RiskViolation[] {
  const accountId = String(book.account.id);
  const held = heldQuantities(book.orders);
  const quantities = new Map(book.positions.map((position) => [position.symbol, d(position.quantity)]));
  const usedBySymbol = new Map<string, SimDecimal>();
  let buyingPower = d(state.balancesOf(book.account.id).buying_power);
  const violations: RiskViolation[] = [];
  for (const order of orders) {
    const { instrument, quantity, request } = order;
    const position = quantities.get(instrument.symbol) ?? d(0);
    const used = usedBySymbol.get(instrument.symbol) ?? d(0);
    const subject = `order:${order.id}`;
    const base = { account_id: accountId, order_id: order.id, symbol: instrument.symbol, side: request.side };
    if (request.side === 'SELL') {
      const available = position.isNegative() ? d(0) : availableMagnitude(position, held.get(instrument.symbol)).minus(used);
      if (quantity.greaterThan(available)) {
        violations.push({
          type: 'INSUFFICIENT_POSITION',
          description: 'Position: sell quantity > available long quantity',
          subject,
          metadata: { ...base, available: text(available.isNegative() ? d(0) : available), required: text(quantity) },
        });
      }
      usedBySymbol.set(instrument.symbol, used.plus(quantity));
      continue;
    }
    if (request.side === 'SELL_SHORT') {
      if (book.account.subtype !== 'MARGIN') {
        violations.push({ type: 'SHORT_SALE', description: 'Short sale: not allowed in a cash account', subject, metadata: base });
      }
      continue;
    }
    // A buy that covers a short needs no buying power for the covered part.
    const cover = position.isNegative() ? availableMagnitude(position, held.get(instrument.symbol)).minus(used) : d(0);
    const covered = cover.isNegative() ? d(0) : cover.lessThan(quantity) ? cover : quantity;
    usedBySymbol.set(instrument.symbol, used.plus(covered));
    const cost = quantity.minus(covered).times(d(request.limit_price ?? instrument.price));
    if (cost.greaterThan(buyingPower)) {
      violations.push({
        type: 'BUYING_POWER',
        description: 'Buying Power: required > available',
        subject,
        metadata: { ...base, available: text(buyingPower), required_total: text(cost) },
      });
    }
    buyingPower = buyingPower.minus(cost);
  }
  return violations;
}

/**
 * POST /v1/accounts/{id}/orders: every order of the array is checked before any is placed, so a refusal places none.
 * Accepted orders come back PENDING_NEW and move on after the fill delay.
 */
export function submitOrders(
  state: ClearStreetSimState,
  schedule: ScheduleOrder,
  accountId: number,
  requests: readonly NewOrderRequest[],
): Outcome<ClearStreetOrder[]> {
  const book = state.bookOf(accountId);
  if (book === undefined) return fail(forbidden());
  if (requests.length === 0) return fail(badRequest('At least one order must be submitted'));
  const checked: CheckedOrder[] = [];
  const batchIds = new Set<string>();
  for (const [index, request] of requests.entries()) {
    const shape = checkShape(state, request, index);
    if (!shape.ok) return shape;
    if (request.id !== null) {
      if (request.id.length === 0 || request.id.length > MAX_CLIENT_ID_LENGTH) {
        return fail(badRequest(`[${index}]: id must be 1 to ${MAX_CLIENT_ID_LENGTH} characters long`));
      }
      const duplicate = duplicateRefusal(book, request.id, batchIds, index);
      if (duplicate !== null) return fail(duplicate);
      batchIds.add(request.id);
    }
    checked.push({ ...shape.value, id: state.newId() });
  }
  const refusal = accountRefusal(book);
  if (refusal !== null) return fail(refusal);
  const violations = riskOf(book, state, checked);
  if (violations.length > 0) return fail(riskCheckFailed(violations));

  const now = state.now();
  const placed = checked.map(({ request, instrument, quantity, id }) =>
    buildOrder(
      accountId,
      instrument,
      {
        id,
        symbol: instrument.symbol,
        side: request.side,
        quantity: text(quantity),
        order_type: request.order_type,
        time_in_force: request.time_in_force,
        limit_price: request.limit_price,
        stop_price: request.stop_price,
        status: 'PENDING_NEW',
        ...(request.id === null ? {} : { client_order_id: request.id }),
      },
      state.newId,
      now,
    ),
  );
  book.orders.push(...placed);
  const answer = placed.map(cloneOrder);
  for (const order of placed) schedule(accountId, order.id);
  return succeed(answer);
}
