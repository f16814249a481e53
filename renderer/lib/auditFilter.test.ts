import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/audit';
import { auditListRequest, filterAudit, localDay, NO_AUDIT_FILTERS } from './auditFilter';

function record(seq: number, accountId: string | null, extra: Partial<AuditRecord> = {}): AuditRecord {
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
    ...extra,
  };
}

describe('auditListRequest', () => {
  it('sends only the filters that are set, with the limit', () => {
    expect(auditListRequest(NO_AUDIT_FILTERS, 5000)).toEqual({ limit: 5000 });
    expect(auditListRequest({ action: 'close_all', outcome: 'unknown' }, 10)).toEqual({ action: 'close_all', outcome: 'unknown', limit: 10 });
  });
});

describe('filterAudit', () => {
  const noon = (day: string) => new Date(`${day}T12:00:00`).toISOString();
  const records = [
    record(4, 'uuid-4', { accountNumber: '9JA74XQ2', accountName: 'Ada Lovelace', symbol: 'AAPL', time: noon('2024-05-03') }),
    record(3, 'uuid-3', { accountNumber: '123456', accountName: 'Grace Hopper', symbol: 'MSFT', time: noon('2024-05-02') }),
    record(2, null, { time: noon('2024-05-02') }),
    record(1, '9f2c-old', { time: noon('2024-05-01') }),
  ];
  const seqs = (filters: Partial<typeof NO_AUDIT_FILTERS>) => filterAudit(records, { ...NO_AUDIT_FILTERS, ...filters }).map((r) => r.seq);

  it('matches part of the account number or holder name in any case, keeping the order', () => {
    expect(seqs({ account: ' 9ja7 ' })).toEqual([4]);
    expect(seqs({ account: 'hopper' })).toEqual([3]);
  });

  it('falls back to the account id for records written before numbers were kept, and never matches an id hidden behind a number', () => {
    expect(seqs({ account: '9f2c' })).toEqual([1]);
    expect(seqs({ account: 'uuid' })).toEqual([]);
  });

  it('matches a whole symbol in any case', () => {
    expect(seqs({ symbol: 'aapl' })).toEqual([4]);
    expect(seqs({ symbol: 'AAP' })).toEqual([]);
  });

  it('keeps the days from and to, both included, either end open', () => {
    expect(seqs({ from: '2024-05-02', to: '2024-05-02' })).toEqual([3, 2]);
    expect(seqs({ from: '2024-05-02' })).toEqual([4, 3, 2]);
    expect(seqs({ to: '2024-05-01' })).toEqual([1]);
  });

  it('combines the filters and keeps every record while all are blank', () => {
    expect(seqs({ account: 'a', symbol: 'msft', from: '2024-05-02' })).toEqual([3]);
    expect(filterAudit(records, { ...NO_AUDIT_FILTERS, account: '  ' })).toBe(records);
  });
});

describe('localDay', () => {
  it('is the local calendar day of a time', () => {
    expect(localDay(new Date(2024, 11, 31, 23, 59).toISOString())).toBe('2024-12-31');
  });
});
