import type { WindDownPlan, PlannedAccount } from '../../shared/windDown';
import { plural } from './format';

export { accountsToRun } from '../../shared/windDown';

/** What the preflight table says the run will do with one account. */
export type PlanVerdict = 'run' | 'already done' | 'skip' | 'stop';

export function verdictOf(account: PlannedAccount): PlanVerdict {
  if (account.alreadyDone) return 'already done';
  return account.disposition;
}

export interface PlanCounts {
  toRun: number;
  alreadyDone: number;
  skipped: number;
  stopped: number;
}

export function countPlan(plan: WindDownPlan): PlanCounts {
  const verdicts = plan.accounts.map(verdictOf);
  const count = (verdict: PlanVerdict) => verdicts.filter((candidate) => candidate === verdict).length;
  return { toRun: count('run'), alreadyDone: count('already done'), skipped: count('skip'), stopped: count('stop') };
}

/** "2 accounts to wind down; 1 already done by an earlier run, 1 skipped, 0 stopped." */
export function planHeadline(plan: WindDownPlan): string {
  const counts = countPlan(plan);
  const acted = counts.toRun === 0 ? 'No account to wind down' : `${counts.toRun} ${plural(counts.toRun, 'account')} to wind down`;
  const rest = [
    counts.alreadyDone > 0 ? `${counts.alreadyDone} already done by an earlier run` : null,
    `${counts.skipped} skipped`,
    `${counts.stopped} stopped`,
  ].filter((part): part is string => part !== null);
  return `${acted}; ${rest.join(', ')}.`;
}

/** Whether the typed text is the number of accounts the run acts on, and there is at least one. */
export function confirmsCount(typed: string, count: number): boolean {
  return count > 0 && typed.trim() === String(count);
}
