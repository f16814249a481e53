import { z } from 'zod';
import { BROKER_CAPABILITIES } from '../../../../shared/brokers';
import type { Account, Position } from '../../../../shared/domain';
import { AppError, validationError } from '../../../../shared/errors';
import { DEFAULT_BROKER_TIMEOUT_MS, type AdapterOptions, type BrokerActionResult, type BrokerAdapter } from '../broker';
import { brokerRejected, notFound, type DestructiveAction } from '../brokerErrors';
import { createExnessClient, mapAnswer, type ExnessAnswer, type ExnessClient } from './client';
import { closeDetails, closeMessage, closingOrder, toAccount, toBalances, toClosedTrade, toPosition, withQuotedHistoryScales, withQuotedScales } from './mapping';
import { balanceSchema, closeAnswerSchema, closedOrderSchema, closedSummarySchema, openOrderSchema, type Balance, type ClosedSummary } from './schemas';
import { readPlatformToken } from './token';

const CAPABILITIES = BROKER_CAPABILITIES.exness;

const paths = {
  /** The seed's name for the open-orders list; the platform's docs head the same page /trade/open. */
  openOrders: '/api/v1/trade/orders',
  openOrdersDocs: '/api/v1/trade/open',
  close: '/api/v1/trade/close',
  history: '/api/v1/trade/close',
  balance: '/api/v1/balance',
};

const NOT_FOUND_OR_CLOSED = 'Order not found or already closed';
const ORDER_ID_MISMATCH = 'Order ID mismatch';

function closeAction(ticket: string): DestructiveAction {
  return {
    what: `the close of ticket ${ticket}`,
    check: 'check the open orders: the platform\'s engine can still close it after the API stops waiting (5 seconds)',
  };
}

function noRoute(what: string): string {
  return `Exness has no ${what} at this address: check the connection URL (it should be the platform's address, without /api/v1).`;
}

/** The platform's API names no account: a token that names no user still stands for its one account, under this id. */
const TOKEN_HOLDER = 'token-holder';

/**
 * The Exness-style platform: one bearer token, one user, one account. The token is read when the adapter is created;
 * only a secret that cannot be a bearer token is refused there, as a validation error on `secret`.
 */
export function createExnessAdapter(options: AdapterOptions): BrokerAdapter {
  const token = readPlatformToken(options.credentials.secret);
  const user = { userId: token.userId ?? TOKEN_HOLDER, email: token.email };
  const client = createExnessClient({
    baseUrl: options.baseUrl,
    bearer: token.bearer,
    tokenExpiresAt: token.expiresAt,
    tokenExpiryUnread: token.expiryUnread,
    timeoutMs: options.timeoutMs ?? DEFAULT_BROKER_TIMEOUT_MS,
  });
  // Which name of the open-orders list this platform answers to, once one has worked.
  let openOrdersPath: string | null = null;

  function requireAccount(accountId: string, destructive = false): void {
    if (accountId === user.userId) return;
    throw new AppError({
      code: 'not_found',
      broker: 'exness',
      field: 'accountId',
      message: `Account ${accountId} was not found: this connection's token is for account ${user.userId} only.`,
      ...(destructive ? { outcome: 'not_sent', retryable: false } : {}),
    });
  }

  async function readBalance(): Promise<{ answer: ExnessAnswer; balance: Balance }> {
    const answer = await client.send({ method: 'GET', path: paths.balance, notFound: noRoute('balance') });
    return { answer, balance: client.read(answer, balanceSchema) };
  }

  async function readAccount(): Promise<Account> {
    const { balance } = await readBalance();
    return toAccount(user, balance.currency ?? null);
  }

  async function sendOpenOrders(): Promise<ExnessAnswer> {
    if (openOrdersPath !== null) return client.send({ method: 'GET', path: openOrdersPath, notFound: noRoute('list of open orders') });
    try {
      const answer = await client.send({ method: 'GET', path: paths.openOrders, notFound: noRoute('list of open orders') });
      openOrdersPath = paths.openOrders;
      return answer;
    } catch (error) {
      if (!(error instanceof AppError && error.httpStatus === 404)) throw error;
    }
    const answer = await client.send({
      method: 'GET',
      path: paths.openOrdersDocs,
      notFound: noRoute(`list of open orders (neither ${paths.openOrders} nor ${paths.openOrdersDocs} answered)`),
    });
    openOrdersPath = paths.openOrdersDocs;
    return answer;
  }

  return {
    kind: 'exness',
    capabilities: CAPABILITIES,

    async listAccounts(search) {
      // The balance call proves the platform accepts the token before an account is shown.
      const account = await readAccount();
      const wanted = search?.trim().toLowerCase();
      const matches = !wanted || [account.id, account.name].some((text) => text.toLowerCase().includes(wanted));
      return matches ? [account] : [];
    },

    async getAccount(accountId) {
      requireAccount(accountId);
      return readAccount();
    },

    async getBalances(accountId) {
      requireAccount(accountId);
      const { answer, balance } = await readBalance();
      return mapAnswer(answer, () => toBalances(accountId, balance));
    },

    async listPositions(accountId) {
      requireAccount(accountId);
      const answer = await sendOpenOrders();
      const orders = client.readList(answer, openOrderSchema);
      return mapAnswer(answer, () => withQuotedScales(orders.map((order) => toPosition(accountId, order))));
    },

    async listOrders(accountId) {
      requireAccount(accountId);
      return [];
    },

    async listCloseHistory(accountId) {
      requireAccount(accountId);
      const answer = await client.send({ method: 'GET', path: paths.history, notFound: noRoute('close history') });
      const orders = client.readList(answer, closedOrderSchema);
      return mapAnswer(answer, () => withQuotedHistoryScales(orders.map((order) => toClosedTrade(accountId, order))));
    },

    async closePosition(accountId, position, amount) {
      if (amount.kind !== 'all') throw validationError('amount', `cannot be partial: ${reasonOfNoPartialClose()}`);
      requireAccount(accountId, true);
      const ticket = position.id;
      const answer = await client.send({
        method: 'POST',
        path: paths.close,
        body: { orderId: ticket },
        action: closeAction(ticket),
        notFound: noRoute('close endpoint'),
        refusal: (call, details, words) => {
          // The ticket is gone (closed by an earlier request, by the engine after a timeout, or by a stop): nothing to close.
          if (words.startsWith(NOT_FOUND_OR_CLOSED)) {
            return notFound(call, details, `Ticket ${ticket} (${position.symbol}) is not open at Exness: the platform says "${NOT_FOUND_OR_CLOSED}". Refresh the open orders.`);
          }
          if (words === ORDER_ID_MISMATCH) {
            return brokerRejected(call, details, `${ORDER_ID_MISMATCH} (ticket ${ticket} belongs to another user of the platform)`);
          }
          return undefined;
        },
      });
      return closedResult(answer, client, position);
    },

    async cancelOrder() {
      throw new AppError({ code: 'unsupported', broker: 'exness', outcome: 'not_sent', message: reasonOfNoCancel() });
    },
  };
}

function reasonOfNoPartialClose(): string {
  return CAPABILITIES.partialClose.kind === 'none' ? CAPABILITIES.partialClose.reason : 'the platform closes an order only in full';
}

function reasonOfNoCancel(): string {
  return CAPABILITIES.cancelOrder.available ? 'The platform has no working orders to cancel.' : CAPABILITIES.cancelOrder.reason;
}

/** What the 200 says about the closed ticket: `order` in the answer, or the answer itself being the closed order. */
function summaryOf(body: unknown): ClosedSummary | null {
  const wrapped = closeAnswerSchema.safeParse(body);
  if (wrapped.success && wrapped.data.order) return wrapped.data.order;
  const bare = closedSummarySchema.safeParse(body);
  return bare.success && bare.data.closePrice !== undefined ? bare.data : null;
}

function readSummary(answer: ExnessAnswer, client: ExnessClient): ClosedSummary | null {
  try {
    return summaryOf(client.read(answer, z.unknown()));
  } catch {
    return null;
  }
}

/**
 * A 200 means the engine closed the ticket, so the result is a filled closing order even when the rest of the answer
 * cannot be read: reporting a done close as failed would invite a second one.
 */
function closedResult(answer: ExnessAnswer, client: ExnessClient, position: Position): BrokerActionResult {
  const details = closeDetails(readSummary(answer, client));
  return {
    requestId: answer.requestId,
    order: closingOrder(position, details.closedAt ?? new Date().toISOString(), details.closePrice),
    message: closeMessage(position, details),
    ...(details.profit === null ? {} : { realizedPnl: details.profit }),
  };
}
