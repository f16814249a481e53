import { describe, expect, it } from 'vitest';
import type { WindDownProgress } from '../../shared/windDown';
import { applyProgress, NO_PROGRESS, type RunProgress } from './windDownProgress';

function event(accountIndex: number, step: WindDownProgress['step'], state: WindDownProgress['state'], { accountCount = 3, accountsEnded = 0 } = {}): WindDownProgress {
  return {
    runId: 'run-1',
    accountIndex,
    accountCount,
    accountsEnded,
    account: { ref: `N${accountIndex}`, id: `id-${accountIndex}`, number: `N${accountIndex}`, name: null },
    step,
    state,
    message: `${step} ${state}`,
  };
}

const replay = (events: WindDownProgress[]): RunProgress => events.reduce(applyProgress, NO_PROGRESS);

describe('applyProgress', () => {
  it('counts an account as done once its last step ends', () => {
    const progress = replay([event(0, 'recheck', 'done'), event(0, 'close_account', 'running')]);
    expect(progress.accountsDone).toBe(0);
    expect(replay([event(0, 'close_account', 'running'), event(0, 'close_account', 'done')]).accountsDone).toBe(1);
    expect(replay([event(0, 'close_account', 'skipped')]).accountsDone).toBe(1);
  });

  it('counts an account as done when a step stops it', () => {
    expect(replay([event(1, 'recheck', 'running', { accountsEnded: 1 }), event(1, 'recheck', 'failed', { accountsEnded: 1 })]).accountsDone).toBe(2);
    expect(replay([event(0, 'close_positions', 'unknown')]).accountsDone).toBe(1);
  });

  it('counts the accounts the core says have ended, passed over ones included, whatever their place in the plan', () => {
    expect(replay([event(2, 'cancel_orders', 'running', { accountsEnded: 2 })]).accountsDone).toBe(2);
  });

  it('does not count earlier accounts of the plan that are still under way beside a later one', () => {
    expect(replay([event(7, 'cancel_orders', 'running', { accountCount: 12 }), event(9, 'close_positions', 'done', { accountCount: 12 })]).accountsDone).toBe(0);
  });

  it('keeps the latest step of every account reached and the total', () => {
    const progress = replay([event(0, 'close_account', 'done'), event(1, 'cancel_orders', 'skipped'), event(1, 'close_positions', 'running')]);
    expect(progress.accountCount).toBe(3);
    expect(progress.byAccount).toEqual({
      0: { step: 'close_account', state: 'done', message: 'close_account done' },
      1: { step: 'close_positions', state: 'running', message: 'close_positions running' },
    });
    expect(progress.latest?.step).toBe('close_positions');
  });

  it('never counts back down, nor past the total', () => {
    const progress = replay([event(2, 'close_account', 'done', { accountsEnded: 2 }), event(1, 'recheck', 'running', { accountsEnded: 1 })]);
    expect(progress.accountsDone).toBe(3);
  });
});
