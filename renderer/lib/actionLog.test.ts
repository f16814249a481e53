import { describe, expect, it } from 'vitest';
import type { ActionReceipt, CloseAllReceipt } from '../../shared/actions';
import type { AppErrorShape } from '../../shared/errors';
import {
  badgeText,
  blockingEntry,
  hasTakenClose,
  lockReason,
  EMPTY_ACTION_LOG,
  MAX_ACTION_ENTRIES,
  reduceActionLog,
  retryableEarlier,
  stateOfFailure,
  unresolvedEntry,
  type ActionLogEvent,
  type ActionLogState,
  type NewActionEntry,
} from './actionLog';

function started(id: string, overrides: Partial<NewActionEntry> = {}): ActionLogEvent {
  return {
    type: 'started',
    entry: {
      id,
      kind: 'close_position',
      connection: 'Alpaca',
      accountId: 'acc-1',
      accountNumber: '9JA74XQ2',
      subject: 'AAPL',
      label: 'Close AAPL in account 9JA74XQ2',
      startedAt: 1_000,
      ...overrides,
    },
  };
}

function receipt(overrides: Partial<ActionReceipt> = {}): ActionReceipt {
  return { actionId: 'act-1', kind: 'close_position', state: 'accepted', message: 'Alpaca accepted the close of AAPL.', requestId: 'req-1', order: null, ...overrides };
}

const unknownError: AppErrorShape = {
  code: 'outcome_unknown',
  message: 'The broker did not answer in time.',
  retryable: false,
  outcome: 'unknown',
  actionId: 'act-1',
};

const run = (...events: ActionLogEvent[]): ActionLogState => events.reduce(reduceActionLog, EMPTY_ACTION_LOG);

const position = { connection: 'Alpaca', accountId: 'acc-1', kind: 'close_position', subject: 'AAPL' } as const;

describe('reduceActionLog', () => {
  it('starts an action as pending, newest first', () => {
    const state = run(started('l-1'), started('l-2', { subject: 'MSFT', label: 'Close MSFT' }));
    expect(state.entries.map((entry) => [entry.id, entry.state])).toEqual([
      ['l-2', 'pending'],
      ['l-1', 'pending'],
    ]);
  });

  it('takes the broker state, message, request id and action id from the answer', () => {
    const state = run(started('l-1'), { type: 'answered', id: 'l-1', receipt: receipt({ state: 'filled' }), at: 2_000 });
    expect(state.entries[0]).toMatchObject({ actionId: 'act-1', state: 'filled', message: 'Alpaca accepted the close of AAPL.', requestId: 'req-1', updatedAt: 2_000 });
  });

  it('adds the per-position tally to a close-all answer', () => {
    const closeAll: CloseAllReceipt = {
      actionId: 'act-9',
      kind: 'close_all',
      state: 'accepted',
      message: 'Close all sent.',
      requestId: null,
      cancelOrdersFirst: false,
      items: [
        { symbol: 'AAPL', positionId: 'AAPL', state: 'accepted', httpStatus: 200, orderId: 'o-1', message: '', brokerCode: null },
        { symbol: 'SQQQ', positionId: 'SQQQ', state: 'rejected', httpStatus: 403, orderId: null, message: 'held', brokerCode: null },
      ],
    };
    const state = run(started('l-1', { kind: 'close_all', subject: null }), { type: 'answered', id: 'l-1', receipt: closeAll, at: 2_000 });
    expect(state.entries[0]?.message).toBe('Close all sent. Per position: 1 accepted, 1 rejected.');
  });

  it('records an answer that found an earlier interrupted attempt as not sent, saying how that attempt ended', () => {
    const earlier = { actionId: 'act-0', summary: 'close of 10 shares of AAPL', startedAt: new Date(2026, 11, 3, 9, 41, 3).toISOString(), verdict: 'happened' } as const;
    const state = run(started('l-1'), { type: 'answered', id: 'l-1', receipt: receipt({ actionId: 'act-0', state: 'filled', earlier }), at: 2_000 });
    expect(state.entries[0]).toMatchObject({
      actionId: 'act-0',
      state: 'not_sent',
      message: 'Nothing new was sent. An earlier close of 10 shares of AAPL, started 2026-12-03 09:41:03 by a Closeout process that stopped, did happen.',
    });
  });

  it('records an unknown outcome from the error envelope, keeping its action id for the settling push', () => {
    const state = run(started('l-1'), { type: 'failed', id: 'l-1', error: unknownError, at: 2_000 });
    expect(state.entries[0]).toMatchObject({ state: 'unknown', actionId: 'act-1', errorCode: 'outcome_unknown', reconciled: false });
  });

  it('settles an unknown entry from the push carrying the same action id', () => {
    const state = run(
      started('l-1'),
      { type: 'failed', id: 'l-1', error: unknownError, at: 2_000 },
      { type: 'settled', receipt: receipt({ state: 'filled', message: 'The close did happen: AAPL is no longer open.', requestId: null }), at: 5_000 },
    );
    expect(state.entries[0]).toMatchObject({
      state: 'filled',
      message: 'The close did happen: AAPL is no longer open.',
      reconciled: true,
      errorCode: 'outcome_unknown',
      updatedAt: 5_000,
    });
  });

  it('ignores a push for an action it has never seen, and keeps it until the answer names that action', () => {
    const early = receipt({ state: 'rejected', message: 'The close did not happen: AAPL is still open.' });
    const beforeAnswer = run(started('l-1'), { type: 'settled', receipt: early, at: 3_000 });
    expect(beforeAnswer.entries[0]?.state).toBe('pending');
    const state = reduceActionLog(beforeAnswer, { type: 'failed', id: 'l-1', error: unknownError, at: 4_000 });
    expect(state.entries[0]).toMatchObject({ state: 'rejected', message: 'The close did not happen: AAPL is still open.', reconciled: true });
    expect(state.early).toEqual({});
  });

  it('tells apart a request never sent, one the broker refused and a failure that says neither', () => {
    const base = { code: 'broker_rejected', message: 'no', retryable: false } as const;
    expect(stateOfFailure({ ...base, outcome: 'not_sent' })).toBe('not_sent');
    expect(stateOfFailure({ ...base, outcome: 'rejected' })).toBe('rejected');
    expect(stateOfFailure({ ...base, code: 'internal' })).toBe('failed');
    expect(stateOfFailure({ ...base, code: 'outcome_unknown' })).toBe('unknown');
  });

  it('keeps at most the newest entries, dropping finished ones before any still in flight', () => {
    const events: ActionLogEvent[] = [started('in-flight', { subject: 'KEEP' })];
    for (let index = 0; index < MAX_ACTION_ENTRIES + 5; index += 1) {
      events.push(started(`l-${index}`), { type: 'answered', id: `l-${index}`, receipt: receipt({ actionId: `a-${index}` }), at: 2_000 });
    }
    const state = run(...events);
    expect(state.entries).toHaveLength(MAX_ACTION_ENTRIES);
    expect(state.entries.some((entry) => entry.id === 'in-flight')).toBe(true);
    expect(state.entries[0]?.id).toBe(`l-${MAX_ACTION_ENTRIES + 4}`);
    expect(state.entries.some((entry) => entry.id === 'l-0')).toBe(false);
  });

  it('clears finished entries and keeps those still unsettled', () => {
    const state = run(
      started('done'),
      { type: 'answered', id: 'done', receipt: receipt(), at: 2_000 },
      started('waiting', { subject: 'MSFT' }),
      { type: 'clearFinished' },
    );
    expect(state.entries.map((entry) => entry.id)).toEqual(['waiting']);
  });
});

describe('blockingEntry', () => {
  it('locks the row while its close is pending and while an unknown outcome is being settled', () => {
    const pending = run(started('l-1'));
    expect(blockingEntry(pending.entries, position)?.id).toBe('l-1');
    const unknown = reduceActionLog(pending, { type: 'failed', id: 'l-1', error: unknownError, at: 2_000 });
    expect(blockingEntry(unknown.entries, position)?.state).toBe('unknown');
  });

  it('unlocks once the outcome is settled, even when reading could not tell, and then warns instead', () => {
    const state = run(
      started('l-1'),
      { type: 'failed', id: 'l-1', error: unknownError, at: 2_000 },
      { type: 'settled', receipt: receipt({ state: 'unknown', message: 'Closeout could not read the broker.' }), at: 9_000 },
    );
    expect(blockingEntry(state.entries, position)).toBeNull();
    expect(unresolvedEntry(state.entries, position)?.message).toBe('Closeout could not read the broker.');
  });

  it('locks every row of the account during a close all, as the main process does', () => {
    const state = run(started('all', { kind: 'close_all', subject: null, label: 'Close all positions' }));
    expect(blockingEntry(state.entries, { ...position, subject: 'MSFT' })?.id).toBe('all');
    expect(blockingEntry(state.entries, { connection: 'Alpaca', accountId: 'acc-1', kind: 'cancel_order', subject: 'o-1' })?.id).toBe('all');
    expect(blockingEntry(state.entries, { ...position, accountId: 'acc-2' })).toBeNull();
  });

  it('locks the account while one position in it is closing, but not the other rows', () => {
    const state = run(started('l-1'));
    expect(blockingEntry(state.entries, { connection: 'Alpaca', accountId: 'acc-1', kind: 'close_all', subject: null })?.id).toBe('l-1');
    expect(blockingEntry(state.entries, { ...position, subject: 'MSFT' })).toBeNull();
    expect(blockingEntry(state.entries, { connection: 'Alpaca', accountId: 'acc-1', kind: 'cancel_order', subject: 'AAPL' })).toBeNull();
  });
});

describe('unresolvedEntry', () => {
  it('is superseded by a later action on the same target that settled', () => {
    const state = run(
      started('l-1'),
      { type: 'failed', id: 'l-1', error: unknownError, at: 2_000 },
      { type: 'settled', receipt: receipt({ state: 'unknown', message: 'Could not read.' }), at: 9_000 },
      started('l-2', { startedAt: 10_000 }),
      { type: 'answered', id: 'l-2', receipt: receipt({ actionId: 'act-2', state: 'filled' }), at: 11_000 },
    );
    expect(unresolvedEntry(state.entries, position)).toBeNull();
  });
});

describe('retryableEarlier', () => {
  const earlier = (verdict: 'happened' | 'not_happened' | 'still_unknown') =>
    receipt({ actionId: 'act-0', state: 'rejected', earlier: { actionId: 'act-0', summary: 'close of 10 shares of AAPL', startedAt: '2026-12-03T09:41:03Z', verdict } });
  const settledAs = (state: 'filled' | 'rejected' | 'unknown') =>
    run(started('l-1'), { type: 'failed', id: 'l-1', error: unknownError, at: 2_000 }, { type: 'settled', receipt: receipt({ state }), at: 9_000 }).entries[0] ?? null;

  it('offers to send again an earlier interrupted attempt that did not happen, and no other', () => {
    expect(retryableEarlier(earlier('not_happened'), null)).toBe('act-0');
    expect(retryableEarlier(earlier('happened'), null)).toBeNull();
    expect(retryableEarlier(earlier('still_unknown'), null)).toBeNull();
  });

  it('offers to send again a close whose unknown outcome reading settled as not done, and no other', () => {
    expect(retryableEarlier(undefined, settledAs('rejected'))).toBe('act-1');
    expect(retryableEarlier(undefined, settledAs('filled'))).toBeNull();
    expect(retryableEarlier(undefined, settledAs('unknown'))).toBeNull();
    expect(retryableEarlier(undefined, null)).toBeNull();
  });

  it('never offers a plain answer from the broker, not even a refusal', () => {
    expect(retryableEarlier(receipt({ state: 'rejected' }), null)).toBeNull();
  });
});

describe('hasTakenClose', () => {
  it('is true once the broker accepted or filled a close of the row, and not for a refused one', () => {
    const accepted = run(started('l-1'), { type: 'answered', id: 'l-1', receipt: receipt(), at: 2_000 });
    expect(hasTakenClose(accepted.entries, position)).toBe(true);
    const refused = run(started('l-1'), { type: 'answered', id: 'l-1', receipt: receipt({ state: 'rejected' }), at: 2_000 });
    expect(hasTakenClose(refused.entries, position)).toBe(false);
    expect(hasTakenClose(run(started('l-1')).entries, position)).toBe(false);
  });

  it('counts a close all of the account that the broker took', () => {
    const closeAll = run(started('all', { kind: 'close_all', subject: null }), { type: 'answered', id: 'all', receipt: receipt({ kind: 'close_all', state: 'filled' }), at: 2_000 });
    expect(hasTakenClose(closeAll.entries, { ...position, subject: 'MSFT' })).toBe(true);
  });
});

describe('lockReason', () => {
  it('names the action that holds the row and what it waits for', () => {
    const state = run(started('l-1', { startedAt: new Date(2024, 4, 1, 9, 3, 22).getTime() }));
    expect(lockReason(state.entries[0]!)).toBe('Close AAPL in account 9JA74XQ2 was sent at 09:03:22 and is waiting for the broker.');
    const unknown = reduceActionLog(state, { type: 'failed', id: 'l-1', error: unknownError, at: new Date(2024, 4, 1, 9, 3, 32).getTime() });
    expect(lockReason(unknown.entries[0]!)).toMatch(/^Close AAPL in account 9JA74XQ2: outcome unknown since 09:03:32\. Closeout is re-reading/);
  });
});

describe('badgeText', () => {
  it('names what is under way, or that the outcome is unknown', () => {
    const pending = run(started('l-1')).entries[0]!;
    expect(badgeText(pending)).toBe('Closing…');
    expect(badgeText({ ...pending, kind: 'cancel_order' })).toBe('Cancelling…');
    expect(badgeText({ ...pending, state: 'unknown' })).toBe('Outcome unknown');
  });
});
