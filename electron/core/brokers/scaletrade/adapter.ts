import { BROKER_CAPABILITIES } from '../../../../shared/brokers';
import type { Account } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import { DEFAULT_BROKER_TIMEOUT_MS, type AdapterOptions, type BrokerAdapter, type BrokerCredentials } from '../broker';
import type { DestructiveAction } from '../brokerErrors';
import { createScaleTradeClient, mapAnswer, type ScaleTradeClient } from './client';
import { readClosingTrades } from './closingTrades';
import { acceptedLots, closingOrder, describeClose, describeLots, planClose } from './closeRequest';
import { isMarketTrade, toAccount, toBalances, toClosedTrade, toOrder, toPosition } from './mapping';
import { accountMeSchema, closeAnswerSchema, tradeTableSchema } from './schemas';
import { createScaleTradeSession } from './session';
import { readTradeTable, type TradeRecord } from './tradeTable';

/** Rows per GET /trades page. */
export const TRADE_PAGE = 200;
/** A ceiling on pages, so a broker whose count never agrees with its rows cannot keep Closeout paging forever. */
const MAX_TRADE_PAGES = 500;
/** Close history is read from its newest end (tickets rise with time), up to this many trades. */
export const HISTORY_LIMIT = 2_000;

const TRADE_TYPE = { open: 1, closed: 2, pending: 3 } as const;
const CLOSE: DestructiveAction = { what: 'the close', check: 'check the positions' };
const NO_PROFILE = 'ScaleTrade has no account profile at this address: check the connection URL.';
const NO_TRADES = 'ScaleTrade has no trade list at this address: check the connection URL.';

export interface ScaleTradeAdapterClock {
  /** Milliseconds; Date.now by default. Decides when the token is about to expire. */
  now?: () => number;
}

/** The login comes as `login`; a connection form that only has a key id field may put the digits there. */
function loginOf(credentials: BrokerCredentials): number {
  const keyId = credentials.keyId?.trim();
  const login = credentials.login ?? (keyId !== undefined && /^\d+$/.test(keyId) ? Number(keyId) : undefined);
  if (login === undefined || !Number.isSafeInteger(login) || login < 0) {
    throw new AppError({
      code: 'credentials_missing',
      broker: 'scaletrade',
      field: 'login',
      message: 'A ScaleTrade connection needs the account login (a whole number) as well as the password.',
    });
  }
  return login;
}

function unavailable(message: string): AppError {
  return new AppError({ code: 'unsupported', broker: 'scaletrade', outcome: 'not_sent', retryable: false, message });
}

/** ScaleTrade's client REST API: one account per login, one ticket per trade, closed ticket by ticket. */
export function createScaleTradeAdapter(options: AdapterOptions, clock: ScaleTradeAdapterClock = {}): BrokerAdapter {
  const login = loginOf(options.credentials);
  const accountId = String(login);
  const now = clock.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_BROKER_TIMEOUT_MS;
  const session = createScaleTradeSession({ baseUrl: options.baseUrl, login, password: options.credentials.secret, timeoutMs, now });
  const client = createScaleTradeClient({ baseUrl: options.baseUrl, timeoutMs, session, now });

  /** Every account-scoped call names the one account this login has; any other id is not found, and nothing is sent. */
  const requireOwn = (requested: string): void => {
    if (requested === accountId) return;
    throw new AppError({
      code: 'not_found',
      broker: 'scaletrade',
      outcome: 'not_sent',
      retryable: false,
      message: `Account ${requested} was not found: this ScaleTrade connection is login ${accountId}.`,
    });
  };

  async function readMe() {
    const answer = await client.send({ method: 'GET', path: '/account/me', notFound: NO_PROFILE });
    return { answer, me: client.read(answer, accountMeSchema) };
  }

  async function readAccount(): Promise<Account> {
    const { answer, me } = await readMe();
    return mapAnswer(answer, () => toAccount(me, session.profileName()));
  }

  return {
    kind: 'scaletrade',
    capabilities: BROKER_CAPABILITIES.scaletrade,

    // One account per login: a search has nothing to narrow.
    listAccounts: async () => [await readAccount()],

    async getAccount(requested) {
      requireOwn(requested);
      return readAccount();
    },

    async getBalances(requested) {
      requireOwn(requested);
      const { answer, me } = await readMe();
      return mapAnswer(answer, () => toBalances(accountId, me));
    },

    async listPositions(requested) {
      requireOwn(requested);
      return listTrades(client, TRADE_TYPE.open, (trade) => toPosition(accountId, trade));
    },

    async listOrders(requested) {
      requireOwn(requested);
      return listTrades(client, TRADE_TYPE.pending, (trade) => toOrder(accountId, trade));
    },

    async listCloseHistory(requested) {
      requireOwn(requested);
      // History also lists cancelled pending orders; only closed buys and sells are closed trades.
      const closed = await listTrades(client, TRADE_TYPE.closed, (trade) => (isMarketTrade(trade) ? toClosedTrade(accountId, trade) : null), HISTORY_LIMIT);
      return closed.sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
    },

    async readClosingOrders(requested, closing) {
      requireOwn(requested);
      const closed = await listTrades(client, TRADE_TYPE.closed, (trade) => (isMarketTrade(trade) ? trade : null), HISTORY_LIMIT);
      return readClosingTrades(closing, closed);
    },

    async closePosition(requested, position, amount, closeOptions = {}) {
      requireOwn(requested);
      const plan = planClose(position, amount, closeOptions.comment);
      const answer = await client.send({
        method: 'DELETE',
        path: '/trade/close',
        body: plan.body,
        action: CLOSE,
        notFound: `Ticket ${position.id} (${position.symbol}) is not open at ScaleTrade: it may already be closed.`,
      });
      // An answer Closeout cannot read is thrown as outcome unknown: the close may have happened.
      const outcome = client.read(answer, closeAnswerSchema);
      if ('data' in outcome) {
        const stays = plan.remaining === '0' ? '' : `; ${describeLots(plan.remaining)} ${plan.remaining === '1' ? 'stays' : 'stay'} open under the same ticket`;
        return {
          requestId: null,
          order: closingOrder(accountId, position, plan.closing, true, new Date(now())),
          message: `ScaleTrade closed ${describeClose(position, plan.closing)}${stays}.`,
        };
      }
      const lots = acceptedLots(outcome, plan.closing);
      return {
        requestId: null,
        order: closingOrder(accountId, position, lots, false, new Date(now())),
        message: `ScaleTrade accepted the close of ${describeClose(position, lots)} into processing, not yet executed: check the positions to see it done.`,
      };
    },

    async cancelOrder() {
      const cancel = BROKER_CAPABILITIES.scaletrade.cancelOrder;
      throw unavailable(cancel.available ? 'ScaleTrade cannot cancel this order.' : cancel.reason);
    },
  };
}

/**
 * Every row of one trade type, page by page (limit/offset) until `count` rows are read, each mapped while its page's
 * answer is at hand so a bad value is reported as an unreadable answer. A ticket seen twice (a trade closing while
 * Closeout pages shifts the offsets) is kept once; `map` returning null drops a row. With `newest`, only that many
 * rows from the end of the list are read.
 */
async function listTrades<T>(client: ScaleTradeClient, tradeType: number, map: (trade: TradeRecord) => T | null, newest?: number): Promise<T[]> {
  const seen = new Map<string, T | null>();
  let offset = 0;
  for (let page = 0; page < MAX_TRADE_PAGES; page += 1) {
    const answer = await client.send({ method: 'GET', path: '/trades', body: { limit: TRADE_PAGE, offset, tradeType }, notFound: NO_TRADES });
    const table = client.read(answer, tradeTableSchema);
    const count = Number(table.count);
    if (page === 0 && newest !== undefined && count - newest > table.rows.length) {
      offset = count - newest;
      continue;
    }
    const fresh = mapAnswer(answer, () => readTradeTable(table).filter((trade) => !seen.has(trade.order)).map((trade) => [trade.order, map(trade)] as const));
    for (const [order, mapped] of fresh) seen.set(order, mapped);
    offset += table.rows.length;
    if (table.rows.length === 0 || offset >= count) break;
  }
  return [...seen.values()].filter((value): value is T => value !== null);
}
