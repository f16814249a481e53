import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { WindDownHandlers } from './serviceCalls';
import { findConnection, preflightAccounts, type PreflightOptions } from './preflight';
import { checkedRunId, type WindDownRunRecord, type ProgressStore } from './progressStore';
import { WIND_DOWN_STEPS, type WindDownPlan, type WindDownPreflight, type PlannedAccount } from '../../../shared/windDown';

/**
 * The connection and the sorted ids of the accounts found: the same list (in any order, by id or by number) gives the
 * same id and so resumes the same run. References that were not found do not count, so dropping a typo keeps the id.
 */
export function windDownRunId(connection: string, preflights: readonly WindDownPreflight[]): string {
  const ids = [...new Set(preflights.flatMap((preflight) => (preflight.account ? [preflight.account.id] : [])))].sort();
  const digest = createHash('sha256').update(JSON.stringify([connection.toLowerCase(), ids])).digest('hex');
  return `run-${digest.slice(0, 16)}`;
}

/** Joins what was read now with what an earlier run of the same id already did. */
export function planWindDown(connection: string, preflights: readonly WindDownPreflight[], runId: string, previous: WindDownRunRecord | null): WindDownPlan {
  checkedRunId(runId);
  if (previous && previous.connection.toLowerCase() !== connection.toLowerCase()) {
    throw new AppError({
      code: 'validation',
      field: 'runId',
      outcome: 'not_sent',
      message: `runId ${runId} belongs to a wind-down on connection "${previous.connection}", not "${connection}"`,
    });
  }
  const accounts = preflights.map((preflight): PlannedAccount => {
    const stored = preflight.account ? previous?.accounts[preflight.account.id] : undefined;
    return {
      ...preflight,
      completed: WIND_DOWN_STEPS.filter((step) => stored?.steps[step]?.state === 'done' || stored?.steps[step]?.state === 'skipped'),
      alreadyDone: stored?.status === 'done',
    };
  });
  return { connection, runId, resumed: previous !== null, accounts };
}

export { accountsToRun } from '../../../shared/windDown';

/** Preflight, run id and the earlier progress in one call: what a UI or the command shows before asking to confirm. */
export async function prepareWindDown(
  handlers: WindDownHandlers,
  connection: string,
  refs: readonly string[],
  store: ProgressStore,
  options: PreflightOptions & { runId?: string } = {},
): Promise<WindDownPlan> {
  if (options.runId !== undefined) checkedRunId(options.runId);
  // The name as saved, whatever case it was typed in, so the run file and the service's locks see one name.
  const { name } = await findConnection(handlers, connection);
  const preflights = await preflightAccounts(handlers, name, refs, options);
  const runId = checkedRunId(options.runId ?? windDownRunId(name, preflights));
  return planWindDown(name, preflights, runId, await store.load(runId));
}
