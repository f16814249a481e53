import { describe, expect, it } from 'vitest';
import { chainHeadline, chainNotes } from './auditChain';

const HASH = 'ab'.repeat(32);
const intact = { ok: true, records: 42, head: { seq: 42, hash: HASH }, macsChecked: true };

describe('chainHeadline', () => {
  it('counts the records of an intact chain', () => {
    expect(chainHeadline(intact)).toBe('Audit chain verified: 42 records');
    expect(chainHeadline({ ...intact, records: 1 })).toBe('Audit chain verified: 1 record');
  });

  it('names the record where the chain breaks and why', () => {
    expect(chainHeadline({ ...intact, ok: false, records: 11, firstBad: { seq: 12, reason: 'hash does not match the record' } })).toBe(
      'Audit chain broken at record 12: hash does not match the record',
    );
  });
});

describe('chainNotes', () => {
  it('gives the head of an intact chain to note down', () => {
    expect(chainNotes(intact)).toEqual([`Newest record: 42:${HASH} (note it to catch a later rewrite up to it).`]);
  });

  it('says when the signatures could not be checked, and gives no head for a broken chain', () => {
    expect(chainNotes({ ...intact, ok: false, macsChecked: false })).toEqual(["The records' keychain signatures were not checked."]);
  });
});
