import { describe, expect, it } from 'vitest';
import { WIND_DOWN_STEPS, type WindDownPlan, type PlannedAccount } from '../../shared/windDown';
import type { DecimalString } from '../../shared/decimal';
import { accountsToRun, confirmsCount, countPlan, planHeadline, verdictOf } from './windDownPlan';

function planned(ref: string, overrides: Partial<PlannedAccount> = {}): PlannedAccount {
  return {
    ref,
    account: { id: `id-${ref}`, number: ref, name: 'Jane Doe', status: 'ACTIVE', statusTone: 'active', currency: 'USD' },
    cash: '0' as DecimalString,
    currency: 'USD',
    positions: [],
    openOrders: [],
    blockers: [],
    disposition: 'run',
    reason: null,
    errorCode: null,
    requestId: null,
    steps: WIND_DOWN_STEPS.map((step) => ({ step, action: 'run', note: step })),
    completed: [],
    alreadyDone: false,
    sweepEstimate: null,
    ...overrides,
  };
}

function plan(accounts: PlannedAccount[], resumed = false): WindDownPlan {
  return { connection: 'Alpaca', runId: 'run-1', resumed, sweepTo: null, accounts };
}

const mixed = plan([
  planned('N1'),
  planned('N2', { alreadyDone: true, disposition: 'skip', reason: 'already closed (ACCOUNT_CLOSED)' }),
  planned('N3', { disposition: 'skip', reason: 'not found on Alpaca', account: null }),
  planned('N4', { disposition: 'stop', reason: 'could not be read' }),
  planned('N5'),
  planned('N6', { alreadyDone: true }),
]);

describe('accountsToRun', () => {
  it('counts only accounts to run that no earlier run closed out, as the main process does', () => {
    expect(accountsToRun(mixed).map((account) => account.ref)).toEqual(['N1', 'N5']);
  });
});

describe('verdictOf', () => {
  it('says already done before anything else, then the disposition', () => {
    expect(mixed.accounts.map(verdictOf)).toEqual(['run', 'already done', 'skip', 'stop', 'run', 'already done']);
  });
});

describe('countPlan and planHeadline', () => {
  it('count each verdict once and say them in one sentence', () => {
    expect(countPlan(mixed)).toEqual({ toRun: 2, alreadyDone: 2, skipped: 1, stopped: 1 });
    expect(planHeadline(mixed)).toBe('2 accounts to wind down; 2 already done by an earlier run, 1 skipped, 1 stopped.');
  });

  it('say so when there is nothing to wind down', () => {
    expect(planHeadline(plan([planned('N1', { disposition: 'skip' })]))).toBe('No account to wind down; 1 skipped, 0 stopped.');
    expect(planHeadline(plan([planned('N1')]))).toBe('1 account to wind down; 0 skipped, 0 stopped.');
  });
});

describe('confirmsCount', () => {
  it('accepts exactly the number, surrounding spaces aside', () => {
    expect(confirmsCount('3', 3)).toBe(true);
    expect(confirmsCount(' 3 ', 3)).toBe(true);
    expect(['', '2', '03', '3.0', 'three', '33'].map((typed) => confirmsCount(typed, 3))).toEqual([false, false, false, false, false, false]);
  });

  it('never confirms a run that acts on no account', () => {
    expect(confirmsCount('0', 0)).toBe(false);
  });
});
