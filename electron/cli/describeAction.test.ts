import { describe, expect, it } from 'vitest';
import type { DecimalString } from '../../shared/decimal';
import { describeCancel, describeClose, describeCloseAll, describeCloseAccount } from './describeAction';
import { aCloseCheck, anOrder, aPosition } from '../../shared/domain.testkit';

const d = (value: string) => value as DecimalString;

describe('describeClose', () => {
  const position = aPosition();

  it('says how much of how much, which symbol and side, which account and connection', () => {
    expect(describeClose(position, { kind: 'quantity', quantity: d('10') }, '9JA74XQ2', 'Alpaca sim')).toBe(
      'Close 10 of 25 shares of AAPL (long) in account 9JA74XQ2 at market on Alpaca sim.',
    );
  });

  it('spells out a full close', () => {
    expect(describeClose(position, { kind: 'all' }, 'N1', 'c')).toBe('Close all 25 shares of AAPL (long) in account N1 at market on c.');
  });

  it('turns a percent into the exact quantity it closes', () => {
    const fractional = aPosition({ quantity: d('3'), fractional: true, unit: { name: 'shares', step: d('0.000000001') } });
    expect(describeClose(fractional, { kind: 'percent', percent: d('50') }, 'N1', 'c')).toBe(
      'Close 50% (1.5 of 3 shares) of AAPL (long) in account N1 at market on c.',
    );
  });

  it('rounds a percent of a whole-share position down to whole shares, as the broker does', () => {
    expect(describeClose(aPosition({ quantity: d('3') }), { kind: 'percent', percent: d('50') }, 'N1', 'c')).toContain('Close 50% (1 of 3 shares)');
  });
});

describe('describeCloseAll', () => {
  it('names the positions and, when asked, the orders cancelled first', () => {
    const check = aCloseCheck({ positions: [aPosition(), aPosition({ id: 'TSLA', symbol: 'TSLA', side: 'short' })], openOrders: [anOrder()] });
    expect(describeCloseAll(check, 'c', true)).toBe('Close all 2 positions (AAPL, TSLA) in account 9JA74XQ2 at market on c, cancelling its 1 open order first.');
    expect(describeCloseAll(check, 'c', false)).not.toContain('cancelling');
  });
});

describe('describeCancel', () => {
  it('describes the order when it is open', () => {
    expect(describeCancel(anOrder(), 'ord-1', 'N1', 'c')).toBe('Cancel order ord-1 (sell 5 MSFT limit at 420.50, new) in account N1 on c.');
  });

  it('says so when the order is not among the open ones', () => {
    expect(describeCancel(undefined, 'ord-9', 'N1', 'c')).toContain('not among the open orders');
  });
});

describe('describeCloseAccount', () => {
  it('names the account number and warns it cannot be undone', () => {
    expect(describeCloseAccount(aCloseCheck(), 'c')).toBe('Close account 9JA74XQ2 (Jane Doe) on c. This cannot be undone.');
  });
});
