import { describe, expect, it } from 'vitest';
import { bookAccount } from './fakeBroker.testkit';
import { accountsToRun, windDownRunId, planWindDown } from './plan';
import type { WindDownRunRecord } from './progressStore';
import type { WindDownPreflight } from '../../../shared/windDown';

function preflight(ref: string, accountId: string | null, disposition: WindDownPreflight['disposition'] = 'run'): WindDownPreflight {
  return {
    ref, account: accountId ? bookAccount(accountId, `N-${accountId}`) : null, cash: null, currency: null, positions: [], openOrders: [], blockers: [],
    disposition, reason: null, errorCode: null, requestId: null, steps: [], sweepEstimate: null,
  };
}

const EARLIER: WindDownRunRecord = {
  version: 1, runId: 'run-1', connection: 'Sim', createdAt: 't', updatedAt: 't',
  accounts: {
    a1: { accountId: 'a1', number: 'N-a1', name: 'x', status: 'done', reason: null, errorCode: null, steps: { close_account: { state: 'done', message: 'Closed.', requestId: null, at: 't' } } },
    a2: {
      accountId: 'a2', number: 'N-a2', name: 'y', status: 'stopped', reason: 'cash', errorCode: 'precondition_failed',
      steps: {
        cancel_orders: { state: 'skipped', message: 'none', requestId: null, at: 't' },
        close_positions: { state: 'done', message: 'Closed.', requestId: null, at: 't' },
        recheck: { state: 'failed', message: 'cash', requestId: null, at: 't' },
      },
    },
  },
};

describe('windDownRunId', () => {
  it('is the same for the same accounts in any order, however they were named, and ignores references not found', () => {
    const byNumber = windDownRunId('Sim', [preflight('N-a2', 'a2'), preflight('N-a1', 'a1'), preflight('typo', null, 'skip')]);
    const byId = windDownRunId('sim', [preflight('a1', 'a1'), preflight('a2', 'a2')]);
    expect(byNumber).toMatch(/^run-[0-9a-f]{16}$/);
    expect(byId).toBe(byNumber);
  });

  it('differs for another connection or another set of accounts', () => {
    const base = windDownRunId('Sim', [preflight('a1', 'a1')]);
    expect(windDownRunId('Other', [preflight('a1', 'a1')])).not.toBe(base);
    expect(windDownRunId('Sim', [preflight('a1', 'a1'), preflight('a3', 'a3')])).not.toBe(base);
  });
});

describe('planWindDown', () => {
  it('marks accounts an earlier run finished and the steps it settled, and leaves only the rest to confirm', () => {
    const plan = planWindDown('Sim', [preflight('N-a1', 'a1'), preflight('N-a2', 'a2'), preflight('gone', 'a3', 'skip')], 'run-1', EARLIER);
    expect(plan.resumed).toBe(true);
    expect(plan.accounts.map((account) => [account.ref, account.alreadyDone, account.completed])).toEqual([
      ['N-a1', true, ['close_account']],
      ['N-a2', false, ['cancel_orders', 'close_positions']],
      ['gone', false, []],
    ]);
    expect(accountsToRun(plan).map((account) => account.ref)).toEqual(['N-a2']);
  });

  it('refuses an earlier run of another connection, and a run id that is not a file name', () => {
    expect(() => planWindDown('Other', [], 'run-1', EARLIER)).toThrow('runId run-1 belongs to a wind-down on connection "Sim", not "Other"');
    expect(() => planWindDown('Sim', [], '../x', null)).toThrow('runId must be 1-64 letters');
  });
});
