import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ConnectionSummary } from '../../../shared/domain';
import { read, throughRateLimitGate, type WindDownHandlers } from './serviceCalls';
import { findConnection, preflightAccounts, type PreflightOptions } from './preflight';
import { checkedRunId, type WindDownRunRecord, type ProgressStore, type StoredStep } from './progressStore';
import { WIND_DOWN_STEPS, type PlannedAccount, type PlannedStep, type SweepAccount, type WindDownPlan, type WindDownPreflight, type WindDownStep } from '../../../shared/windDown';

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
export function planWindDown(
  connection: string,
  preflights: readonly WindDownPreflight[],
  runId: string,
  previous: WindDownRunRecord | null,
  sweepTo: SweepAccount | null = null,
): WindDownPlan {
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
      completed: WIND_DOWN_STEPS.filter((step) => settledEarlier(planned(preflight, step), stored?.steps[step])),
      alreadyDone: stored?.status === 'done',
    };
  });
  return { connection, runId, resumed: previous !== null, sweepTo, accounts };
}

/**
 * Whether an earlier run settled the step, so this one does not send it again. A skipped sweep is the exception once
 * this plan sweeps: the earlier run was told to sweep nothing, and the cash it left still has to go.
 */
export function settledEarlier(planned: Pick<PlannedStep, 'step' | 'action'>, saved: StoredStep | undefined): boolean {
  if (saved?.state === 'done') return true;
  return saved?.state === 'skipped' && !(planned.step === 'sweep_cash' && planned.action === 'run');
}

function planned(preflight: WindDownPreflight, step: WindDownStep): Pick<PlannedStep, 'step' | 'action'> {
  return preflight.steps.find((candidate) => candidate.step === step) ?? { step, action: 'skip' };
}

export { accountsToRun } from '../../../shared/windDown';

/** Preflight, run id and the earlier progress in one call: what a UI or the command shows before asking to confirm. */
export async function prepareWindDown(
  handlers: WindDownHandlers,
  connection: string,
  refs: readonly string[],
  store: ProgressStore,
  /** sweepTo: an id or number to find, an account found already, null for no sweep; absent: the connection's firm account. */
  options: Omit<PreflightOptions, 'sweepTo'> & { runId?: string; sweepTo?: string | SweepAccount | null } = {},
): Promise<WindDownPlan> {
  if (options.runId !== undefined) checkedRunId(options.runId);
  return prepareGated(throughRateLimitGate(handlers), connection, refs, store, options);
}

async function prepareGated(
  handlers: WindDownHandlers,
  connection: string,
  refs: readonly string[],
  store: ProgressStore,
  options: Omit<PreflightOptions, 'sweepTo'> & { runId?: string; sweepTo?: string | SweepAccount | null },
): Promise<WindDownPlan> {
  // The name as saved, whatever case it was typed in, so the run file and the service's locks see one name.
  const summary = await findConnection(handlers, connection);
  const { name } = summary;
  // Absent means the connection's firm account, read again now so a closed or renamed one shows before anything is sent.
  const requested = options.sweepTo === undefined ? (summary.firmAccount?.accountId ?? null) : options.sweepTo;
  const sweepTo = typeof requested === 'string' ? await findSweepAccount(handlers, summary, requested) : requested;
  const preflights = await preflightAccounts(handlers, name, refs, { ...options, sweepTo });
  const runId = checkedRunId(options.runId ?? windDownRunId(name, preflights));
  return planWindDown(name, preflights, runId, await store.load(runId), sweepTo);
}

/**
 * Prepares the run again from what the journal kept of it (connection, list, firm account), reading every account
 * anew: settled steps are not sent again, and a parked account goes on from the step it waits at.
 */
export async function prepareResume(
  handlers: WindDownHandlers,
  runId: string,
  store: ProgressStore,
  options: Omit<PreflightOptions, 'sweepTo'> & { connection?: string; sweepTo?: string | null } = {},
): Promise<WindDownPlan> {
  const record = await store.load(checkedRunId(runId));
  if (record === null) throw new AppError({ code: 'not_found', field: 'runId', outcome: 'not_sent', message: `There is no wind-down run ${runId} in this data folder.` });
  if (options.connection !== undefined && options.connection.toLowerCase() !== record.connection.toLowerCase()) {
    throw new AppError({ code: 'validation', field: 'runId', outcome: 'not_sent', message: `runId ${runId} belongs to a wind-down on connection "${record.connection}", not "${options.connection}"` });
  }
  // Runs from before parking kept no list: their accounts' numbers stand in for it.
  const refs = record.refs ?? Object.values(record.accounts).map((account) => account.number);
  // The firm account the run was confirmed with, not the connection's as it is now, unless this resume says otherwise.
  const sweepTo = options.sweepTo === undefined ? (record.sweepTo ?? null) : options.sweepTo;
  return prepareWindDown(handlers, record.connection, refs, store, { ...options, runId, sweepTo });
}

/** The firm account by id or number; only where the broker can sweep, and said why not where it cannot. */
async function findSweepAccount(handlers: WindDownHandlers, summary: ConnectionSummary, ref: string): Promise<SweepAccount> {
  if (!summary.capabilities.cashSweep.available) {
    throw new AppError({ code: 'unsupported', field: 'sweepTo', outcome: 'not_sent', message: `${summary.capabilities.displayName} cannot sweep cash: ${summary.capabilities.cashSweep.reason}` });
  }
  const found = (await read(handlers, 'accounts:list', { connection: summary.name, search: ref })).find(
    (account) => account.id === ref || account.number.toLowerCase() === ref.toLowerCase(),
  );
  const account = found ?? (await read(handlers, 'account:closeCheck', { connection: summary.name, accountId: ref }).catch(() => null))?.account;
  if (!account) throw new AppError({ code: 'not_found', field: 'sweepTo', outcome: 'not_sent', message: `The firm account ${ref} was not found on ${summary.name}.` });
  if (account.statusTone === 'closed') throw new AppError({ code: 'validation', field: 'sweepTo', outcome: 'not_sent', message: `sweepTo must be an open account; ${account.number} is ${account.status}` });
  return { accountId: account.id, number: account.number, name: account.name };
}
