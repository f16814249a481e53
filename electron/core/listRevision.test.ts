import { describe, expect, it } from 'vitest';
import { createBodyRevisions, revisionOf, toPolledList } from './listRevision';

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

describe('createBodyRevisions', () => {
  const revisions = createBodyRevisions();
  const list = 'positions\u0000demo\u0000acct-1';

  it('tells the adapter the caller holds an answer only for the revision this core gave that very answer', () => {
    const given = revisions.toPolledList(list, { digest: 'digest-1', items: positions });
    expect(given).toMatchObject({ unchanged: false, items: positions, revision: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(revisions.held(list, given.revision)('digest-1')).toBe(true);
    expect(revisions.held(list, given.revision)('digest-2')).toBe(false);
    expect(revisions.held(list, undefined)('digest-1')).toBe(false);
  });

  it('keeps two accounts with byte-identical answers apart', () => {
    const given = revisions.toPolledList(list, { digest: 'digest-1', items: positions });
    expect(revisions.held('positions\u0000demo\u0000acct-2', given.revision)('digest-1')).toBe(false);
  });

  it('never matches a revision another core process gave, so a restarted core reads the list itself', () => {
    const before = createBodyRevisions().toPolledList(list, { digest: 'digest-1', items: positions });
    expect(revisions.held(list, before.revision)('digest-1')).toBe(false);
  });

  it('answers unchanged with the same revision when the adapter skipped the rows', () => {
    const given = revisions.toPolledList(list, { digest: 'digest-1', items: positions });
    expect(revisions.toPolledList(list, { digest: 'digest-1', items: null })).toEqual({ revision: given.revision, unchanged: true });
  });
});
