import { describe, expect, it } from 'vitest';
import type { CloseAmount } from './actions';
import { BROKER_CAPABILITIES, type PartialCloseUnit } from './brokers';
import { checkCloseAmount, quantityToClose, remainingAfterClose } from './closeAmount';
import { toDecimalString } from './decimal';
import type { Position } from './domain';

function position(quantity: string, available: string, options: { fractional?: boolean; unit?: 'shares' | 'lots'; step?: string } = {}): Position {
  const fractional = options.fractional ?? false;
  return {
    id: 'P', accountId: 'A', symbol: 'AAPL', side: 'long', quantity: toDecimalString(quantity), available: toDecimalString(available),
    unit: { name: options.unit ?? 'shares', step: toDecimalString(options.step ?? (fractional ? '0.000000001' : '1')) },
    fractional, avgPrice: null, lastPrice: null, marketValue: null, unrealizedPnl: null, unrealizedPnlPct: null, assetClass: null,
  };
}

const alpaca = BROKER_CAPABILITIES.alpaca.partialClose;
const lots: PartialCloseUnit = { kind: 'lots', minimalLotsPerLot: 100 };
const qty = (q: string): CloseAmount => ({ kind: 'quantity', quantity: toDecimalString(q) });
const pct = (p: string): CloseAmount => ({ kind: 'percent', percent: toDecimalString(p) });

function rule(p: Position, amount: CloseAmount, unit: PartialCloseUnit = alpaca): string | null {
  return checkCloseAmount(p, amount, unit)?.message ?? null;
}

describe('checking a close amount', () => {
  it('accepts a full close of anything an order can close', () => {
    expect(rule(position('10', '0'), { kind: 'all' })).toBeNull();
  });

  it('refuses any close of a holding no order can close, with the reason', () => {
    const cash = { ...position('2500', '2500'), notClosable: 'it is cash (instrument type CASH), which no order closes' };
    expect(rule(cash, { kind: 'all' })).toBe('positionId cannot be closed: it is cash (instrument type CASH), which no order closes');
    expect(rule(cash, qty('1'))).toBe('positionId cannot be closed: it is cash (instrument type CASH), which no order closes');
  });

  it('refuses zero, negative and more than the available quantity', () => {
    const p = position('25', '20');
    expect(rule(p, qty('0'))).toBe('quantity must be greater than 0');
    expect(rule(p, qty('-1'))).toBe('quantity must be greater than 0');
    expect(rule(p, qty('21'))).toBe('quantity must be at most the available 20 shares');
    expect(rule(p, qty('20'))).toBeNull();
  });

  it('allows fractions only on a fractional position', () => {
    expect(rule(position('10', '10'), qty('2.5'))).toBe('quantity must be a whole number of shares: this position is not fractional');
    expect(rule(position('10.5', '10.5', { fractional: true }), qty('2.25'))).toBeNull();
  });

  it('keeps percentages between 0 and 100 with at most 9 decimals', () => {
    const p = position('1000', '1000');
    expect(rule(p, pct('0'))).toBe('percent must be greater than 0');
    expect(rule(p, pct('100.000000001'))).toBe('percent must be at most 100');
    expect(rule(p, pct('12.1234567891'))).toBe('percent must have at most 9 decimal places');
    expect(rule(p, pct('12.123456789'))).toBeNull();
    expect(rule(p, pct('100'))).toBeNull();
  });

  it('refuses a percentage that would close less than one share of a whole-share position', () => {
    expect(rule(position('10', '10'), pct('5'))).toBe('percent closes less than one whole share of this position');
    expect(rule(position('10', '10'), pct('10'))).toBeNull();
  });

  it('refuses percentages where the broker takes only quantities, and any partial close where none exists', () => {
    expect(rule(position('10', '10'), pct('50'), BROKER_CAPABILITIES.clearstreet.partialClose)).toBe('percent is not accepted by this broker: give a quantity instead');
    expect(rule(position('10', '10'), qty('5'), BROKER_CAPABILITIES.exness.partialClose)).toBe('amount cannot be partial: The platform closes an order only in full.');
  });

  it('takes lots in whole minimal lots and below the open volume', () => {
    const trade = position('2', '2', { unit: 'lots', step: '0.01', fractional: true });
    expect(rule(trade, qty('0.5'), lots)).toBeNull();
    expect(rule(trade, qty('0.555'), lots)).toBe('quantity must be a whole number of minimal lots (steps of 0.01 lot)');
    expect(rule(trade, qty('2'), lots)).toBe('quantity must be below the open volume: close the whole trade instead');
  });
});

describe('what a close leaves open', () => {
  it('rounds a percentage of a whole-share position down to whole shares', () => {
    expect(quantityToClose(position('25', '25'), pct('50')).toFixed()).toBe('12');
    expect(remainingAfterClose(position('25', '25'), pct('50')).toFixed()).toBe('13');
  });

  it('keeps a percentage of a fractional position exact to the step', () => {
    expect(quantityToClose(position('0.3', '0.3', { fractional: true }), pct('33.333333333')).toFixed()).toBe('0.099999999');
  });

  it('subtracts quantities exactly in decimal, never in binary floating point', () => {
    expect(remainingAfterClose(position('0.3', '0.3', { fractional: true }), qty('0.1')).toFixed()).toBe('0.2');
    expect(remainingAfterClose(position('10', '10'), { kind: 'all' }).toFixed()).toBe('0');
  });
});
