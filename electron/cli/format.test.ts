import { describe, expect, it } from 'vitest';
import { formatCloseAllReceipt, formatCloseCheck, formatPositions, formatReceipt, formatVerification } from './format';
import { aCloseCheck, anOrder, aPosition } from '../../shared/domain.testkit';
import { toDecimalString } from '../../shared/decimal';
import { digitsScale } from '../../shared/numberFormat';

describe('formatPositions', () => {
  it('shows every position with its id and exact decimals', () => {
    const text = formatPositions([aPosition(), aPosition({ id: 'TSLA', symbol: 'TSLA', side: 'short', unrealizedPnl: null })]);
    const [header, ...rows] = text.split('\n');
    expect(header).toMatch(/^ID\s+SYMBOL\s+SIDE\s+QTY/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('187.1200');
    expect(rows[0]).toContain('925.50');
  });

  it('says so when there are none', () => {
    expect(formatPositions([])).toBe('No open positions.');
  });
});

describe('formatReceipt', () => {
  it('shows the message, state, order and request id', () => {
    const text = formatReceipt({ actionId: 'a1', kind: 'close_position', state: 'accepted', message: 'Closing order accepted.', requestId: 'req-7', order: anOrder() });
    expect(text).toContain('Closing order accepted.');
    expect(text).toContain('state: accepted');
    expect(text).toContain('order: ord-1 (new)');
    expect(text).toContain('request id: req-7');
  });
});

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL_OR_BIDI = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('broker text in receipts', () => {
  const hostile = 'Rejected\u001b[2J\u202e 01 lles\u202c\r\u2066hidden\u2069\u200f';

  it('leaves no control character or bidirectional control in a receipt', () => {
    const text = formatReceipt({ actionId: 'a1', kind: 'close_position', state: 'rejected', message: hostile, requestId: hostile, order: anOrder({ id: hostile, status: hostile }) });
    expect(text).toContain('Rejected [2J  01 lles   hidden  ');
    expect(text).not.toMatch(CONTROL_OR_BIDI);
  });

  it('leaves none in a close-all receipt, its items and their broker codes', () => {
    const text = formatCloseAllReceipt({
      actionId: 'a1', kind: 'close_all', state: 'rejected', message: hostile, requestId: hostile, cancelOrdersFirst: false,
      items: [{ symbol: hostile, positionId: hostile, state: 'rejected', httpStatus: 403, orderId: hostile, message: hostile, brokerCode: hostile }],
    });
    expect(text).not.toMatch(CONTROL_OR_BIDI);
  });
});

describe('formatReceipt of a followed close', () => {
  it('prints the fill price with the instrument decimals and realised P&L as money in the account currency', () => {
    const text = formatReceipt({
      actionId: 'a1', kind: 'close_position', state: 'filled', message: 'Filled.', requestId: null, order: anOrder({ open: false, status: 'filled' }),
      fill: {
        orderId: 'ord-1', status: 'filled', filledQuantity: toDecimalString('1200'), remaining: toDecimalString('0'), avgPrice: toDecimalString('1.0842'),
        realizedPnl: toDecimalString('48210.368'), realizedPnlEstimated: false, ended: true, priceScale: digitsScale(5), currency: 'USD',
      },
    });
    expect(text).toContain('filled: 1,200 at 1.08420');
    expect(text).toContain('realised P&L: 48,210.37 USD');
  });
});

describe('formatCloseAllReceipt', () => {
  it('lists each position with the refusal, its HTTP status and broker code', () => {
    const text = formatCloseAllReceipt({
      actionId: 'a1',
      kind: 'close_all',
      state: 'accepted',
      message: 'Closing orders were accepted for 1 of 2 positions; 1 refused.',
      requestId: null,
      cancelOrdersFirst: false,
      items: [
        { symbol: 'AAPL', positionId: 'AAPL', state: 'accepted', httpStatus: 200, orderId: 'o1', message: 'accepted', brokerCode: null },
        { symbol: 'TSLA', positionId: 'TSLA', state: 'rejected', httpStatus: 403, orderId: null, message: 'insufficient qty', brokerCode: '40310000' },
      ],
    });
    const tsla = text.split('\n').find((line) => line.startsWith('TSLA'));
    expect(tsla).toMatch(/rejected\s+403\s+-\s+insufficient qty \(broker code 40310000\)/);
  });
});

describe('formatCloseCheck', () => {
  it('shows positions, open orders, cash and every blocker', () => {
    const text = formatCloseCheck(
      aCloseCheck({ positions: [aPosition()], openOrders: [anOrder()], blockers: ['1 open position remains: AAPL long 25.', 'Cash of 12.00 USD must be withdrawn first.'] }),
    );
    expect(text).toContain('Account 9JA74XQ2 (Jane Doe)');
    expect(text).toContain('Positions (1):');
    expect(text).toContain('Open orders (1):');
    expect(text).toContain('  - 1 open position remains: AAPL long 25.');
    expect(text).toContain('  - Cash of 12.00 USD must be withdrawn first.');
  });

  it('says when nothing blocks the close', () => {
    expect(formatCloseCheck(aCloseCheck())).toContain('Nothing blocks closing this account.');
  });
});

describe('formatVerification', () => {
  it('names the first bad record and why', () => {
    expect(formatVerification({ ok: false, records: 4, head: null, firstBad: { seq: 5, reason: 'edited' }, macsChecked: true })).toContain('broken at record 5: edited');
  });

  it('prints the head and the earlier head it still holds', () => {
    const head = { seq: 9, hash: 'cd'.repeat(32) };
    const text = formatVerification({ ok: true, records: 9, head, macsChecked: true, expectedHead: { seq: 3, hash: 'ef'.repeat(32) } });
    expect(text).toContain(`Record 3:${'ef'.repeat(32)}, noted earlier, is still in the chain unchanged.`);
    expect(text).toContain(`Head: 9:${'cd'.repeat(32)}`);
  });
});
