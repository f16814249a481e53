import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/audit';
import { auditDetails } from './auditDetails';

function record(seq: number, actionId: string, phase: AuditRecord['phase'], message: string | null = null): AuditRecord {
  return {
    type: 'record', seq, time: '2024-05-01T14:03:22Z', user: 'jane', prevHash: '', hash: '', actionId, phase, action: 'close_position',
    connection: 'Demo', broker: 'alpaca', accountId: 'a', params: {}, requestId: null, outcome: phase === 'attempt' ? null : 'unknown', errorCode: null, message,
  };
}

describe('auditDetails', () => {
  it('finds the attempt, the outcome and the verdict of one action among the loaded records', () => {
    const records = [record(5, 'x', 'outcome', 'Reconciled (happened): sold 10'), record(4, 'y', 'attempt'), record(3, 'x', 'outcome', 'Timed out.'), record(2, 'x', 'attempt')];
    const details = auditDetails(records, 'x');
    expect([details.attempt?.seq, details.outcome?.seq, details.verdict?.seq]).toEqual([2, 3, 5]);
  });

  it('has no verdict for an action whose outcome was known at once, and nothing for an action not loaded', () => {
    expect(auditDetails([record(2, 'y', 'outcome', 'Accepted.'), record(1, 'y', 'attempt')], 'y').verdict).toBeNull();
    expect(auditDetails([], 'z')).toEqual({ attempt: null, outcome: null, verdict: null });
  });
});
