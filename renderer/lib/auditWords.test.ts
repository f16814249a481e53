import { describe, expect, it } from 'vitest';
import { auditAccount, paramsInWords } from './auditWords';

describe('auditAccount', () => {
  it('names the account by number and holder, or by its id for records written before they were kept', () => {
    expect(auditAccount({ accountId: 'uuid-1', accountNumber: '9JA74XQ2', accountName: 'Ada Lovelace' })).toBe('9JA74XQ2 · Ada Lovelace');
    expect(auditAccount({ accountId: 'uuid-1', accountNumber: '9JA74XQ2', accountName: '' })).toBe('9JA74XQ2');
    expect(auditAccount({ accountId: 'uuid-1' })).toBe('uuid-1');
    expect(auditAccount({ accountId: null })).toBeNull();
  });
});

describe('paramsInWords', () => {
  it('says how much of which symbol a close asked for, with its comment and retry', () => {
    expect(paramsInWords({ action: 'close_position', symbol: 'AAPL', params: { positionId: 'AAPL', amount: { kind: 'quantity', quantity: '1500' }, clientOrderId: 'c-1' } })).toBe('Close 1,500 of AAPL');
    expect(paramsInWords({ action: 'close_position', params: { positionId: 't-9', amount: { kind: 'percent', percent: '25' }, comment: 'client asked', retryOf: 'a-1' } })).toBe(
      'Close 25% of t-9, comment “client asked”, retry of a-1',
    );
    expect(paramsInWords({ action: 'close_position', symbol: 'MSFT', params: { amount: { kind: 'all' } } })).toBe('Close all of MSFT');
  });

  it('words the other actions and connection changes', () => {
    expect(paramsInWords({ action: 'close_all', params: { cancelOrders: true } })).toBe('Close all positions, cancelling open orders first');
    expect(paramsInWords({ action: 'close_all', params: { cancelOrders: false } })).toBe('Close all positions');
    expect(paramsInWords({ action: 'cancel_order', params: { orderId: 'o-1' } })).toBe('Cancel order o-1');
    expect(paramsInWords({ action: 'cancel_all_orders', params: { orderIds: ['o-1', 'o-2'] } })).toBe('Cancel all 2 working orders');
    expect(paramsInWords({ action: 'close_account', params: {} })).toBe('Close the account');
    expect(paramsInWords({ action: 'sweep_cash', params: { amount: '1200.50', toAccountId: 'firm-1', reference: 'R1' } })).toBe('Move 1,200.50 to account firm-1, reference “R1”');
    expect(paramsInWords({ action: 'connection_add', params: { baseUrl: 'http://h', keyId: 'K' } })).toBe('Add connection at http://h, key id K');
    expect(paramsInWords({ action: 'connection_edit', params: { baseUrl: 'http://g' } })).toBe('Point the connection at http://g');
    expect(paramsInWords({ action: 'connection_edit', params: { firmAccount: 'FIRM1' } })).toBe('Set the firm account to FIRM1');
    expect(paramsInWords({ action: 'connection_edit', params: { baseUrl: 'http://g', firmAccount: null } })).toBe('Point the connection at http://g, clear the firm account');
  });

  it('keeps parameters it has no words for, by name', () => {
    expect(paramsInWords({ action: 'close_all', params: { cancelOrders: false, batch: 3 } })).toBe('Close all positions, batch 3');
    expect(paramsInWords({ action: 'future_action', params: { note: 'x' } })).toBe('note x');
  });
});
