import { describe, expect, it } from 'vitest';
import { chainHeadline, chainNotes } from './auditChain';

const intact = { ok: true, records: 42, truncatedTail: false, recoveredFragments: 0 };

describe('chainHeadline', () => {
  it('counts the records of an intact chain', () => {
    expect(chainHeadline(intact)).toBe('Audit chain verified: 42 records');
    expect(chainHeadline({ ...intact, records: 1 })).toBe('Audit chain verified: 1 record');
  });

  it('names the line where the chain breaks and why', () => {
    expect(chainHeadline({ ...intact, ok: false, records: 11, firstBad: { line: 12, reason: 'hash does not match the record' } })).toBe(
      'Audit chain broken at line 12: hash does not match the record',
    );
  });
});

describe('chainNotes', () => {
  it('has nothing to add for a clean log', () => {
    expect(chainNotes(intact)).toEqual([]);
  });

  it('mentions a cut-short last line and recovered fragments', () => {
    expect(chainNotes({ ...intact, truncatedTail: true, recoveredFragments: 2 })).toEqual([
      'The last line was cut short, as a crash in mid-write leaves it; it is not counted.',
      '2 partial lines from earlier crashes are accounted for by recovery records.',
    ]);
    expect(chainNotes({ ...intact, recoveredFragments: 1 })).toEqual(['1 partial line from earlier crashes is accounted for by recovery records.']);
  });
});
