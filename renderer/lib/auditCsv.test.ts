import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/audit';
import { auditCsv, auditCsvFileName, csvField, toCsv } from './auditCsv';

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

/** Reads RFC 4180 text back into rows, so the tests check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  return rows;
}

describe('csvField', () => {
  it('leaves plain text alone and quotes commas, quotes and line breaks', () => {
    expect(csvField('acc-1')).toBe('acc-1');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "yes"')).toBe('"say ""yes"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('keeps a cell that a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('round-trips any text that does not start like a formula', () => {
    const text = fc
      .string({ unit: fc.constantFrom('a', 'Z', '1', ',', '"', '\r', '\n', ' ', 'é', ';', '=') })
      .filter((value) => !/^[=\r]/.test(value));
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (cells) => {
        const width = cells[0]!.length;
        const rows = cells.map((row) => Array.from({ length: width }, (_, index) => row[index] ?? ''));
        const columns = rows[0]!.map((_, index) => ({ header: `c${index}`, value: (row: string[]) => row[index] ?? null }));
        expect(parseCsv(toCsv(columns, rows))).toEqual([columns.map((column) => column.header), ...rows]);
      }),
    );
  });
});

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
