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
  it('writes a header and one line per record in the order given, parameters as compact JSON', () => {
    const rows = parseCsv(auditCsv([record(), record({ seq: 6, phase: 'attempt', outcome: null, requestId: null, message: null })]));
    expect(rows[0]).toEqual([
      'time',
      'user',
      'connection',
      'broker',
      'account',
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
      'acc-1',
      'close_position',
      'outcome',
      '{"positionId":"AAPL","amount":{"kind":"quantity","quantity":"10"}}',
      'req-9',
      'accepted',
      '',
      'Alpaca accepted the close of AAPL.',
      'act-1',
      '7',
    ]);
    expect(rows[2]?.slice(6, 10)).toEqual(['attempt', '{"positionId":"AAPL","amount":{"kind":"quantity","quantity":"10"}}', '', '']);
    expect(rows).toHaveLength(3);
  });

  it('ends every line with CRLF, the last one included', () => {
    const text = auditCsv([record()]);
    expect(text.split('\r\n')).toHaveLength(3);
    expect(text.endsWith('\r\n')).toBe(true);
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
