import { describe, expect, it } from 'vitest';
import type { WindDownAccountReport, WindDownReport } from './windDown';
import { windDownReportCsv } from './windDownCsv';

function account(overrides: Partial<WindDownAccountReport>): WindDownAccountReport {
  return { ref: 'N1', accountId: 'id-1', number: 'N1', name: 'Jane Doe', status: 'done', steps: [], unknown: false, closed: true, ...overrides };
}

const report: WindDownReport = {
  runId: 'run-1',
  connection: 'Alpaca',
  startedAt: '2024-05-01T10:00:00.000Z',
  finishedAt: '2024-05-01T10:01:00.000Z',
  summary: { done: 1, stopped: 1, skipped: 1, parked: 0, unknown: 0 },
  status: 'finished',
  accounts: [
    account({
      steps: [
        { step: 'cancel_orders', state: 'skipped', message: 'no open orders' },
        { step: 'close_positions', state: 'done', message: 'Close all accepted.', requestId: 'req-1' },
        { step: 'wait_flat', state: 'done', message: 'Flat after 1 s.' },
        { step: 'recheck', state: 'done', message: 'Nothing remains, the account can be closed.' },
        { step: 'close_account', state: 'done', message: 'Closed.', requestId: 'req-2' },
      ],
    }),
    account({
      ref: 'N2',
      accountId: 'id-2',
      number: 'N2',
      name: '=HYPERLINK("x")',
      status: 'stopped',
      closed: false,
      reason: 're-check: Cash of 100 USD must be withdrawn first.',
      steps: [{ step: 'recheck', state: 'failed', message: 'Cash of 100 USD must be withdrawn first.' }],
    }),
    account({ ref: 'ghost', accountId: null, number: null, name: null, status: 'skipped', closed: false, reason: 'not found on Alpaca', unknown: true }),
  ],
};

describe('windDownReportCsv', () => {
  it('writes the same columns as the command line, one CRLF line per account', () => {
    const lines = windDownReportCsv(report).split('\r\n');
    expect(lines[0]).toBe('ref,account_id,account_number,name,status,closed,outcome_unknown,reason,cancel_orders,close_positions,wait_flat,recheck,close_account,request_ids,settle,sweep_cash');
    expect(lines[1]).toBe(
      'N1,id-1,N1,Jane Doe,done,yes,no,,skipped: no open orders,done: Close all accepted.,done: Flat after 1 s.,"done: Nothing remains, the account can be closed.",done: Closed.,req-1 req-2,,',
    );
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });

  it('keeps a name that starts like a formula as text and quotes what needs quoting', () => {
    const line = windDownReportCsv(report).split('\r\n')[2];
    expect(line).toBe('N2,id-2,N2,"\'=HYPERLINK(""x"")",stopped,no,no,re-check: Cash of 100 USD must be withdrawn first.,,,,failed: Cash of 100 USD must be withdrawn first.,,,,');
  });

  it('leaves what an unresolved account lacks empty and flags an unknown outcome', () => {
    expect(windDownReportCsv(report).split('\r\n')[3]).toBe('ghost,,,,skipped,no,yes,not found on Alpaca,,,,,,,,');
  });
});
