import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/domain';
import type { KeyValueStorage } from '../lib/skipConfirm';
import { actionLogStore, actionLogWriter, settleAction } from './actionLog';
import { windDownProgressStore } from './windDownProgress';
import { createConfirmPrefsStore } from './confirmPrefs';
import { dialogStore } from './dialogs';
import { inFlightStore } from './inFlight';
import { MAX_NOTIFICATIONS, notificationStore } from './notifications';
import { progressStore } from './progress';
import { selectionStore } from './selection';

const account = (id: string): Account => ({ id, number: `N-${id}`, name: 'Jane Doe', status: 'ACTIVE', statusTone: 'active', currency: 'USD' });

beforeEach(() => {
  selectionStore.setState({ connection: null, account: null });
  notificationStore.setState({ items: [], nextId: 1 });
  inFlightStore.setState({ entries: {} });
  dialogStore.setState({ open: null });
  progressStore.setState({ byAccount: {} });
  actionLogStore.setState({ entries: [], early: {}, nextId: 1 });
  windDownProgressStore.setState({ byRun: {} });
});

describe('selection', () => {
  it('drops the selected account when another connection is chosen', () => {
    const { actions } = selectionStore.getState();
    actions.selectConnection('Alpaca');
    actions.selectAccount(account('acc-1'));
    actions.selectConnection('Alpaca');
    expect(selectionStore.getState().account?.id).toBe('acc-1');
    actions.selectConnection('Clear Street');
    expect(selectionStore.getState()).toMatchObject({ connection: 'Clear Street', account: null });
  });

  it('forgets a removed connection only when it is the selected one', () => {
    const { actions } = selectionStore.getState();
    actions.selectConnection('Alpaca');
    actions.selectAccount(account('acc-1'));
    actions.forgetConnection('Other');
    expect(selectionStore.getState().connection).toBe('Alpaca');
    actions.forgetConnection('Alpaca');
    expect(selectionStore.getState()).toMatchObject({ connection: null, account: null });
  });
});

describe('dialogs', () => {
  it('holds one open dialog at a time', () => {
    const { actions } = dialogStore.getState();
    actions.openDialog({ kind: 'settings' });
    actions.openDialog({ kind: 'closeAll', target: { connection: 'A', accountId: '1', accountNumber: 'N-1' } });
    expect(dialogStore.getState().open?.kind).toBe('closeAll');
    actions.closeDialog();
    expect(dialogStore.getState().open).toBeNull();
  });
});

describe('notifications', () => {
  it('gives each notice its own id and lets one be dismissed', () => {
    const { actions } = notificationStore.getState();
    const first = actions.push({ tone: 'success', text: 'one' });
    const second = actions.push({ tone: 'error', text: 'two' });
    expect(second).not.toBe(first);
    actions.dismiss(first);
    expect(notificationStore.getState().items.map((item) => item.text)).toEqual(['two']);
  });

  it('puts a notice in the place and under the id of the shown one with its key, leaving the others alone', () => {
    const { actions } = notificationStore.getState();
    const unknown = actions.push({ tone: 'warning', text: 'Close AAPL: outcome unknown', key: 'action:a1' });
    actions.push({ tone: 'success', text: 'Close MSFT accepted', key: 'action:a2' });
    const settled = actions.push({ tone: 'success', text: 'Close AAPL: the close did happen', key: 'action:a1' });
    expect(settled).toBe(unknown);
    expect(notificationStore.getState().items.map((item) => [item.id, item.text])).toEqual([
      [unknown, 'Close AAPL: the close did happen'],
      [unknown + 1, 'Close MSFT accepted'],
    ]);
  });

  it('keeps the settled word when the answer about the same action arrives after it', () => {
    const { actions } = notificationStore.getState();
    actions.push({ tone: 'success', text: 'the close did happen', key: 'action:a1', settled: true });
    actions.push({ tone: 'warning', text: 'outcome unknown', key: 'action:a1' });
    expect(notificationStore.getState().items.map((item) => item.text)).toEqual(['the close did happen']);
  });

  it('shows a keyed notice anew once the one it would replace was dismissed', () => {
    const { actions } = notificationStore.getState();
    const first = actions.push({ tone: 'warning', text: 'outcome unknown', key: 'action:a1' });
    actions.dismiss(first);
    const again = actions.push({ tone: 'success', text: 'did happen', key: 'action:a1' });
    expect(again).not.toBe(first);
    expect(notificationStore.getState().items.map((item) => item.text)).toEqual(['did happen']);
  });

  it('keeps only the newest notices', () => {
    const { actions } = notificationStore.getState();
    for (let index = 0; index < MAX_NOTIFICATIONS + 2; index += 1) actions.push({ tone: 'info', text: `n${index}` });
    const texts = notificationStore.getState().items.map((item) => item.text);
    expect(texts).toHaveLength(MAX_NOTIFICATIONS);
    expect(texts.at(-1)).toBe(`n${MAX_NOTIFICATIONS + 1}`);
  });
});

describe('in-flight registry', () => {
  it('refuses a second begin for the same key until the first ends', () => {
    const { actions } = inFlightStore.getState();
    expect(actions.begin('close:A:1:AAPL', 'Close AAPL')).toBe(true);
    expect(actions.begin('close:A:1:AAPL', 'Close AAPL')).toBe(false);
    expect(actions.begin('close:A:1:MSFT', 'Close MSFT')).toBe(true);
    actions.end('close:A:1:AAPL');
    expect(actions.begin('close:A:1:AAPL', 'Close AAPL')).toBe(true);
  });
});

describe('close-all progress', () => {
  it('keeps the latest count per account and clears it on request', () => {
    const { actions } = progressStore.getState();
    actions.record({ actionId: 'a1', connection: 'ST', accountId: '7001', done: 1, total: 3 });
    actions.record({ actionId: 'a1', connection: 'ST', accountId: '7001', done: 2, total: 3 });
    actions.record({ actionId: 'a2', connection: 'ST', accountId: '7002', done: 1, total: 9 });
    expect(progressStore.getState().byAccount['ST|7001']).toEqual({ actionId: 'a1', done: 2, total: 3 });
    actions.clear('ST', '7001');
    expect(Object.keys(progressStore.getState().byAccount)).toEqual(['ST|7002']);
  });
});

describe('action log', () => {
  const closeAapl = { kind: 'close_position', connection: 'A', accountId: '1', accountNumber: 'N-1', subject: 'AAPL', label: 'Close AAPL' } as const;

  it('gives each started action its own id and settles it from the push naming the same action id', () => {
    const first = actionLogWriter.start(closeAapl);
    const second = actionLogWriter.start({ ...closeAapl, subject: 'MSFT', label: 'Close MSFT' });
    expect(second).not.toBe(first);
    actionLogWriter.fail(first, { code: 'outcome_unknown', message: 'No answer.', retryable: false, outcome: 'unknown', actionId: 'act-1' });
    const settled = settleAction({ actionId: 'act-1', kind: 'close_position', state: 'filled', message: 'The close did happen.', requestId: null, order: null });
    expect(settled?.label).toBe('Close AAPL');
    expect(actionLogStore.getState().entries.find((entry) => entry.id === first)).toMatchObject({ state: 'filled', reconciled: true });
  });

  it('reports no entry for a push about an action this window did not start', () => {
    expect(settleAction({ actionId: 'elsewhere', kind: 'cancel_order', state: 'filled', message: 'gone', requestId: null, order: null })).toBeNull();
  });
});

describe('wind-down progress', () => {
  const push = (runId: string, accountIndex: number, state: 'running' | 'done') => ({
    runId,
    accountIndex,
    accountCount: 2,
    accountsEnded: 0,
    account: { ref: `N${accountIndex}`, id: null, number: null, name: null },
    step: 'close_account' as const,
    state,
    message: state,
  });

  it('keeps each run apart and forgets one before it runs again', () => {
    const { actions } = windDownProgressStore.getState();
    actions.record(push('run-a', 0, 'done'));
    actions.record(push('run-b', 0, 'running'));
    expect(windDownProgressStore.getState().byRun['run-a']?.accountsDone).toBe(1);
    expect(windDownProgressStore.getState().byRun['run-b']?.accountsDone).toBe(0);
    actions.clear('run-a');
    expect(Object.keys(windDownProgressStore.getState().byRun)).toEqual(['run-b']);
  });
});

describe('confirmation preferences', () => {
  function memoryStorage(): KeyValueStorage {
    const data = new Map<string, string>();
    return {
      get length() {
        return data.size;
      },
      key: (index) => [...data.keys()][index] ?? null,
      getItem: (key) => data.get(key) ?? null,
      setItem: (key, value) => void data.set(key, value),
      removeItem: (key) => void data.delete(key),
    };
  }

  it('persists skipping per connection, so a new window starts with the same choice', () => {
    const storage = memoryStorage();
    createConfirmPrefsStore(storage).getState().actions.setSkipSingleCloseConfirm('Alpaca demo', true);
    const reopened = createConfirmPrefsStore(storage);
    expect(reopened.getState().skipped).toEqual(['Alpaca demo']);
    reopened.getState().actions.setSkipSingleCloseConfirm('Alpaca demo', false);
    expect(createConfirmPrefsStore(storage).getState().skipped).toEqual([]);
  });

  it('still holds the choice for the session when there is no storage', () => {
    const store = createConfirmPrefsStore(null);
    store.getState().actions.setSkipSingleCloseConfirm('Exness demo', true);
    expect(store.getState().skipped).toEqual(['Exness demo']);
  });
});
