import { describe, expect, it } from 'vitest';
import type { ActionReceipt, EarlierVerdict } from '../../shared/actions';
import type { ActionEntry } from './actionLog';
import { actionsPanelItems } from './actionsPanelItems';
import { foundNotice, interruptedDetail, interruptedOf, interruptedStatus, mergeInterrupted, verdictNotice, withSettledInterrupted, type InterruptedAction } from './interrupted';

const STARTED = new Date(2026, 11, 3, 9, 41, 3).toISOString();

function receipt(verdict: EarlierVerdict | null, overrides: Partial<ActionReceipt> = {}): ActionReceipt {
  return {
    actionId: 'act-1',
    kind: 'close_position',
    state: verdict === null ? 'unknown' : 'filled',
    message: verdict === null ? 'The close all of AAPL was interrupted; Closeout is reading the broker to settle it.' : 'The close of 10 shares of AAPL did happen: AAPL is no longer open.',
    requestId: null,
    order: null,
    earlier: { actionId: 'act-1', summary: 'close of 10 shares of AAPL', startedAt: STARTED, verdict },
    ...overrides,
  };
}

const action = (verdict: EarlierVerdict | null, actionId = 'act-1'): InterruptedAction => ({ ...(interruptedOf(receipt(verdict)) as InterruptedAction), actionId });

describe('interruptedOf', () => {
  it('reads an interrupted action from a receipt that names its earlier attempt, with no message while it is read', () => {
    expect(interruptedOf(receipt(null))).toEqual({ actionId: 'act-1', kind: 'close_position', summary: 'close of 10 shares of AAPL', startedAt: STARTED, verdict: null, message: null });
    expect(interruptedOf(receipt('happened'))).toMatchObject({ verdict: 'happened', message: 'The close of 10 shares of AAPL did happen: AAPL is no longer open.' });
  });

  it('is null for a receipt about an action of this window', () => {
    const { earlier: _earlier, ...own } = receipt('happened');
    expect(interruptedOf(own)).toBeNull();
  });
});

describe('mergeInterrupted', () => {
  it('takes the fresh list, new actions included', () => {
    expect(mergeInterrupted([action('happened')], [action(null, 'act-2'), action('happened')]).map((a) => a.actionId)).toEqual(['act-2', 'act-1']);
  });

  it('keeps a verdict a push brought when a read answered before it arrives late', () => {
    expect(mergeInterrupted([action('not_happened')], [action(null)])).toEqual([action('not_happened')]);
  });
});

describe('withSettledInterrupted', () => {
  it('replaces the action the push settled, and puts one it did not list yet first', () => {
    expect(withSettledInterrupted([action(null), action(null, 'act-2')], action('partly'))).toEqual([action('partly'), action(null, 'act-2')]);
    expect(withSettledInterrupted([action(null, 'act-2')], action('happened')).map((a) => a.actionId)).toEqual(['act-1', 'act-2']);
    expect(withSettledInterrupted(undefined, action('happened'))).toEqual([action('happened')]);
  });
});

describe('the words for an interrupted action', () => {
  it('says the outcome is unknown while the broker is read, then the verdict', () => {
    expect([null, 'happened', 'partly', 'not_happened', 'still_unknown'].map((verdict) => interruptedStatus(verdict as EarlierVerdict | null))).toEqual([
      'Outcome unknown',
      'Did happen',
      'Partly happened',
      'Did not happen',
      'Could not be settled',
    ]);
    expect(interruptedDetail(action(null))).toBe('Started 2026-12-03 09:41:03 by a Closeout process that stopped. Outcome unknown — reading the broker; nothing is sent again meanwhile.');
    expect(interruptedDetail(action('happened'))).toBe('Started 2026-12-03 09:41:03 by a Closeout process that stopped. The close of 10 shares of AAPL did happen: AAPL is no longer open.');
  });

  it('announces what was found still being read, then a verdict that needs a look as a warning', () => {
    expect(foundNotice([action(null), action(null, 'act-2')])).toEqual({
      tone: 'warning',
      text: 'Closeout found an interrupted close of 10 shares of AAPL, started 2026-12-03 09:41:03 by a Closeout process that stopped, and 1 more interrupted action. Outcome unknown — reading the broker; nothing is sent again meanwhile.',
    });
    expect(verdictNotice(action('happened'))).toEqual({
      tone: 'info',
      text: 'The interrupted close of 10 shares of AAPL, started 2026-12-03 09:41:03 by a Closeout process that stopped: did happen.',
    });
    expect(verdictNotice(action('not_happened')).tone).toBe('warning');
    expect(verdictNotice(action('still_unknown')).text).toMatch(/: could not be settled\.$/);
  });
});

describe('actionsPanelItems', () => {
  it('lists this window’s actions and the interrupted ones together, the newest start first', () => {
    const own = (id: string, startedAt: number) => ({ id, startedAt }) as ActionEntry;
    const items = actionsPanelItems([own('l-2', Date.parse(STARTED) + 2_000), own('l-1', Date.parse(STARTED) - 60_000)], [action(null)]);
    expect(items.map((item) => (item.type === 'own' ? item.entry.id : item.action.actionId))).toEqual(['l-2', 'act-1', 'l-1']);
  });
});
