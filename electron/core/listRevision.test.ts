import { describe, expect, it } from 'vitest';
import { revisionOf, toPolledList } from './listRevision';

const positions = [
  { id: 'AAPL', quantity: '10', lastPrice: '101.5' },
  { id: 'MSFT', quantity: '3', lastPrice: '420' },
];

describe('revisionOf', () => {
  it('is the same for equal lists read at different times', () => {
    expect(revisionOf(positions)).toBe(revisionOf(structuredClone(positions)));
  });

  it('changes when any field of any row changes, when a row goes, and when rows swap places', () => {
    const base = revisionOf(positions);
    expect(revisionOf([positions[0], { ...positions[1], lastPrice: '420.01' }])).not.toBe(base);
    expect(revisionOf([positions[0]])).not.toBe(base);
    expect(revisionOf([positions[1], positions[0]])).not.toBe(base);
  });

  it('is short enough to travel back in a request', () => {
    expect(revisionOf(positions)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('toPolledList', () => {
  it('sends the items when the caller holds no revision or another one', () => {
    expect(toPolledList(positions, undefined)).toEqual({ revision: revisionOf(positions), unchanged: false, items: positions });
    expect(toPolledList(positions, 'older')).toMatchObject({ unchanged: false, items: positions });
  });

  it('answers only unchanged when the caller already holds this revision', () => {
    expect(toPolledList(positions, revisionOf(positions))).toEqual({ revision: revisionOf(positions), unchanged: true });
  });
});
