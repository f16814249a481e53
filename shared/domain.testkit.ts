import type { Account, AccountCloseCheck, Order, Position } from './domain';
import type { DecimalString } from './decimal';

// Domain objects for unit tests, shaped as the adapters return them: one definition of each, overridden per test.

const d = (value: string) => value as DecimalString;

export function aPosition(overrides: Partial<Position> = {}): Position {
  return {
    id: 'AAPL',
    accountId: 'acc-1',
    symbol: 'AAPL',
    side: 'long',
    quantity: d('25'),
    available: d('25'),
    unit: { name: 'shares', step: d('1') },
    fractional: false,
    avgPrice: d('150.10'),
    lastPrice: d('187.1200'),
    marketValue: d('4678'),
    unrealizedPnl: d('925.50'),
    unrealizedPnlPct: d('24.66'),
    assetClass: 'us_equity',
    ...overrides,
  };
}

/** 25 shares bought at 150.00 and now at 160.00: round numbers a test can check by hand, as overrides of aPosition. */
export const BOUGHT_AT_150_NOW_160: Partial<Position> = {
  avgPrice: d('150.00'),
  lastPrice: d('160.00'),
  marketValue: d('4000.00'),
  unrealizedPnl: d('250.00'),
  unrealizedPnlPct: d('6.67'),
};

export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 'ord-1',
    accountId: 'acc-1',
    clientOrderId: null,
    symbol: 'MSFT',
    side: 'sell',
    type: 'limit',
    quantity: d('5'),
    filledQuantity: d('0'),
    limitPrice: d('420.50'),
    stopPrice: null,
    avgFillPrice: null,
    timeInForce: 'day',
    status: 'new',
    open: true,
    createdAt: '2026-01-02T15:04:05Z',
    updatedAt: null,
    ...overrides,
  };
}

export function anAccount(overrides: Partial<Account> = {}): Account {
  return { id: 'acc-1', number: '9JA74XQ2', name: 'Jane Doe', status: 'ACTIVE', statusTone: 'active', currency: 'USD', ...overrides };
}

export function aCloseCheck(overrides: Partial<AccountCloseCheck> = {}): AccountCloseCheck {
  return {
    account: anAccount(),
    balances: { accountId: 'acc-1', cash: d('0'), equity: d('0'), buyingPower: d('0'), buyingPowerKind: 'buying_power', dayPnl: null, currency: 'USD' },
    positions: [],
    openOrders: [],
    blockers: [],
    statusBlocker: null,
    ...overrides,
  };
}
