import type { CloseAllReceipt } from '../../../shared/actions';
import { BROKER_CAPABILITIES, type BrokerKind } from '../../../shared/brokers';
import type { DecimalString } from '../../../shared/decimal';
import type { Account, AccountBalances, CashJournal, Order, Position } from '../../../shared/domain';
import { sweepDescription } from '../../../shared/contract';
import { anAccount, anOrder, aPosition } from '../../../shared/domain.testkit';
import { AppError } from '../../../shared/errors';
import { buildAccountCloseCheck } from '../accountCloseCheck';
import type { WindDownHandlers } from './serviceCalls';

// For the wind-down unit tests: an in-memory broker behind the handlers the wind-down uses, where a test can make any
// step answer as it likes. Real HTTP is covered by the tests over the Alpaca simulator.

export const FAKE_CONNECTION = 'Fake';

export interface FakeBook {
  account: Account;
  cash: string;
  positions: Position[];
  orders: Order[];
}

export interface FakeBroker {
  handlers: WindDownHandlers;
  books: Map<string, FakeBook>;
  /** Every request that changes something, as "channel accountId". */
  sent: string[];
  /** The cash journals swept so far, as the broker lists them. */
  journals: CashJournal[];
}

const d = (value: string) => value as DecimalString;

export function bookAccount(id: string, number: string, overrides: Partial<Account> = {}): Account {
  return anAccount({ id, number, name: `Holder ${number}`, ...overrides });
}

/** A position as a book holds it before any quote: no prices, so no estimate depends on one. */
export function bookPosition(accountId: string, symbol: string, quantity = '10'): Position {
  return aPosition({
    id: symbol, accountId, symbol, quantity: d(quantity), available: d(quantity),
    avgPrice: null, lastPrice: null, marketValue: null, unrealizedPnl: null, unrealizedPnlPct: null, assetClass: null,
  });
}

export function bookOrder(accountId: string, id: string, symbol = 'MSFT'): Order {
  return anOrder({ id, accountId, symbol, limitPrice: d('420') });
}

export function fakeBroker(books: readonly FakeBook[], options: { broker?: BrokerKind; overrides?: Partial<WindDownHandlers> } = {}): FakeBroker {
  const broker = options.broker ?? 'alpaca';
  const map = new Map(books.map((book) => [book.account.id, structuredClone(book)]));
  const sent: string[] = [];
  const journals: CashJournal[] = [];
  const book = (accountId: string): FakeBook => {
    const found = map.get(accountId);
    if (!found) throw new AppError({ code: 'not_found', message: `Account ${accountId} was not found.`, outcome: 'rejected' });
    return found;
  };
  const handlers: WindDownHandlers = {
    'connections:list': async () => [{ name: FAKE_CONNECTION, broker, baseUrl: 'http://fake', demo: false, capabilities: BROKER_CAPABILITIES[broker] }],
    'accounts:list': async ({ search }) =>
      [...map.values()].map((entry) => entry.account).filter((account) => search === undefined || account.number.toLowerCase().includes(search.toLowerCase())),
    'positions:list': async ({ accountId }) => structuredClone(book(accountId).positions),
    'orders:list': async ({ accountId }) => structuredClone(book(accountId).orders),
    'account:closeCheck': async ({ accountId }) => {
      const entry = book(accountId);
      const balances: AccountBalances = { accountId, cash: d(entry.cash), equity: null, buyingPower: null, buyingPowerKind: 'buying_power', dayPnl: null, currency: 'USD' };
      return structuredClone(buildAccountCloseCheck(entry.account, balances, entry.positions, entry.orders));
    },
    'order:cancel': async ({ accountId, orderId }) => {
      sent.push(`order:cancel ${accountId}`);
      const order = book(accountId).orders.find((candidate) => candidate.id === orderId);
      if (order) order.open = false;
      return { actionId: 'a', kind: 'cancel_order', state: 'accepted', message: `Cancelled ${orderId}.`, requestId: `req-cancel-${orderId}`, order: null };
    },
    'positions:closeAll': async ({ accountId }) => {
      sent.push(`positions:closeAll ${accountId}`);
      const entry = book(accountId);
      const items = entry.positions.map((position) => ({
        symbol: position.symbol, positionId: position.id, state: 'accepted' as const, httpStatus: 200, orderId: `close-${position.id}`, message: 'Accepted.', brokerCode: null,
      }));
      entry.positions = [];
      const receipt: CloseAllReceipt = {
        actionId: 'a', kind: 'close_all', state: 'accepted', message: `Closing accepted for ${items.length} of ${items.length} positions.`, requestId: 'req-close-all',
        cancelOrdersFirst: false, items,
      };
      return receipt;
    },
    'account:close': async ({ accountId }) => {
      sent.push(`account:close ${accountId}`);
      const entry = book(accountId);
      entry.account = { ...entry.account, status: 'CLOSED', statusTone: 'closed' };
      return { actionId: 'a', kind: 'close_account', state: 'accepted', message: 'Account closed.', requestId: 'req-close-account', order: null };
    },
    'account:sweepCash': async ({ accountId, toAccountId, amount, reference }) => {
      sent.push(`account:sweepCash ${accountId}`);
      const entry = book(accountId);
      entry.cash = String(Number(entry.cash) - Number(amount));
      const journal: CashJournal = { id: `j${journals.length + 1}`, fromAccountId: accountId, toAccountId, amount: d(amount), status: 'executed', description: sweepDescription(reference), settleDate: null };
      journals.push(journal);
      return { actionId: 'a', kind: 'sweep_cash', state: 'filled', message: 'Swept.', requestId: 'req-sweep', order: null, journal };
    },
    'cash:journals': async ({ accountId }) => structuredClone(journals.filter((journal) => journal.fromAccountId === accountId)),
  };
  return { handlers: { ...handlers, ...options.overrides }, books: map, sent, journals };
}
