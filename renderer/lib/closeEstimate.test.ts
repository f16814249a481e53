import { describe, expect, it } from 'vitest';
import type { DecimalString } from '../../shared/decimal';
import type { Position } from '../../shared/domain';
import { aPosition, BOUGHT_AT_150_NOW_160 } from '../../shared/domain.testkit';
import { estimateClose, estimateCloseAll, valueLabel } from './closeEstimate';

const d = (value: string) => value as DecimalString;

const shares = (overrides: Partial<Position> = {}): Position => aPosition({ ...BOUGHT_AT_150_NOW_160, ...overrides });

/** A ScaleTrade ticket: lots, a price, the broker's net profit, no market value. */
const lots = shares({
  id: '51234',
  symbol: 'EURUSD',
  quantity: d('1.5'),
  available: d('1.5'),
  unit: { name: 'lots', step: d('0.01') },
  avgPrice: d('1.08000'),
  lastPrice: d('1.08500'),
  marketValue: null,
  unrealizedPnl: d('712.35'),
  unrealizedPnlPct: null,
});

/** An Exness-style order: units at a price, the platform's own profit in account currency. */
const units = shares({
  id: '9001',
  symbol: 'XAUUSD',
  quantity: d('0.3'),
  available: d('0.3'),
  unit: { name: 'units', step: d('0.1') },
  avgPrice: d('2300.10'),
  lastPrice: d('2310.60'),
  marketValue: d('693.18'),
  unrealizedPnl: d('3.15'),
  unrealizedPnlPct: null,
});

describe('estimateClose', () => {
  it('values a partial close of shares at the last price and books that share of the unrealised P&L', () => {
    expect(estimateClose(shares(), { kind: 'quantity', quantity: d('10') })).toEqual({
      value: { amount: '1600.00', missing: null, note: null },
      realisedPnl: { amount: '100.00', missing: null, note: null },
    });
  });

  it('books a loss on a short whose price rose', () => {
    const short = shares({ side: 'short', marketValue: d('-4000.00'), unrealizedPnl: d('-250.00') });
    expect(estimateClose(short, { kind: 'all' })).toEqual({
      value: { amount: '4000.00', missing: null, note: null },
      realisedPnl: { amount: '-250.00', missing: null, note: null },
    });
  });

  it('works the P&L out from prices when the broker gives none', () => {
    const short = shares({ side: 'short', unrealizedPnl: null });
    expect(estimateClose(short, { kind: 'quantity', quantity: d('5') }).realisedPnl).toEqual({ amount: '-50.00', missing: null, note: null });
  });

  it('values units at the last price in their quote currency, and takes the platform profit for P&L', () => {
    expect(estimateClose(units, { kind: 'all' })).toEqual({
      value: { amount: '693.18', missing: null, note: 'in the currency XAUUSD is quoted in' },
      realisedPnl: { amount: '3.15', missing: null, note: null },
    });
  });

  it('says a P&L worked out from the prices of units is in the quote currency', () => {
    expect(estimateClose({ ...units, unrealizedPnl: null }, { kind: 'all' }).realisedPnl).toEqual({
      amount: '3.15',
      missing: null,
      note: 'in the currency XAUUSD is quoted in',
    });
  });

  it('gives lots the P&L share and says why their value cannot be told', () => {
    expect(estimateClose(lots, { kind: 'quantity', quantity: d('0.5') })).toEqual({
      value: { amount: null, missing: 'the broker gives no contract size for lots', note: null },
      realisedPnl: { amount: '237.45', missing: null, note: null },
    });
  });

  it('values option contracts by the broker market value, which holds the contract size, never by price times contracts', () => {
    const option = shares({ id: 'AAPL240119C00100000', symbol: 'AAPL240119C00100000', quantity: d('3'), unit: { name: 'contracts', step: d('1') }, lastPrice: d('2.50'), marketValue: d('750.00'), avgPrice: d('2.00'), unrealizedPnl: null });
    expect(estimateClose(option, { kind: 'quantity', quantity: d('2') })).toEqual({
      value: { amount: '500.00', missing: null, note: null },
      realisedPnl: { amount: null, missing: 'the broker gives no unrealised P&L for these contracts', note: null },
    });
    expect(estimateClose({ ...option, marketValue: null }, { kind: 'all' }).value.missing).toBe('the broker gives no contract size for contracts');
  });

  it('counts a percentage by the whole shares it closes', () => {
    expect(estimateClose(shares({ quantity: d('10'), unrealizedPnl: d('100.00') }), { kind: 'percent', percent: d('25') }).realisedPnl.amount).toBe('20.00');
  });

  it('says which price is missing', () => {
    const unpriced = shares({ lastPrice: null, marketValue: null, unrealizedPnl: null });
    expect(estimateClose(unpriced, { kind: 'all' })).toEqual({
      value: { amount: null, missing: 'no last price', note: null },
      realisedPnl: { amount: null, missing: 'no last price', note: null },
    });
    expect(estimateClose(shares({ avgPrice: null, unrealizedPnl: null }), { kind: 'all' }).realisedPnl.missing).toBe('no average price');
  });
});

describe('estimateCloseAll', () => {
  it('sums proceeds of longs and buy-back cost of shorts apart, and P&L over all', () => {
    const short = shares({ id: 'TSLA', side: 'short', quantity: d('2'), lastPrice: d('200.00'), unrealizedPnl: d('-30.50') });
    expect(estimateCloseAll([shares(), short])).toEqual({
      positions: 2,
      proceeds: '4000.00',
      buyBackCost: '400.00',
      realisedPnl: '219.50',
      withoutValue: 0,
      withoutPnl: 0,
    });
  });

  it('leaves values in a quote currency out of the sum, but adds their account-currency P&L', () => {
    expect(estimateCloseAll([shares(), units])).toMatchObject({ proceeds: '4000.00', realisedPnl: '253.15', withoutValue: 1, withoutPnl: 0 });
  });

  it('counts the positions it could not value instead of guessing', () => {
    expect(estimateCloseAll([lots, shares({ unrealizedPnl: null, avgPrice: null })])).toMatchObject({
      proceeds: '4000.00',
      buyBackCost: null,
      realisedPnl: '712.35',
      withoutValue: 1,
      withoutPnl: 1,
    });
  });
});

describe('valueLabel', () => {
  it('calls the value proceeds for a long and a cost for a short', () => {
    expect(valueLabel('long')).toBe('Est. proceeds');
    expect(valueLabel('short')).toBe('Est. cost to buy back');
  });
});
