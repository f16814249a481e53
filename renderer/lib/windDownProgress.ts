import { WIND_DOWN_STEPS, type WindDownProgress, type WindDownStep } from '../../shared/windDown';

export interface AccountStepNow {
  step: WindDownStep;
  state: WindDownProgress['state'];
  message: string;
}

/** A run as its progress pushes have told it so far. */
export interface RunProgress {
  accountCount: number;
  /** Accounts the run has finished with, done, parked or stopped, as the core counts them (they end in any order). */
  accountsDone: number;
  /** The latest push. */
  latest: WindDownProgress | null;
  /** The latest step of each account the run has reached, by its position in the plan. */
  byAccount: Readonly<Record<number, AccountStepNow>>;
}

export const NO_PROGRESS: RunProgress = { accountCount: 0, accountsDone: 0, latest: null, byAccount: {} };

const LAST_STEP = WIND_DOWN_STEPS[WIND_DOWN_STEPS.length - 1];

/** A step that ended without done or skipped stops its account; the last step ending ends it too. */
function endsAccount(event: WindDownProgress): boolean {
  if (event.state === 'running') return false;
  if (event.state === 'failed' || event.state === 'unknown') return true;
  return event.step === LAST_STEP;
}

/** One push applied: pure, so every transition is tested without React. Pushes for another run are the caller's to keep apart. */
export function applyProgress(progress: RunProgress, event: WindDownProgress): RunProgress {
  const reached = event.accountsEnded + (endsAccount(event) ? 1 : 0);
  return {
    accountCount: event.accountCount,
    accountsDone: Math.min(event.accountCount, Math.max(progress.accountsDone, reached)),
    latest: event,
    byAccount: { ...progress.byAccount, [event.accountIndex]: { step: event.step, state: event.state, message: event.message } },
  };
}
