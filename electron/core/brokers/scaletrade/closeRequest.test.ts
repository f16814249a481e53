import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../../../shared/decimal';
import type { Position } from '../../../../shared/domain';
import { planClose } from './closeRequest';

const POSITION: Position = {
  id: '1001', accountId: '9', symbol: 'EURUSD', side: 'long', quantity: toDecimalString('2.5'), available: toDecimalString('2.5'),
  unit: { name: 'lots', step: toDecimalString('0.01') }, fractional: true, avgPrice: null, lastPrice: null, marketValue: null,
  unrealizedPnl: null, unrealizedPnlPct: null, assetClass: null,
};

describe('planClose', () => {
  it('sends no volume for a full close and minimal lots for a part', () => {
    expect(planClose(POSITION, { kind: 'all' }, undefined)).toEqual({ body: { order: 1001 }, closing: '2.5', remaining: '0' });
    expect(planClose(POSITION, { kind: 'quantity', quantity: toDecimalString('1.25') }, 'half')).toEqual({
      body: { order: 1001, volume: 125, comment: 'half' },
      closing: '1.25',
      remaining: '1.25',
    });
  });

  it('refuses a position whose id is not a ticket number', () => {
    expect(() => planClose({ ...POSITION, id: 'EURUSD' }, { kind: 'all' }, undefined)).toThrow('positionId must be a ScaleTrade ticket number');
  });

  it('refuses a part that is not a whole number of minimal lots even when the position claims a finer step', () => {
    const finer = { ...POSITION, unit: { name: 'lots' as const, step: toDecimalString('0.001') } };
    expect(() => planClose(finer, { kind: 'quantity', quantity: toDecimalString('0.005') }, undefined)).toThrow('quantity must be a whole number of minimal lots');
  });
});
