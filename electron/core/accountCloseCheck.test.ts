import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../shared/decimal';
import type { Account, AccountBalances, Order, Position } from '../../shared/domain';
import { buildAccountCloseCheck } from './accountCloseCheck';
import { accountStatusBlocker } from './accountStatusRule';

const account: Account = { id: 'a1', number: '9JA74XQ2', name: 'Ada Lovelace', status: 'ACTIVE', statusTone: 'active', currency: 'USD' };
const flatBalances: AccountBalances = { accountId: 'a1', cash: toDecimalString('0'), equity: toDecimalString('0'), buyingPower: null, buyingPowerKind: 'buying_power', dayPnl: null, currency: 'USD' };

function position(symbol: string, quantity: string): Position {
  return {
    id: symbol, accountId: 'a1', symbol, side: 'long', quantity: toDecimalString(quantity), available: toDecimalString(quantity),
    unit: { name: 'shares', step: toDecimalString('1') }, fractional: false, avgPrice: null, lastPrice: null, marketValue: null,
    unrealizedPnl: null, unrealizedPnlPct: null, assetClass: 'us_equity',
  };
}

function order(symbol: string, open: boolean): Order {
  return {
    id: `o-${symbol}`, accountId: 'a1', clientOrderId: null, symbol, side: 'sell', type: 'limit', quantity: toDecimalString('5'),
    filledQuantity: toDecimalString('0'), limitPrice: toDecimalString('10'), stopPrice: null, avgFillPrice: null, timeInForce: 'day', status: open ? 'new' : 'filled', open, createdAt: '2026-01-01T00:00:00Z', updatedAt: null,
  };
}

describe('buildAccountCloseCheck', () => {
  it('has no blockers for a flat active account with no cash', () => {
    expect(buildAccountCloseCheck(account, flatBalances, [], [order('AAPL', false)]).blockers).toEqual([]);
  });

  it('names the open positions, the open orders and the cash that block the close', () => {
    const check = buildAccountCloseCheck(
      account,
      { ...flatBalances, cash: toDecimalString('1520.25') },
      [position('AAPL', '10'), position('MSFT', '3')],
      [order('TSLA', true), order('NVDA', false)],
    );
    expect(check.blockers).toEqual([
      '2 open positions remain: AAPL long 10, MSFT long 3.',
      '1 open order remains: TSLA sell 5.',
      'Cash of 1,520.25 USD must be withdrawn first.',
    ]);
    expect(check.openOrders.map((o) => o.symbol)).toEqual(['TSLA']);
  });

  it('refuses an account that is already closed', () => {
    const closed = { ...account, status: 'ACCOUNT_CLOSED', statusTone: 'closed' as const };
    expect(buildAccountCloseCheck(closed, flatBalances, [], []).blockers).toEqual(['Account 9JA74XQ2 is already closed (ACCOUNT_CLOSED).']);
  });

  it('says once that a closed account is closed, where the status rule of its broker says it too', () => {
    const closed = { ...account, status: 'ACCOUNT_CLOSED', statusTone: 'closed' as const };
    const rule = accountStatusBlocker('alpaca', closed);
    expect(rule).toBe('Account 9JA74XQ2 is already closed (ACCOUNT_CLOSED).');
    const check = buildAccountCloseCheck(closed, { ...flatBalances, cash: toDecimalString('5') }, [], [], rule);
    expect(check.blockers).toEqual(['Account 9JA74XQ2 is already closed (ACCOUNT_CLOSED).', 'Cash of 5.00 USD must be withdrawn first.']);
    expect(check.statusBlocker).toBe('Account 9JA74XQ2 is already closed (ACCOUNT_CLOSED).');
  });

  it('puts a status the broker will not close first, once, apart from what the account holds', () => {
    const disabled = { ...account, status: 'DISABLED', statusTone: 'restricted' as const };
    const check = buildAccountCloseCheck(disabled, flatBalances, [position('AAPL', '10')], [], accountStatusBlocker('alpaca', disabled));
    expect(check.blockers).toEqual([
      'Account 9JA74XQ2 is DISABLED: Alpaca closes only an ACTIVE account, so it cannot be closed in this status.',
      '1 open position remains: AAPL long 10.',
    ]);
    expect(check.statusBlocker).toBe(check.blockers[0]);
  });

  it('has no status blocker for an account whose status allows the close', () => {
    expect(buildAccountCloseCheck(account, flatBalances, [position('AAPL', '1')], [], accountStatusBlocker('alpaca', account)).statusBlocker).toBeNull();
  });

  it('names at most ten positions and counts the rest', () => {
    const many = Array.from({ length: 12 }, (_, i) => position(`S${i}`, '1'));
    expect(buildAccountCloseCheck(account, flatBalances, many, []).blockers[0]).toMatch(/S9 long 1 and 2 more\.$/);
  });
});
