import { describe, expect, it } from 'vitest';
import { reportToJson, summarize } from './report';
import type { WindDownAccountReport, WindDownReport } from '../../../shared/windDown';

const DONE: WindDownAccountReport = {
  ref: 'N1', accountId: 'acc-1', number: 'N1', name: 'Okafor, Maya', status: 'done', unknown: false, closed: true,
  steps: [
    { step: 'cancel_orders', state: 'skipped', message: 'no open orders' },
    { step: 'close_positions', state: 'done', message: 'Closing accepted for 1 of 1 positions.', requestId: 'req-1' },
    { step: 'wait_flat', state: 'done', message: 'Flat after 40 ms.' },
    { step: 'recheck', state: 'done', message: 'Nothing remains: the account can be closed.' },
    { step: 'close_account', state: 'done', message: 'Alpaca accepted the close of account acc-1.', requestId: 'req-2' },
  ],
};

const STOPPED: WindDownAccountReport = {
  ref: '=HYPERLINK("x")', accountId: null, number: null, name: null, status: 'stopped', unknown: true, closed: false,
  reason: 'unknown: check before re-running. close positions: No answer from Alpaca [outcome_unknown]', errorCode: 'outcome_unknown',
  steps: [{ step: 'close_positions', state: 'unknown', message: 'No answer\nfrom Alpaca' }],
};

const REPORT: WindDownReport = {
  runId: 'run-1', connection: 'Sim', startedAt: 's', finishedAt: 'f', accounts: [DONE, STOPPED], summary: summarize([DONE, STOPPED]), status: 'finished',
};

describe('the wind-down report', () => {
  it('counts accounts by status, and those with an unknown outcome', () => {
    expect(REPORT.summary).toEqual({ done: 1, stopped: 1, skipped: 0, parked: 0, unknown: 1 });
  });

  it('exports JSON that reads back as the same report', () => {
    expect(JSON.parse(reportToJson(REPORT))).toEqual(REPORT);
  });
});
