import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CloseAmount } from '../../../../shared/actions';
import { BROKER_CAPABILITIES } from '../../../../shared/brokers';
import type { Account, ClosedTrade, Order, Position } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { DEFAULT_BROKER_TIMEOUT_MS, type AccountListing, type AdapterOptions, type BrokerActionResult, type BrokerAdapter, type BulkCancelItem, type BulkCloseItem, type BulkCloseResult, type HeldDigest, type BodyPoll } from '../broker';
import type { DestructiveAction } from '../brokerErrors';
import { createAlpacaClient, mapAnswer, segment, type AlpacaAnswer, type AlpacaClient } from './client';
import { readRows } from '../rowFields';
import { readErrorBody } from './errors';
import { journalCash, listCashJournals } from './journals';
import { positionSymbol, toAccount, toBalances, toFill, toOrder, toPosition } from './mapping';
import {
  accountSchema,
  orderCancelItemSchema,
  orderSchema,
  positionCloseItemSchema,
  tradeAccountSchema,
} from './schemas';

/** The most accounts one answer holds. */
const ACCOUNT_PAGE = 1000;
/**
 * A ceiling on account pages (about a million accounts), so a broker that ignores created_after cannot loop Closeout;
 * one that does ends sooner, on its first page with nothing new.
 */
const MAX_ACCOUNT_PAGES = 1000;
/** Alpaca's maximum page of orders. */
const ORDER_PAGE = 500;
/** A ceiling on pages, so a broker that ignores `until` cannot keep Closeout paging forever. */
const MAX_ORDER_PAGES = 20;

const CLOSE: DestructiveAction = { what: 'the close', check: 'check the positions' };
const CLOSE_ALL: DestructiveAction = { what: 'the close of all positions', check: 'check the positions' };
const CANCEL: DestructiveAction = { what: 'the cancel', check: 'check the orders' };
const CANCEL_ALL: DestructiveAction = { what: 'the cancel of all orders', check: 'check the orders' };
const CLOSE_ACCOUNT: DestructiveAction = { what: 'the account close', check: 'check the account status' };

const paths = {
  accounts: '/v1/accounts',
  account: (id: string) => `/v1/accounts/${segment(id)}`,
  closeAccount: (id: string) => `/v1/accounts/${segment(id)}/actions/close`,
  tradeAccount: (id: string) => `/v1/trading/accounts/${segment(id)}/account`,
  positions: (id: string) => `/v1/trading/accounts/${segment(id)}/positions`,
  position: (id: string, symbol: string) => `/v1/trading/accounts/${segment(id)}/positions/${segment(symbol)}`,
  orders: (id: string) => `/v1/trading/accounts/${segment(id)}/orders`,
  order: (id: string, orderId: string) => `/v1/trading/accounts/${segment(id)}/orders/${segment(orderId)}`,
};

function accountMissing(accountId: string): string {
  return `Account ${accountId} was not found.`;
}

export function createAlpacaAdapter(options: AdapterOptions): BrokerAdapter {
  const { keyId, secret } = options.credentials;
  if (!keyId) {
    throw new AppError({ code: 'credentials_missing', broker: 'alpaca', field: 'keyId', message: 'An Alpaca connection needs a key id as well as a secret.' });
  }
  const client = createAlpacaClient({ baseUrl: options.baseUrl, keyId, secret, timeoutMs: options.timeoutMs ?? DEFAULT_BROKER_TIMEOUT_MS });

  return {
    kind: 'alpaca',
    capabilities: BROKER_CAPABILITIES.alpaca,

    listAccounts: (search, listing) => listAllAccounts(client, search, listing ?? {}),

    async getAccount(accountId) {
      const answer = await client.send({ method: 'GET', path: paths.account(accountId), notFound: accountMissing(accountId) });
      const account = client.read(answer, accountSchema);
      return mapAnswer(answer, () => toAccount(account));
    },

    async getBalances(accountId) {
      const answer = await client.send({ method: 'GET', path: paths.tradeAccount(accountId), notFound: accountMissing(accountId) });
      const tradeAccount = client.read(answer, tradeAccountSchema);
      return mapAnswer(answer, () => toBalances(accountId, tradeAccount));
    },

    async listPositions(accountId) {
      return readPositions(client, await client.send({ method: 'GET', path: paths.positions(accountId), notFound: accountMissing(accountId) }), accountId);
    },

    async pollPositions(accountId, held) {
      const answer = await client.send({ method: 'GET', path: paths.positions(accountId), notFound: accountMissing(accountId) });
      const digest = answer.response.digest();
      return held(digest) ? { digest, items: null } : { digest, items: readPositions(client, answer, accountId) };
    },

    listOrders: async (accountId) => (await listOpenOrders(client, accountId)).items,

    pollOrders: (accountId, held) => listOpenOrders(client, accountId, held),

    async getOrder(accountId, orderId) {
      const answer = await client.send({ method: 'GET', path: paths.order(accountId, orderId), notFound: `Order ${orderId} was not found in account ${accountId}.` });
      const order = client.read(answer, orderSchema);
      return mapAnswer(answer, () => toOrder(accountId, order));
    },

    listCloseHistory: (accountId) => listFillsOfTheDay(client, accountId, new Date()),

    async closePosition(accountId, position, amount) {
      const answer = await client.send({
        method: 'DELETE',
        path: paths.position(accountId, position.id),
        query: closeQuery(amount),
        action: CLOSE,
        notFound: `Position ${position.symbol} was not found in account ${accountId}.`,
      });
      const order = acceptedOrder(accountId, () => answer.response.json());
      return {
        requestId: answer.requestId,
        order,
        message: order
          ? `Alpaca accepted the close of ${position.symbol}: ${order.side} order ${order.id} is ${order.status}.`
          : `Alpaca accepted the close of ${position.symbol}; its closing order could not be read, so check the positions.`,
      };
    },

    async closeAllPositions(accountId, { cancelOrders }) {
      const answer = await client.send({
        method: 'DELETE',
        path: paths.positions(accountId),
        query: { cancel_orders: String(cancelOrders) },
        action: CLOSE_ALL,
        notFound: accountMissing(accountId),
      });
      const lines = client.read(answer, z.array(positionCloseItemSchema));
      const result: BulkCloseResult = {
        requestId: answer.requestId,
        items: lines.map((line) => closeItem(accountId, line)),
      };
      return result;
    },

    async cancelOrder(accountId, orderId) {
      const answer = await client.send({
        method: 'DELETE',
        path: paths.order(accountId, orderId),
        action: CANCEL,
        notFound: `Order ${orderId} was not found.`,
      });
      return actionAccepted(answer, `Alpaca accepted the cancel of order ${orderId}.`);
    },

    async cancelAllOrders(accountId) {
      const answer = await client.send({ method: 'DELETE', path: paths.orders(accountId), action: CANCEL_ALL, notFound: accountMissing(accountId) });
      const lines = client.read(answer, z.array(orderCancelItemSchema));
      return { requestId: answer.requestId, items: lines.map((line) => cancelItem(accountId, line)) };
    },

    async closeAccount(accountId) {
      const answer = await client.send({ method: 'POST', path: paths.closeAccount(accountId), action: CLOSE_ACCOUNT, notFound: accountMissing(accountId) });
      return actionAccepted(answer, `Alpaca accepted the close of account ${accountId}.`);
    },

    journalCash: (request) => journalCash(client, request),
    listCashJournals: (accountId, options) => listCashJournals(client, accountId, options),
  };
}

/**
 * Every account, oldest first. One answer holds at most 1000, newest first unless asked otherwise: Closeout asks for
 * oldest first and scrolls with created_after, as the reference says to. created_after is exclusive, so the next page
 * starts one millisecond before the newest account seen: accounts sharing that time are not skipped, the ones seen
 * twice are dropped by id, and a page with nothing new ends the loop. Each page goes to `onPage` as it arrives, so a
 * picker shows the first thousand of 100,000 accounts while the rest are read.
 */
async function listAllAccounts(client: AlpacaClient, search: string | undefined, { onPage, limit }: AccountListing): Promise<Account[]> {
  const accounts = new Map<string, Account>();
  let createdAfter: string | undefined;
  for (let page = 0; page < MAX_ACCOUNT_PAGES; page += 1) {
    const answer = await client.send({
      method: 'GET',
      path: paths.accounts,
      // The list omits names unless asked for the identity entity.
      query: { query: search, entities: 'contact,identity', sort: 'asc', created_after: createdAfter },
      notFound: 'Alpaca has no account list at this address: check the connection URL.',
    });
    const raw = client.read(answer, z.array(accountSchema));
    const unseen = mapAnswer(answer, () => raw.map(toAccount)).filter((account) => !accounts.has(account.id));
    const fresh = limit === undefined ? unseen : unseen.slice(0, Math.max(0, limit - accounts.size));
    for (const account of fresh) accounts.set(account.id, account);
    if (fresh.length > 0) onPage?.(fresh);
    const newest = Date.parse(raw.at(-1)?.created_at ?? '');
    const full = limit !== undefined && accounts.size >= limit;
    if (raw.length < ACCOUNT_PAGE || fresh.length === 0 || full || Number.isNaN(newest)) break;
    createdAfter = new Date(newest - 1).toISOString();
  }
  return [...accounts.values()];
}

/**
 * The working orders, newest first. Alpaca pages at 500 and its `until` is exclusive, so the next page asks for orders
 * submitted before one millisecond after the oldest one seen: orders sharing that timestamp are not skipped, the ones
 * seen twice are dropped by id, and a page with nothing new (a broker that ignores `until`) ends the loop.
 */
function readPositions(client: AlpacaClient, answer: AlpacaAnswer, accountId: string): Position[] {
  const body = client.readJson(answer);
  return mapAnswer(answer, () => readRows(body, (row) => toPosition(accountId, row)));
}

/**
 * Every open order, page by page, with the digest of the answers they came from. When `held` knows the first page's
 * digest, nothing is read: identical first-page bytes mean the same rows, so the same decision about a second page, and
 * a list of more than one page has the digest of all its pages, never the first page's alone.
 */
async function listOpenOrders(client: AlpacaClient, accountId: string): Promise<{ digest: string; items: Order[] }>;
async function listOpenOrders(client: AlpacaClient, accountId: string, held: HeldDigest): Promise<BodyPoll<Order>>;
async function listOpenOrders(client: AlpacaClient, accountId: string, held?: HeldDigest): Promise<BodyPoll<Order>> {
  const orders = new Map<string, Order>();
  const digests: string[] = [];
  let until: string | undefined;
  for (let page = 0; page < MAX_ORDER_PAGES; page += 1) {
    const answer = await client.send({
      method: 'GET',
      path: paths.orders(accountId),
      query: { status: 'open', limit: String(ORDER_PAGE), direction: 'desc', until },
      notFound: accountMissing(accountId),
    });
    digests.push(answer.response.digest());
    if (page === 0 && held?.(digests[0] ?? '') === true) return { digest: digests[0] ?? '', items: null };
    const raw = client.read(answer, z.array(orderSchema));
    const fresh = mapAnswer(answer, () => raw.map((order) => toOrder(accountId, order))).filter((order) => !orders.has(order.id));
    for (const order of fresh) orders.set(order.id, order);
    const oldest = Date.parse(raw.at(-1)?.submitted_at ?? raw.at(-1)?.created_at ?? '');
    if (raw.length < ORDER_PAGE || fresh.length === 0 || Number.isNaN(oldest)) break;
    until = new Date(oldest + 1).toISOString();
  }
  const digest = digests.length === 1 ? (digests[0] ?? '') : createHash('sha256').update(digests.join('\n')).digest('base64url');
  return { digest, items: [...orders.values()] };
}

/**
 * Orders that filled (in full or in part) since midnight UTC, newest first: Alpaca keeps no close history, and a close is a
 * filled order. One page of the largest size: a desk's day of closes, not an audit export.
 */
async function listFillsOfTheDay(client: AlpacaClient, accountId: string, now: Date): Promise<ClosedTrade[]> {
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const answer = await client.send({
    method: 'GET',
    path: paths.orders(accountId),
    query: { status: 'all', limit: String(ORDER_PAGE), direction: 'desc', after: midnight.toISOString() },
    notFound: accountMissing(accountId),
  });
  const raw = client.read(answer, z.array(orderSchema));
  return mapAnswer(answer, () => raw.map((order) => toFill(accountId, order)).filter((fill): fill is ClosedTrade => fill !== null));
}

function closeQuery(amount: CloseAmount): Record<string, string> {
  if (amount.kind === 'quantity') return { qty: amount.quantity };
  if (amount.kind === 'percent') return { percentage: amount.percent };
  return {};
}

function isSuccess(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** The closing order in an accepted answer, or null when it cannot be read: the close happened either way. */
function acceptedOrder(accountId: string, body: () => unknown): Order | null {
  try {
    const parsed = orderSchema.safeParse(body());
    return parsed.success ? toOrder(accountId, parsed.data) : null;
  } catch {
    return null;
  }
}

function closeItem(accountId: string, line: z.infer<typeof positionCloseItemSchema>): BulkCloseItem {
  const symbol = positionSymbol(line.symbol);
  const base = { symbol, positionId: symbol, httpStatus: line.status };
  if (isSuccess(line.status)) {
    const order = acceptedOrder(accountId, () => line.body);
    return {
      ...base,
      ok: true,
      order,
      brokerCode: null,
      message: order ? `Closing ${order.side} order ${order.id} is ${order.status}.` : 'Alpaca accepted the close.',
    };
  }
  return { ...base, ...refusedLine(line, 'close') };
}

function cancelItem(accountId: string, line: z.infer<typeof orderCancelItemSchema>): BulkCancelItem {
  const base = { orderId: line.id, httpStatus: line.status };
  if (isSuccess(line.status)) {
    const order = acceptedOrder(accountId, () => line.body);
    return { ...base, ok: true, order, brokerCode: null, message: order ? `Alpaca accepted the cancel: the order is ${order.status}.` : 'Alpaca accepted the cancel.' };
  }
  return { ...base, ...refusedLine(line, 'cancel') };
}

/** One refused line of a bulk answer, in the broker's words and code. */
function refusedLine(line: { status: number; body?: unknown }, action: 'close' | 'cancel') {
  const error = readErrorBody(line.body);
  return {
    ok: false as const,
    order: null,
    brokerCode: error.brokerCode ?? null,
    message: `Alpaca rejected the ${action}: ${error.message ?? `HTTP ${line.status} without an explanation`}`,
  };
}

function actionAccepted(answer: AlpacaAnswer, message: string): BrokerActionResult {
  return { requestId: answer.requestId, order: null, message };
}
