import { describe, expect, it } from 'vitest';
import type { PartialCloseUnit } from '../../shared/brokers';
import type { DecimalString } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
import { aPosition, BOUGHT_AT_150_NOW_160 } from '../../shared/domain.testkit';
import { closeModeOptions, describeCloseRequest, fieldErrorText, readCloseInput, readComment, remainingText } from './closeForm';

const d = (value: string) => value as DecimalString;

const position = (overrides: Partial<Position> = {}): Position => aPosition({ ...BOUGHT_AT_150_NOW_160, ...overrides });

const alpaca: PartialCloseUnit = { kind: 'shares-or-percent' };
const clearStreet: PartialCloseUnit = { kind: 'shares' };
const exness: PartialCloseUnit = { kind: 'none', reason: 'The platform closes an order only in full.' };

describe('closeModeOptions', () => {
  it('offers percentage only where the broker takes it, and says why elsewhere', () => {
    expect(closeModeOptions(alpaca, 'Alpaca', 'shares').every((option) => option.availability.available)).toBe(true);
    const percent = closeModeOptions(clearStreet, 'Clear Street', 'shares').find((option) => option.mode === 'percent');
    expect(percent?.availability).toEqual({ available: false, reason: 'Clear Street closes part of a position by quantity only.' });
  });

  it('disables both partial modes with the broker reason when it only closes in full', () => {
    const [full, quantity, percent] = closeModeOptions(exness, 'Exness', 'units');
    expect(full?.availability.available).toBe(true);
    expect(quantity?.availability).toEqual({ available: false, reason: exness.reason });
    expect(percent?.availability).toEqual({ available: false, reason: exness.reason });
  });
});

describe('readCloseInput', () => {
  it('accepts a whole-share quantity within what is available', () => {
    expect(readCloseInput(position(), alpaca, 'quantity', ' 10 ')).toEqual({ amount: { kind: 'quantity', quantity: '10' }, error: null });
  });

  it('names the field and the rule when the text is not a number', () => {
    const result = readCloseInput(position(), alpaca, 'quantity', '1e3');
    expect(result.error?.field).toBe('quantity');
    expect(fieldErrorText(result.error!)).toBe('Quantity must be a plain decimal number such as 12 or 0.5.');
  });

  it('refuses an empty field', () => {
    expect(readCloseInput(position(), alpaca, 'percent', '').error?.message).toBe('percent must not be empty');
  });

  it('applies the shared rules: more than available is refused', () => {
    const result = readCloseInput(position({ available: d('20') }), alpaca, 'quantity', '21');
    expect(result.error?.message).toBe('quantity must be at most the available 20 shares');
  });

  it('refuses a fraction of a share on a position that is not fractional', () => {
    expect(readCloseInput(position(), clearStreet, 'quantity', '2.5').error?.field).toBe('quantity');
  });

  it('takes a percentage for Alpaca', () => {
    expect(readCloseInput(position(), alpaca, 'percent', '40').amount).toEqual({ kind: 'percent', percent: '40' });
  });

  it('always accepts a full close', () => {
    expect(readCloseInput(position(), exness, 'all', 'ignored')).toEqual({ amount: { kind: 'all' }, error: null });
  });
});

describe('describeCloseRequest', () => {
  it('states quantity, open size, symbol, side and account', () => {
    expect(describeCloseRequest(position(), { kind: 'quantity', quantity: d('10') }, '9JA74XQ2')).toBe(
      'Closeout will send: close 10 of 25 shares of AAPL (long) in account 9JA74XQ2 at market.',
    );
  });

  it('describes a full close and a percentage close', () => {
    expect(describeCloseRequest(position({ quantity: d('1'), side: 'short' }), { kind: 'all' }, 'X1')).toBe(
      'Closeout will send: close all 1 share of AAPL (short) in account X1 at market.',
    );
    expect(describeCloseRequest(position({ quantity: d('1500') }), { kind: 'percent', percent: d('12.5') }, 'X1')).toBe(
      'Closeout will send: close 12.5 % (187 shares) of 1,500 shares of AAPL (long) in account X1 at market.',
    );
  });

  it('quotes the comment that goes to the broker', () => {
    expect(describeCloseRequest(position(), { kind: 'all' }, 'X1', 'client request')).toBe(
      'Closeout will send: close all 25 shares of AAPL (long) in account X1 at market with the comment “client request”.',
    );
  });

  it('counts lots for a lot-based position', () => {
    const lots = position({ symbol: 'EURUSD', quantity: d('1.5'), unit: { name: 'lots', step: d('0.01') } });
    expect(describeCloseRequest(lots, { kind: 'quantity', quantity: d('0.5') }, '7001')).toBe(
      'Closeout will send: close 0.5 of 1.5 lots of EURUSD (long) in account 7001 at market.',
    );
  });
});

describe('remainingText', () => {
  it('says what stays open after a partial close and when nothing does', () => {
    expect(remainingText(position(), { kind: 'quantity', quantity: d('10') })).toBe('15 shares remain open.');
    expect(remainingText(position(), { kind: 'all' })).toBe('Nothing remains open.');
    expect(remainingText(position({ quantity: d('2000') }), { kind: 'percent', percent: d('25') })).toBe('1,500 shares remain open.');
    expect(remainingText(position({ quantity: d('10') }), { kind: 'percent', percent: d('25') })).toBe('8 shares remain open.');
  });
});

describe('readComment', () => {
  it('trims the comment and treats blank as none', () => {
    expect(readComment('  client asked  ')).toEqual({ comment: 'client asked', error: null });
    expect(readComment('   ')).toEqual({ comment: null, error: null });
  });

  it('refuses more than 64 characters, naming the field', () => {
    expect(readComment('x'.repeat(65)).error?.message).toBe('comment must be at most 64 characters');
  });
});
