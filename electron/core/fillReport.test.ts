import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../shared/decimal';
import { aPosition, anOrder } from '../../shared/domain.testkit';
import { digitsScale, US_EQUITY_SCALE } from '../../shared/numberFormat';
import { fillMessage, fillOf } from './fillReport';

const d = toDecimalString;
const closingOrder = (overrides: Parameters<typeof anOrder>[0] = {}) =>
  anOrder({ symbol: 'AAPL', quantity: d('1200'), filledQuantity: d('1200'), avgFillPrice: d('187.2'), status: 'filled', open: false, ...overrides });

describe('a close fill in words', () => {
  it("gives the fill price with the instrument's decimals and realised P&L as money in the account currency", () => {
    const position = aPosition({ quantity: d('1200'), avgPrice: d('150'), priceScale: US_EQUITY_SCALE });
    const order = closingOrder();
    const fill = fillOf(order, position, 'close_position', null, 'USD');
    expect(fill).toMatchObject({ avgPrice: '187.2', realizedPnl: '44640', priceScale: US_EQUITY_SCALE, currency: 'USD' });
    expect(fillMessage('close_position', order, fill, position)).toBe('Filled 1,200 AAPL at 187.20; realised P&L 44,640.00 USD (estimated from the average entry price).');
  });

  it("writes the broker's own P&L with two decimals, not with the price's five", () => {
    const position = aPosition({ symbol: 'EURUSD', unit: { name: 'lots', step: d('0.01') }, priceScale: digitsScale(5) });
    const order = closingOrder({ symbol: 'EURUSD', quantity: d('1'), filledQuantity: d('1'), avgFillPrice: d('1.0842') });
    const fill = fillOf(order, position, 'close_position', d('1234.56789'), 'EUR');
    expect(fillMessage('close_position', order, fill, position)).toBe('Filled 1 EURUSD at 1.08420; realised P&L 1,234.57 EUR.');
  });

  it("takes the currency's own places, and two without a currency", () => {
    const position = aPosition({ avgPrice: d('150'), quantity: d('3'), priceScale: US_EQUITY_SCALE });
    const order = closingOrder({ quantity: d('3'), filledQuantity: d('3'), avgFillPrice: d('150.5') });
    expect(fillMessage('close_position', order, fillOf(order, position, 'close_position', null, 'JPY'), position)).toContain('realised P&L 2 JPY (estimated');
    expect(fillMessage('close_position', order, fillOf(order, position, 'close_position', null, null), position)).toContain('realised P&L 1.50 (estimated');
  });

  it('prices a partial fill the same way and says what stays open', () => {
    const position = aPosition({ avgPrice: d('150'), priceScale: US_EQUITY_SCALE });
    const order = closingOrder({ quantity: d('10'), filledQuantity: d('3'), avgFillPrice: d('0.98765'), status: 'canceled' });
    const fill = fillOf(order, position, 'close_position', d('-12.3'), 'USD');
    expect(fillMessage('close_position', order, fill, position)).toBe('Partly filled: 3 AAPL at 0.9877; realised P&L -12.30 USD. 7 of the closing order did not fill (order canceled) and stay open.');
  });
});
