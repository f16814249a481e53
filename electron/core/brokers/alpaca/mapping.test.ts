import { describe, expect, it } from 'vitest';
import { toAccount, toBalances, toOrder, toPosition } from './mapping';
import type { AlpacaOrder } from './schemas';

function position(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    symbol: 'AAPL',
    side: 'long',
    qty: '10',
    qty_available: '10',
    avg_entry_price: '100',
    current_price: '110',
    market_value: '1100',
    unrealized_pl: '100',
    unrealized_plpc: '0.1',
    asset_class: 'us_equity',
    ...overrides,
  };
}

function order(overrides: Partial<AlpacaOrder>): AlpacaOrder {
  return { id: 'o-1', symbol: 'AAPL', side: 'sell', type: 'limit', qty: '5', filled_qty: '0', limit_price: '101.5', status: 'new', created_at: '2026-01-26T15:00:00Z', ...overrides };
}

describe('toPosition', () => {
  it('turns a short with a negative qty into a short side with a positive quantity', () => {
    const mapped = toPosition('acc', position({ side: 'short', qty: '-25', qty_available: '-20', market_value: '-2750' }));
    expect(mapped.side).toBe('short');
    expect(mapped.quantity).toBe('25');
    expect(mapped.available).toBe('20');
    expect(mapped.marketValue).toBe('-2750');
  });

  it('targets the symbol, which is what the close path takes', () => {
    const mapped = toPosition('acc', position({ symbol: 'SQQQ' }));
    expect(mapped.id).toBe('SQQQ');
    expect(mapped.accountId).toBe('acc');
  });

  it('marks a fractional quantity and allows nine-decimal steps for it', () => {
    const mapped = toPosition('acc', position({ qty: '3.125', qty_available: '3.125' }));
    expect(mapped.fractional).toBe(true);
    expect(mapped.unit).toEqual({ name: 'shares', step: '0.000000001' });
  });

  it('keeps a whole-share position to whole-share steps', () => {
    const mapped = toPosition('acc', position({ qty: '40' }));
    expect(mapped.fractional).toBe(false);
    expect(mapped.unit.step).toBe('1');
  });

  it('falls back to the quantity when Alpaca sends no qty_available', () => {
    expect(toPosition('acc', position({ qty: '-7', qty_available: undefined })).available).toBe('7');
  });

  it('keeps decimals exactly as sent, where a float would drift', () => {
    const mapped = toPosition('acc', position({
      qty: '0.30000000000000004',
      avg_entry_price: '0.1',
      current_price: '0.2',
      market_value: '12345678901234567.123456789',
      unrealized_pl: '-0.000000001',
    }));
    expect(mapped.quantity).toBe('0.30000000000000004');
    expect(mapped.avgPrice).toBe('0.1');
    expect(mapped.lastPrice).toBe('0.2');
    expect(mapped.marketValue).toBe('12345678901234567.123456789');
    expect(mapped.unrealizedPnl).toBe('-0.000000001');
  });

  it('gives the unrealized P&L as a percent computed in decimals', () => {
    expect(toPosition('acc', position({ unrealized_plpc: '0.0189483657034581' })).unrealizedPnlPct).toBe('1.89483657034581');
    expect(toPosition('acc', position({ unrealized_plpc: '-0.07' })).unrealizedPnlPct).toBe('-7');
    expect(toPosition('acc', position({ unrealized_plpc: null })).unrealizedPnlPct).toBeNull();
  });

  it('refuses a quantity that is not a decimal number', () => {
    expect(() => toPosition('acc', position({ qty: '1e3' }))).toThrow(/qty must be a decimal number/);
  });
});

describe('toAccount', () => {
  const base = { id: 'a-1', account_number: '601842165', status: 'ACTIVE', currency: 'USD' };

  it('names the account after its owner', () => {
    expect(toAccount({ ...base, identity: { given_name: 'Maya', family_name: 'Okafor' } }).name).toBe('Maya Okafor');
  });

  it('falls back to the account name, then the account number', () => {
    expect(toAccount({ ...base, account_name: 'Desk 4' }).name).toBe('Desk 4');
    expect(toAccount({ ...base, identity: { given_name: ' ', family_name: null } }).name).toBe('601842165');
  });

  it('gives active, closed and every other status its tone', () => {
    expect(toAccount(base).statusTone).toBe('active');
    expect(toAccount({ ...base, status: 'ACCOUNT_CLOSED' }).statusTone).toBe('closed');
    expect(toAccount({ ...base, status: 'DISABLED' }).statusTone).toBe('restricted');
    expect(toAccount({ ...base, status: 'APPROVED' }).statusTone).toBe('restricted');
  });

  it('uses the id as the number when Alpaca has not assigned one yet', () => {
    expect(toAccount({ ...base, account_number: null }).number).toBe('a-1');
  });
});

describe('toBalances', () => {
  it('reads cash, equity and buying power as exact decimals, and the day as equity against last_equity', () => {
    expect(toBalances('a-1', { cash: '24861.91', equity: '28059.3882330664', last_equity: '28100.1', buying_power: '51234.5', currency: 'USD' })).toEqual({
      accountId: 'a-1',
      cash: '24861.91',
      equity: '28059.3882330664',
      buyingPower: '51234.5',
      buyingPowerKind: 'buying_power',
      dayPnl: '-40.7117669336',
      currency: 'USD',
    });
  });

  it('leaves the day out, never 0, when last_equity is missing', () => {
    expect(toBalances('a-1', { cash: '1', equity: '2', currency: 'USD' }).dayPnl).toBeNull();
  });
});

describe('toOrder', () => {
  it('counts every non-terminal status as open', () => {
    for (const status of ['new', 'accepted', 'pending_new', 'partially_filled', 'pending_cancel', 'done_for_day', 'held', 'calculated']) {
      expect(toOrder('acc', order({ status })).open).toBe(true);
    }
    for (const status of ['filled', 'canceled', 'expired', 'replaced', 'rejected']) {
      expect(toOrder('acc', order({ status })).open).toBe(false);
    }
  });

  it('has no quantity for a notional order', () => {
    const mapped = toOrder('acc', order({ qty: null, notional: '250', filled_qty: '0.51' }));
    expect(mapped.quantity).toBeNull();
    expect(mapped.filledQuantity).toBe('0.51');
  });

  it('maps the fields the orders table shows', () => {
    expect(toOrder('acc', order({ client_order_id: 'c-9', side: 'sell_short' }))).toEqual({
      id: 'o-1',
      accountId: 'acc',
      clientOrderId: 'c-9',
      symbol: 'AAPL',
      side: 'sell_short',
      type: 'limit',
      quantity: '5',
      filledQuantity: '0',
      limitPrice: '101.5',
      stopPrice: null,
      avgFillPrice: null,
      timeInForce: null,
      status: 'new',
      open: true,
      createdAt: '2026-01-26T15:00:00Z',
      updatedAt: null,
    });
  });

  it('reads the fill price, stop price, time in force and update time Alpaca sends', () => {
    const mapped = toOrder('acc', order({ type: 'stop_limit', stop_price: '99', filled_qty: '2', filled_avg_price: '100.25', time_in_force: 'GTC', updated_at: '2026-01-26T15:01:00Z' }));
    expect(mapped).toMatchObject({ stopPrice: '99', filledQuantity: '2', avgFillPrice: '100.25', timeInForce: 'gtc', updatedAt: '2026-01-26T15:01:00Z' });
  });

  it('keeps a side it does not know as it came rather than guessing one or failing the order', () => {
    expect(toOrder('acc', order({ side: 'Cross' })).side).toBe('cross');
  });
});

describe('toPosition on rows it cannot read', () => {
  it('refuses a quantity sent as a JSON number, naming the field', () => {
    expect(() => toPosition('acc', position({ qty: 25 }))).toThrow('qty must be a decimal number as text, got number');
  });

  it('refuses a side other than long or short', () => {
    expect(() => toPosition('acc', position({ side: 'flat' }))).toThrow('side must be one of long, short, got "flat"');
  });

  it('reads an absent available quantity as the whole position', () => {
    expect(toPosition('acc', position({ qty: '-12', qty_available: undefined })).available).toBe('12');
  });
});
