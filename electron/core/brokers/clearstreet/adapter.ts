import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CloseAmount } from '../../../../shared/actions';
import { BROKER_CAPABILITIES } from '../../../../shared/brokers';
import { dec, toDecimalString, type Decimal, type DecimalString } from '../../../../shared/decimal';
import type { Account, ClosedTrade, Order, Position } from '../../../../shared/domain';
import { AppError, validationError } from '../../../../shared/errors';
import { DEFAULT_BROKER_TIMEOUT_MS, type AdapterOptions, type BrokerActionResult, type BrokerAdapter, type BulkCancelItem, type BulkCloseItem } from '../broker';
import { notFound, type DestructiveAction } from '../brokerErrors';
import { createClearStreetClient, mapAnswer, segment, type ClearStreetAnswer, type ClearStreetCall, type ClearStreetClient } from './client';
import { readErrorBody } from './errors';
import { FILLED_ORDER_STATUSES, toAccount, toBalances, toFill, toOrder, toPosition, WORKING_ORDER_STATUSES } from './mapping';
import { accountSchema, balancesSchema, orderSchema, positionSchema } from './schemas';

/** NewOrderRequest.id: unique per account, at most 64 characters. */
const MAX_CLIENT_ORDER_ID_LENGTH = 64;
const NOTHING_TO_CANCEL = /no orders match/i;

const CLOSE: DestructiveAction = { what: 'the close', check: 'check the positions' };
const CLOSE_ALL: DestructiveAction = { what: 'the close of all positions', check: 'check the positions' };
const CANCEL: DestructiveAction = { what: 'the cancel', check: 'check the orders' };
const CANCEL_ALL: DestructiveAction = { what: 'the cancel of all orders', check: 'check the orders' };

const paths = {
  accounts: '/v1/accounts',
  account: (id: string) => `/v1/accounts/${segment(id)}`,
  balances: (id: string) => `/v1/accounts/${segment(id)}/balances`,
  positions: (id: string) => `/v1/accounts/${segment(id)}/positions`,
  position: (id: string, symbol: string) => `/v1/accounts/${segment(id)}/positions/${segment(symbol)}`,
  orders: (id: string) => `/v1/accounts/${segment(id)}/orders`,
  order: (id: string, orderId: string) => `/v1/accounts/${segment(id)}/orders/${segment(orderId)}`,
};

function accountMissing(accountId: string): string {
  return `Account ${accountId} was not found.`;
}

function mayNotTouch(accountId: string): string {
  return `this API key may not act on account ${accountId}`;
}

/** Clear Street accounts are numbers; anything else would only earn a 400 for the path. */
function accountNumber(accountId: string): string {
  const trimmed = accountId.trim();
  if (!/^\d+$/.test(trimmed)) throw validationError('accountId', 'must be a Clear Street account number (digits only)');
  return trimmed;
}

function accountCall(accountId: string, call: Omit<ClearStreetCall, 'notFound' | 'forbidden'> & { notFound?: string }): ClearStreetCall {
  return { notFound: accountMissing(accountId), forbidden: mayNotTouch(accountId), ...call };
}

export function createClearStreetAdapter(options: AdapterOptions): BrokerAdapter {
  const apiKey = options.credentials.secret;
  if (!apiKey) {
    throw new AppError({ code: 'credentials_missing', broker: 'clearstreet', field: 'secret', message: 'A Clear Street connection needs an API key.' });
  }
  const client = createClearStreetClient({ baseUrl: options.baseUrl, apiKey, timeoutMs: options.timeoutMs ?? DEFAULT_BROKER_TIMEOUT_MS });

  const listPositions = async (accountId: string): Promise<Position[]> => {
    const id = accountNumber(accountId);
    const page = await client.readAllPages(accountCall(id, { method: 'GET', path: paths.positions(id) }), positionSchema);
    // Pages are offsets into a list that can change between them: a position seen twice is kept once.
    const bySymbol = new Map(mapAnswer(page, () => page.items.map((raw) => toPosition(id, raw))).map((position) => [position.id, position]));
    return [...bySymbol.values()];
  };

  return {
    kind: 'clearstreet',
    capabilities: BROKER_CAPABILITIES.clearstreet,

    async listAccounts(search, listing) {
      const text = search?.trim() ?? '';
      // The API filters by account_id (a prefix of the decimal id) or account_name (part of the full name): digits
      // alone can only be an id, anything else is looked for in the names.
      const query = text === '' ? {} : /^\d+$/.test(text) ? { account_id: text } : { account_name: text };
      const byId = new Map<string, Account>();
      await client.readAllPages(
        { method: 'GET', path: paths.accounts, query, notFound: 'Clear Street has no account list at this address: check the connection URL.', forbidden: 'this API key may not list accounts' },
        accountSchema,
        (items, answer) => {
          const fresh = mapAnswer(answer, () => items.map(toAccount)).filter((account) => !byId.has(account.id));
          for (const account of fresh) byId.set(account.id, account);
          if (fresh.length > 0) listing?.onPage?.(fresh);
        },
      );
      const accounts = [...byId.values()];
      return listing?.limit === undefined ? accounts : accounts.slice(0, listing.limit);
    },

    async getAccount(accountId) {
      const id = accountNumber(accountId);
      const answer = await client.send(accountCall(id, { method: 'GET', path: paths.account(id) }));
      const account = client.read(answer, accountSchema);
      return mapAnswer(answer, () => toAccount(account));
    },

    async getBalances(accountId) {
      const id = accountNumber(accountId);
      const answer = await client.send(accountCall(id, { method: 'GET', path: paths.balances(id) }));
      const balances = client.read(answer, balancesSchema);
      return mapAnswer(answer, () => toBalances(id, balances));
    },

    listPositions,

    async listOrders(accountId) {
      const id = accountNumber(accountId);
      const page = await client.readAllPages(
        accountCall(id, { method: 'GET', path: paths.orders(id), query: { status: WORKING_ORDER_STATUSES.join(',') } }),
        orderSchema,
      );
      const byId = new Map(mapAnswer(page, () => page.items.map((raw) => toOrder(id, raw))).map((order) => [order.id, order]));
      return [...byId.values()];
    },

    async getOrder(accountId, orderId) {
      const id = accountNumber(accountId);
      const answer = await client.send(accountCall(id, { method: 'GET', path: paths.order(id, orderId), notFound: `Order ${orderId} was not found in account ${id}.` }));
      const order = client.read(answer, orderSchema);
      return mapAnswer(answer, () => toOrder(id, order));
    },

    async listCloseHistory(accountId) {
      const id = accountNumber(accountId);
      const now = new Date();
      const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const page = await client.readAllPages(
        accountCall(id, { method: 'GET', path: paths.orders(id), query: { status: FILLED_ORDER_STATUSES.join(','), from: midnight.toISOString() } }),
        orderSchema,
      );
      const fills = mapAnswer(page, () => page.items.map((raw) => toFill(id, raw)).filter((fill): fill is ClosedTrade => fill !== null));
      return fills.sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
    },

    async closePosition(accountId, position, amount, closeOptions = {}) {
      const id = accountNumber(accountId);
      if (amount.kind === 'percent') throw validationError('percent', 'is not accepted by Clear Street: give a number of shares instead');
      if (amount.kind === 'all') return closeWhole(client, id, position);
      return closePart(client, id, position, amount, closeOptions.clientOrderId ?? randomUUID());
    },

    async closeAllPositions(accountId, { cancelOrders }) {
      const id = accountNumber(accountId);
      // Listed first: a position that gets no closing order must still be reported, and only this list names it.
      const before = await listPositions(id);
      const answer = await client.send(
        accountCall(id, { method: 'DELETE', path: paths.positions(id), body: cancelOrders ? { cancel_orders: true } : null, action: CLOSE_ALL }),
      );
      const orders = mapAnswer(answer, () => client.read(answer, z.array(orderSchema)).map((raw) => toOrder(id, raw)));
      const closing = closingQuantities(orders);
      const held = new Map(before.map((position) => [position.symbol, position]));
      const items: BulkCloseItem[] = orders.map((order) => {
        const left = leftOpen(held.get(order.symbol), closing.get(order.symbol), cancelOrders);
        return {
          symbol: order.symbol,
          positionId: order.symbol,
          ok: true,
          httpStatus: answer.response.status,
          order,
          message: `Closing ${order.side} order ${order.id} for ${order.quantity ?? '?'} is ${order.status}.${left ? ` ${left.why}` : ''}`,
          brokerCode: null,
          ...(left ? { remaining: left.remaining } : {}),
        };
      });
      // A holding no order can close (cash) is no failure of the close: it is left out, as the positions list marks it.
      for (const position of before.filter((candidate) => !closing.has(candidate.symbol) && candidate.notClosable === undefined)) {
        items.push({
          symbol: position.symbol,
          positionId: position.id,
          ok: false,
          httpStatus: null,
          order: null,
          message: cancelOrders
            ? 'No closing order was returned for this position.'
            : 'No closing order was returned for this position: working orders may hold all of it; close again with its orders cancelled.',
          brokerCode: null,
        });
      }
      return { requestId: answer.requestId, items };
    },

    async cancelOrder(accountId, orderId) {
      const id = accountNumber(accountId);
      const answer = await client.send(
        accountCall(id, {
          method: 'DELETE',
          path: paths.order(id, orderId),
          action: CANCEL,
          notFound: `Order ${orderId} was not found among the working orders of account ${id}: it may already be filled or cancelled.`,
        }),
      );
      const order = acceptedOrders(answer, id)[0] ?? null;
      return {
        requestId: answer.requestId,
        order,
        message: order ? `Clear Street accepted the cancel of order ${orderId}: it is ${order.status}.` : `Clear Street accepted the cancel of order ${orderId}.`,
      };
    },

    async cancelAllOrders(accountId) {
      const id = accountNumber(accountId);
      const call = accountCall(id, { method: 'DELETE', path: paths.orders(id), action: CANCEL_ALL, accept: [404] });
      const answer = await client.send(call);
      if (answer.response.status === 404) {
        // "No orders match the specified filters": nothing was working, which is not a failure.
        if (NOTHING_TO_CANCEL.test(readErrorBody(answer.body).message ?? '')) return { requestId: answer.requestId, items: [] };
        throw client.errorOf(answer, call);
      }
      const orders = mapAnswer(answer, () => client.read(answer, z.array(orderSchema)).map((raw) => toOrder(id, raw)));
      // One answer for the call: each order's line is the order as it now stands, PENDING_CANCEL when Clear Street took it.
      return { requestId: answer.requestId, items: orders.map((order) => cancelItem(order, answer.response.status)) };
    },
  };
}

function cancelItem(order: Order, httpStatus: number): BulkCancelItem {
  const ok = order.status === 'pending_cancel' || order.status === 'canceled';
  return {
    orderId: order.id,
    ok,
    httpStatus,
    order,
    brokerCode: null,
    message: ok ? `Clear Street accepted the cancel: the order is ${order.status}.` : `Clear Street did not take the cancel: the order is ${order.status}.`,
  };
}

/** What the closing orders of one close all add up to, per symbol; an order without a quantity makes its symbol unknown. */
function closingQuantities(orders: readonly Order[]): Map<string, Decimal | null> {
  const totals = new Map<string, Decimal | null>();
  for (const order of orders) {
    const sofar = totals.get(order.symbol);
    if (sofar === null) continue;
    totals.set(order.symbol, order.quantity === null ? null : (sofar ?? dec('0')).plus(dec(order.quantity)));
  }
  return totals;
}

/**
 * Without cancel_orders, Clear Street closes only the quantity no working order holds (XOM 77 of 158 while a sell limit
 * holds 81), and says nothing of the rest: compared with the position listed just before, what stays open and why.
 */
function leftOpen(position: Position | undefined, closing: Decimal | null | undefined, cancelOrders: boolean): { remaining: DecimalString; why: string } | null {
  if (position === undefined || closing === null || closing === undefined) return null;
  const remaining = dec(position.quantity).minus(closing);
  if (remaining.lessThanOrEqualTo(0)) return null;
  const of = `${toDecimalString(remaining)} of ${position.quantity} stay open`;
  const heldByOrders = !cancelOrders && dec(position.available).equals(closing);
  return {
    remaining: toDecimalString(remaining),
    why: heldByOrders
      ? `${of}, held by working orders: cancel them, or close again with its orders cancelled.`
      : `${of}: Clear Street's closing order is for less than the position, so check the positions.`,
  };
}

/**
 * The orders in an answer to an accepted close or cancel, or none when they cannot be read: the broker acted either
 * way, so an unreadable order must not turn an accepted action into an error.
 */
function acceptedOrders(answer: ClearStreetAnswer, accountId: string): Order[] {
  const envelope = z.object({ data: z.unknown() }).safeParse(answer.body);
  if (!envelope.success) return [];
  const raw = Array.isArray(envelope.data.data) ? envelope.data.data : [envelope.data.data];
  const orders: Order[] = [];
  for (const item of raw) {
    const parsed = orderSchema.safeParse(item);
    if (!parsed.success) return [];
    try {
      orders.push(toOrder(accountId, parsed.data));
    } catch {
      return [];
    }
  }
  return orders;
}

function describeOrder(order: Order): string {
  return `${order.side} order ${order.id} for ${order.quantity ?? '?'} is ${order.status}`;
}

/** DELETE the position: Clear Street answers with the closing orders it placed, or with none when nothing was open. */
async function closeWhole(client: ClearStreetClient, accountId: string, position: Position): Promise<BrokerActionResult> {
  const answer = await client.send(
    accountCall(accountId, {
      method: 'DELETE',
      path: paths.position(accountId, position.id),
      body: null,
      action: CLOSE,
      notFound: `Position ${position.symbol} was not found in account ${accountId}.`,
    }),
  );
  const orders = acceptedOrders(answer, accountId);
  const listed = z.object({ data: z.array(z.unknown()) }).safeParse(answer.body);
  if (listed.success && listed.data.data.length === 0) {
    throw notFound(
      answer.call,
      { httpStatus: answer.response.status, ...(answer.requestId ? { requestId: answer.requestId } : {}) },
      `Clear Street placed no closing order for ${position.symbol} in account ${accountId}: the position may already be closed.`,
    );
  }
  const [first] = orders;
  const more = orders.length > 1 ? ` (and ${orders.length - 1} more closing orders)` : '';
  return {
    requestId: answer.requestId,
    order: first ?? null,
    message: first
      ? `Clear Street accepted the close of ${position.symbol}: ${describeOrder(first)}${more}.`
      : `Clear Street accepted the close of ${position.symbol}; its closing order could not be read, so check the positions.`,
  };
}

/**
 * Neither close endpoint takes a quantity: part of a position is closed by an opposite MARKET order for that many
 * shares. Its client id is the only idempotency handle Clear Street has: a deliberate retry passes the same one, and
 * the broker refuses it if the first attempt arrived.
 */
async function closePart(
  client: ClearStreetClient,
  accountId: string,
  position: Position,
  amount: Extract<CloseAmount, { kind: 'quantity' }>,
  clientOrderId: string,
): Promise<BrokerActionResult> {
  if (clientOrderId.length === 0 || clientOrderId.length > MAX_CLIENT_ORDER_ID_LENGTH) {
    throw validationError('clientOrderId', `must be 1 to ${MAX_CLIENT_ORDER_ID_LENGTH} characters long`);
  }
  const order = {
    id: clientOrderId,
    symbol: position.symbol,
    side: position.side === 'short' ? 'BUY' : 'SELL',
    quantity: amount.quantity,
    order_type: 'MARKET',
    time_in_force: 'DAY',
  };
  const answer = await client.send(accountCall(accountId, { method: 'POST', path: paths.orders(accountId), body: [order], action: CLOSE }));
  const [placed] = acceptedOrders(answer, accountId);
  return {
    requestId: answer.requestId,
    order: placed ? { ...placed, clientOrderId: placed.clientOrderId ?? clientOrderId } : null,
    message: placed
      ? `Clear Street accepted the close of ${amount.quantity} ${position.symbol}: ${describeOrder(placed)}.`
      : `Clear Street accepted the close of ${amount.quantity} ${position.symbol} (client order id ${clientOrderId}); its order could not be read, so check the positions.`,
  };
}
