import { describe, expect, it } from 'vitest';
import { decimalFromNumberText, parseKeepingNumberText } from '../numberTextJson';
import { closeDetails, closeMessage, timeText, toClosedTrade, toPosition } from './mapping';
import { closedOrderSchema, openOrderSchema } from './schemas';

function openOrder(json: string) {
  return openOrderSchema.parse(parseKeepingNumberText(json));
}

describe('parseKeepingNumberText', () => {
  it('keeps every digit of numbers a float would round', () => {
    expect(parseKeepingNumberText('{"price":12345678901234.123456789,"qty":0.1,"profit":125.50}')).toEqual({
      price: '12345678901234.123456789',
      qty: '0.1',
      profit: '125.50',
    });
  });
});

describe('decimalFromNumberText', () => {
  it('normalises the text and expands an exponent exactly', () => {
    expect(decimalFromNumberText('125.50', 'profit')).toBe('125.5');
    expect(decimalFromNumberText('1e-7', 'quantity')).toBe('0.0000001');
    expect(() => decimalFromNumberText('lots', 'quantity')).toThrow('quantity must be a number, got "lots"');
  });
});

describe('toPosition', () => {
  it('maps a docs-style ticket: BUY is long, market value is quantity x current price, decimals exact', () => {
    const position = toPosition('u-1', openOrder(
      '{"orderId":"ord_1","symbol":"BTCUSD","type":"BUY","quantity":0.25,"leverage":20,"openPrice":41848.75,"currentPrice":42350.75,"profit":125.50,"status":"OPEN"}',
    ));
    expect(position).toEqual({
      id: 'ord_1',
      accountId: 'u-1',
      symbol: 'BTCUSD',
      side: 'long',
      quantity: '0.25',
      available: '0.25',
      unit: { name: 'units', step: '0.01' },
      fractional: true,
      avgPrice: '41848.75',
      lastPrice: '42350.75',
      marketValue: '10587.6875',
      unrealizedPnl: '125.5',
      unrealizedPnlPct: null,
      assetClass: null,
      quoteValued: true,
      ticket: { openedAt: null, stopLoss: null, takeProfit: null, swap: null, commission: null },
    });
  });

  it('maps a reference-code ticket: lower-case sell is short with a negative market value, profitLoss is the profit, the symbol stays as sent', () => {
    const position = toPosition('u-1', openOrder('{"orderId":"ord_2","symbol":"btc","type":"sell","quantity":1000,"openPrice":1.09,"currentPrice":1.08423,"profitLoss":5.77}'));
    expect(position).toMatchObject({ symbol: 'btc', side: 'short', quantity: '1000', fractional: false, unrealizedPnl: '5.77', marketValue: '-1084.23', quoteValued: true });
    expect(position.unit.step).toBe('0.00000001');
  });

  it('multiplies beyond 20 significant digits without rounding', () => {
    const position = toPosition('u-1', openOrder('{"orderId":"o","symbol":"X","type":"buy","quantity":1234567.12345678,"currentPrice":98765.4321987654321}'));
    // The same product in integers: 8 + 13 decimal places.
    const digits = (123456712345678n * 987654321987654321n).toString();
    const exact = `${digits.slice(0, -21)}.${digits.slice(-21)}`.replace(/0+$/, '');
    expect(position.marketValue).toBe(exact);
    expect(exact.replace('.', '').length).toBeGreaterThan(30);
  });

  it('refuses a type that is neither buy nor sell', () => {
    expect(() => toPosition('u-1', openOrder('{"orderId":"o","symbol":"X","type":"hold","quantity":1}'))).toThrow('order o has type "hold", which is neither buy nor sell');
  });
});

describe('toClosedTrade and timeText', () => {
  it('maps a closed order with an epoch close time to ISO', () => {
    const raw = closedOrderSchema.parse(parseKeepingNumberText(
      '{"orderId":"o","symbol":"eth","type":"buy","quantity":1.5,"openPrice":2200,"closePrice":2291.38,"closeTime":1769420000000,"profitLoss":137.07}',
    ));
    expect(toClosedTrade('u-1', raw)).toEqual({
      id: 'o', accountId: 'u-1', symbol: 'eth', side: 'long', orderSide: null, quantity: '1.5', openPrice: '2200', closePrice: '2291.38', profit: '137.07',
      closedAt: new Date(1769420000000).toISOString(),
    });
  });

  it('reads ten-digit times as seconds and keeps text times as sent', () => {
    expect(timeText('1769420000')).toBe(new Date(1769420000000).toISOString());
    expect(timeText('2026-01-26T09:30:00Z')).toBe('2026-01-26T09:30:00Z');
    expect(timeText(undefined)).toBeNull();
  });
});

describe('closeMessage', () => {
  const position = toPosition('u-1', openOrder('{"orderId":"ord_1","symbol":"BTCUSD","type":"BUY","quantity":0.25}'));

  it('gives price and profit with their exact decimals', () => {
    expect(closeMessage(position, closeDetails({ closePrice: '42350.75', profit: '125.50' }))).toBe('Closed BTCUSD at 42350.75, profit 125.5');
    expect(closeMessage(position, closeDetails({ closePrice: '42350.75', profitLoss: '-3.10' }))).toBe('Closed BTCUSD at 42350.75, profit -3.1');
  });

  it('still reports the close when the answer gave no readable price', () => {
    const message = 'Closed BTCUSD (ticket ord_1); the platform did not say at what price, so check the close history.';
    expect(closeMessage(position, closeDetails(null))).toBe(message);
    expect(closeMessage(position, closeDetails({ closePrice: 'soon' }))).toBe(message);
  });
});
