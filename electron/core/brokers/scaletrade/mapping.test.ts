import { describe, expect, it } from 'vitest';
import { Decimal, toDecimalString } from '../../../../shared/decimal';
import { toAccount, toOrder, toPosition } from './mapping';
import type { TradeRecord } from './tradeTable';

function record(fields: Partial<TradeRecord>): TradeRecord {
  return {
    order: '77', cmd: 0, symbol: 'EURUSD', volume: new Decimal(100), openTime: 1_769_000_000, closeTime: null, openPrice: toDecimalString('1.1'),
    closePrice: null, profit: toDecimalString('5'), netProfit: null, comment: null, stopLoss: null, takeProfit: null, commission: null, storage: null,
    digits: null, ...fields,
  };
}

describe('toAccount', () => {
  it('names the account from the profile, else the sign-in name, else the login', () => {
    expect(toAccount({ login: '9', name: ' Ana Silva ' }, 'Other').name).toBe('Ana Silva');
    expect(toAccount({ login: '9', name: '' }, 'Signed In').name).toBe('Signed In');
    expect(toAccount({ login: '9' }, null)).toMatchObject({ id: '9', number: '9', name: 'ScaleTrade 9', status: 'ACTIVE', statusTone: 'active', currency: null });
  });

  it('shows a disabled or read-only login as restricted', () => {
    expect(toAccount({ login: '9', enable: '0' }, null)).toMatchObject({ status: 'DISABLED', statusTone: 'restricted' });
    expect(toAccount({ login: '9', enable: '1', enable_read_only: '1' }, null)).toMatchObject({ status: 'READ_ONLY', statusTone: 'restricted' });
  });
});

describe('toPosition', () => {
  it('falls back to profit when the table gives no net profit', () => {
    expect(toPosition('9', record({})).unrealizedPnl).toBe('5');
    expect(toPosition('9', record({ netProfit: toDecimalString('4.2') })).unrealizedPnl).toBe('4.2');
  });

  it('refuses a row that is not a buy or a sell', () => {
    expect(() => toPosition('9', record({ cmd: 2 }))).toThrow('trade 77 has cmd 2, which is not an open buy or sell');
  });
});

describe('toOrder', () => {
  it('names each pending kind with its side', () => {
    expect([2, 3, 4, 5].map((cmd) => { const order = toOrder('9', record({ cmd })); return `${order.side} ${order.type}`; })).toEqual([
      'buy buy_limit', 'sell sell_limit', 'buy buy_stop', 'sell sell_stop',
    ]);
    expect(toOrder('9', record({ cmd: 2 })).createdAt).toBe(new Date(1_769_000_000_000).toISOString());
  });

  it('refuses a kind it does not know rather than guess its side', () => {
    expect(() => toOrder('9', record({ cmd: 6 }))).toThrow('trade 77 has cmd 6, which is not a pending kind Closeout knows');
  });
});
