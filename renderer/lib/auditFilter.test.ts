import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/audit';
import { auditListRequest, filterByAccount, NO_AUDIT_FILTERS } from './auditFilter';

function record(seq: number, accountId: string | null): AuditRecord {
  return {
    type: 'record',
    seq,
    time: '2024-05-01T14:03:22Z',
    user: 'jane',
    prevHash: '',
    hash: '',
    actionId: `a-${seq}`,
    phase: 'attempt',
    action: accountId === null ? 'connection_add' : 'close_position',
    connection: 'Alpaca demo',
    broker: 'alpaca',
    accountId,
    params: {},
    requestId: null,
    outcome: null,
    errorCode: null,
    message: null,
  };
}

describe('auditListRequest', () => {
  it('sends only the filters that are set, with the limit', () => {
    expect(auditListRequest(NO_AUDIT_FILTERS, 5000)).toEqual({ limit: 5000 });
    expect(auditListRequest({ action: 'close_all', outcome: 'unknown' }, 10)).toEqual({ action: 'close_all', outcome: 'unknown', limit: 10 });
  });
});

describe('filterByAccount', () => {
  const records = [record(3, '9f2c-AAA1'), record(2, null), record(1, 'b7e1-bbb2')];

  it('matches part of the account id in any case, keeping the order', () => {
    expect(filterByAccount(records, ' aaa ').map((r) => r.seq)).toEqual([3]);
    expect(filterByAccount(records, '-').map((r) => r.seq)).toEqual([3, 1]);
  });

  it('keeps every record while the field is blank', () => {
    expect(filterByAccount(records, '  ')).toBe(records);
  });
});
