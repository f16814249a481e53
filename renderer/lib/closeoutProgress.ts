import { CLOSEOUT_STEPS, type CloseoutProgress, type CloseoutStep } from '../../shared/closeout';

export interface AccountStepNow {
  step: CloseoutStep;
  state: CloseoutProgress['state'];
  message: string;
}

/** A run as its progress pushes have told it so far. */
export interface RunProgress {
  accountCount: number;
  /** Accounts the run has finished with, done or stopped; accounts it passes over send no push and count once passed. */
  accountsDone: number;
  /** The latest push. */
  latest: CloseoutProgress | null;
  /** The latest step of each account the run has reached, by its position in the plan. */
  byAccount: Readonly<Record<number, AccountStepNow>>;
}

export const NO_PROGRESS: RunProgress = { accountCount: 0, accountsDone: 0, latest: null, byAccount: {} };

const LAST_STEP = CLOSEOUT_STEPS[CLOSEOUT_STEPS.length - 1];

/** A step that ended without done or skipped stops its account; the last step ending ends it too. */
function endsAccount(event: CloseoutProgress): boolean {
  if (event.state === 'running') return false;
  if (event.state === 'failed' || event.state === 'unknown') return true;
  return event.step === LAST_STEP;
}

/** One push applied: pure, so every transition is tested without React. Pushes for another run are the caller's to keep apart. */
export function applyProgress(progress: RunProgress, event: CloseoutProgress): RunProgress {
  const reached = event.accountIndex + (endsAccount(event) ? 1 : 0);
  return {
    accountCount: event.accountCount,
    accountsDone: Math.min(event.accountCount, Math.max(progress.accountsDone, reached)),
    latest: event,
    byAccount: { ...progress.byAccount, [event.accountIndex]: { step: event.step, state: event.state, message: event.message } },
  };
}
