import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/audit';
import { parseCsvRows } from '../../shared/csv';
import { auditCsv, auditCsvFileName } from './auditCsv';

function record(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    type: 'record',
    seq: 7,
    time: '2024-05-01T14:03:22.123Z',
    user: 'jane',
    prevHash: 'p',
    hash: 'h',
    actionId: 'act-1',
    phase: 'outcome',
    action: 'close_position',
    connection: 'Alpaca demo',
    broker: 'alpaca',
    accountId: 'acc-1',
    accountNumber: '9JA74XQ2',
    accountName: 'Ada Lovelace',
    symbol: 'AAPL',
    params: { positionId: 'AAPL', amount: { kind: 'quantity', quantity: '10' } },
    requestId: 'req-9',
    outcome: 'accepted',
    errorCode: null,
    message: 'Alpaca accepted the close of AAPL.',
    ...overrides,
  };
}

const parseCsv = (text: string): string[][] => parseCsvRows(text).map((row) => row.cells);

describe('auditCsv', () => {
  it('writes a header and one line per record in the order given, parameters in words', () => {
    const rows = parseCsv(auditCsv([record(), record({ seq: 6, phase: 'attempt', outcome: null, requestId: null, message: null })]));
    expect(rows[0]).toEqual([
      'time',
      'user',
      'connection',
      'broker',
      'account number',
      'holder name',
      'account id',
      'symbol',
      'action',
      'phase',
      'parameters',
      'request id',
      'outcome',
      'error code',
      'message',
      'action id',
      'sequence',
    ]);
    expect(rows[1]).toEqual([
      '2024-05-01T14:03:22.123Z',
      'jane',
      'Alpaca demo',
      'alpaca',
      '9JA74XQ2',
      'Ada Lovelace',
      'acc-1',
      'AAPL',
      'close_position',
      'outcome',
      'Close 10 of AAPL',
      'req-9',
      'accepted',
      '',
      'Alpaca accepted the close of AAPL.',
      'act-1',
      '7',
    ]);
    expect(rows[2]?.slice(9, 13)).toEqual(['attempt', 'Close 10 of AAPL', '', '']);
    expect(rows).toHaveLength(3);
  });

  it('ends every line with CRLF, the last one included', () => {
    const text = auditCsv([record()]);
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('leaves number, name and symbol empty for a record written before they were kept', () => {
    const old = record();
    delete old.accountNumber;
    delete old.accountName;
    delete old.symbol;
    const rows = parseCsv(auditCsv([old]));
    expect(rows[1]?.slice(4, 8)).toEqual(['', '', 'acc-1', '']);
  });

  it('is just the header when no record matches', () => {
    expect(parseCsv(auditCsv([]))).toHaveLength(1);
  });
});

describe('auditCsvFileName', () => {
  it('stamps the local date and time to the second', () => {
    expect(auditCsvFileName(new Date(2024, 4, 1, 9, 3, 22))).toBe('closeout-audit-20240501-090322.csv');
  });
});
