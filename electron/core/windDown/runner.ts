import type { ErrorCode } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';
import { mapLimited } from '../mapLimited';
import { throughRateLimitGate, type WindDownHandlers } from './serviceCalls';
import type { WindDownRunRecord, WindDownRunHeader, ProgressStore, StoredAccount, StoredStep } from './progressStore';
import { summarize } from './report';
import { SENDING_STEPS, STEP_RUNNERS } from './steps';
import { settledEarlier } from './plan';
import {
  STEP_LABELS,
  type WindDownAccountReport,
  type WindDownPlan,
  type WindDownProgress,
  type WindDownReport,
  type WaitReason,
  type WindDownStep,
  type PlannedAccount,
  type ReportStep,
} from '../../../shared/windDown';

export interface WindDownRunOptions {
  /** How long "wait until flat" waits for the closing orders to fill; 60 s unless given. */
  flatTimeoutMs?: number;
  /** The first wait between two looks at the account; later waits grow. */
  pollIntervalMs?: number;
  /** Accounts under way at once; each still goes step by step. */
  concurrency?: number;
  onProgress?: (event: WindDownProgress) => void;
  /** Stops the run between two steps (never in the middle of a request); the rest is reported as not started. */
  signal?: AbortSignal | undefined;
}

export const DEFAULT_FLAT_TIMEOUT_MS = 60_000;
export const DEFAULT_POLL_INTERVAL_MS = 500;
/**
 * Enough accounts at once to keep a broker's rate limit busy while each waits for its answers (a step is a request
 * or two, one after another), few enough that a 429 turns away only a handful of requests.
 */
export const DEFAULT_ACCOUNTS_AT_ONCE = 12;

/**
 * Runs the plan's accounts side by side (each one step after another), recording every step in the store before and
 * after it runs, so a re-run with the same run id skips what is done and re-reads the account before repeating a step
 * whose outcome is unknown. Every request of the run passes one rate-limit gate, so a 429 pauses them all.
 * A failure stops that account (nothing more is sent for it); the others go on.
 * The person's confirmation is the caller's to obtain before calling this.
 */
export async function runWindDown(handlers: WindDownHandlers, plan: WindDownPlan, store: ProgressStore, options: WindDownRunOptions = {}): Promise<WindDownReport> {
  const lock = await store.lock(plan.runId);
  try {
    return await runLocked(throughRateLimitGate(handlers), plan, store, options);
  } finally {
    await lock.release();
  }
}

async function runLocked(handlers: WindDownHandlers, plan: WindDownPlan, store: ProgressStore, options: WindDownRunOptions): Promise<WindDownReport> {
  const startedAt = new Date().toISOString();
  const record = (await store.load(plan.runId)) ?? newRecord(plan, startedAt);
  Object.assign(record, { refs: plan.accounts.map((account) => account.ref), sweepTo: plan.sweepTo, status: 'running' });
  if (record.connection.toLowerCase() !== plan.connection.toLowerCase()) {
    throw new AppError({ code: 'validation', field: 'runId', outcome: 'not_sent', message: `runId ${plan.runId} belongs to connection "${record.connection}", not "${plan.connection}"` });
  }
  const header = (): WindDownRunHeader => {
    const { accounts: _accounts, ...run } = record;
    return { ...run, updatedAt: new Date().toISOString() };
  };
  await store.saveRun(header());
  const persist = (entry: StoredAccount) => store.saveAccount(plan.runId, entry);
  let accountsEnded = 0;
  const accounts = await mapLimited([...plan.accounts.entries()], options.concurrency ?? DEFAULT_ACCOUNTS_AT_ONCE, async ([index, planned]) => {
    const emit = (step: WindDownStep, state: WindDownProgress['state'], message: string) =>
      options.onProgress?.({
        runId: plan.runId,
        accountIndex: index,
        accountCount: plan.accounts.length,
        accountsEnded,
        account: { ref: planned.ref, id: planned.account?.id ?? null, number: planned.account?.number ?? null, name: planned.account?.name ?? null },
        step,
        state,
        message,
      });
    const ended = await runAccount({ handlers, plan, planned, record, persist, emit, options });
    accountsEnded += 1;
    return ended;
  });
  const summary = summarize(accounts);
  const report: WindDownReport = {
    runId: plan.runId,
    connection: plan.connection,
    startedAt,
    finishedAt: new Date().toISOString(),
    accounts,
    summary,
    status: summary.parked > 0 ? 'parked' : 'finished',
  };
  // Kept with the run, so the report outlives the dialog or the terminal that showed it.
  Object.assign(record, { status: report.status, report });
  await store.saveRun(header());
  return report;
}

interface AccountRun {
  handlers: WindDownHandlers;
  plan: WindDownPlan;
  planned: PlannedAccount;
  record: WindDownRunRecord;
  persist: (entry: StoredAccount) => Promise<void>;
  emit: (step: WindDownStep, state: WindDownProgress['state'], message: string) => void;
  options: WindDownRunOptions;
}

async function runAccount(run: AccountRun): Promise<WindDownAccountReport> {
  const { planned, record, options } = run;
  const account = planned.account;
  const earlier = account ? record.accounts[account.id] : undefined;
  if (earlier?.status === 'done') return finished(planned, earlier, new Set());
  if (earlier && account?.statusTone === 'closed' && isUnsettled(earlier.steps.close_account)) {
    // The preflight just read the account: the close whose answer never came did happen.
    earlier.steps.close_account = stored('done', `Verified: account ${account.number} is closed (${account.status}).`, null);
    Object.assign(earlier, { status: 'done', reason: null, errorCode: null });
    await run.persist(earlier);
    run.emit('close_account', 'done', earlier.steps.close_account.message);
    return finished(planned, earlier, new Set(['close_account']));
  }
  if (planned.disposition !== 'run' || !account) {
    const status = planned.disposition === 'stop' ? 'stopped' : 'skipped';
    const closed = planned.account?.statusTone === 'closed';
    return report(planned, status, notStarted(planned), { reason: planned.reason ?? 'nothing to do', errorCode: planned.errorCode }, closed);
  }
  if (options.signal?.aborted) {
    return report(planned, 'stopped', notStarted(planned), { reason: 'not started: the run was cancelled; run again to resume', errorCode: null });
  }

  const entry: StoredAccount = earlier ?? { accountId: account.id, number: account.number, name: account.name, status: 'running', reason: null, errorCode: null, steps: {} };
  Object.assign(entry, { status: 'running', reason: null, errorCode: null });
  record.accounts[account.id] = entry;

  const ranNow = new Set<WindDownStep>();
  const closesAccount = planned.steps.some((step) => step.step === 'close_account' && step.action === 'run');
  for (const planStep of planned.steps) {
    const { step } = planStep;
    const previous = entry.steps[step];
    // Settled earlier: not sent again, even where the account looks different now (the orders working after a close
    // are the closing orders, which "cancel orders" must not touch).
    if (previous && settledEarlier(planStep, previous)) {
      run.emit(step, previous.state, `${previous.message} (earlier run)`);
      continue;
    }
    if (planStep.action === 'skip') {
      entry.steps[step] = stored('skipped', planStep.note, null);
      ranNow.add(step);
      run.emit(step, 'skipped', planStep.note);
      continue;
    }
    if (options.signal?.aborted) return stop(run, entry, ranNow, `${STEP_LABELS[step]} not started: the run was cancelled; run again to resume`, null);

    const reverify = isUnsettled(previous);
    entry.steps[step] = stored('running', reverify ? 'Reading the account before repeating a step whose outcome was unknown.' : 'Under way.', null);
    ranNow.add(step);
    // A step that sends is written before and after it: from here on a crash leaves it unknown, read back, never re-sent.
    // A step that only reads is read again after a crash, so its outcome waits for the account's next write.
    const sends = SENDING_STEPS.has(step);
    if (sends) await run.persist(entry);
    run.emit(step, 'running', entry.steps[step].message);

    const result = await STEP_RUNNERS[step]({
      handlers: run.handlers,
      connection: run.plan.connection,
      accountId: account.id,
      accountNumber: account.number,
      closesAccount,
      reverify,
      sweepTo: run.plan.sweepTo,
      sweepReference: `${run.plan.runId}.${account.id}`,
      earlierJournalId: previous?.journalId ?? null,
      timing: {
        timeoutMs: options.flatTimeoutMs ?? DEFAULT_FLAT_TIMEOUT_MS,
        intervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
        signal: options.signal,
      },
    });
    entry.steps[step] = {
      ...stored(result.state, result.message, result.requestId),
      ...(result.journalId ? { journalId: result.journalId } : {}),
      ...(result.waitsFor ? { waitsFor: result.waitsFor } : {}),
    };
    for (const again of result.reopen ?? []) {
      const before = entry.steps[again];
      if (before) entry.steps[again] = { ...before, state: 'failed', message: `${before.message} Positions remained afterwards, so the next run does it again.` };
    }
    // The account's last step, done, is written with the account's end just below: one write, not two.
    const endsAccount = result.state === 'done' && planStep === planned.steps.at(-1);
    if (sends && !endsAccount) await run.persist(entry);
    run.emit(step, result.state, result.message);
    if (result.state === 'waiting') return park(run, entry, ranNow, `${STEP_LABELS[step]}: ${result.message}`, result.waitsFor ?? 'cash_out');
    if (result.state !== 'done') {
      const words = `${STEP_LABELS[step]}: ${result.message}${result.errorCode ? ` [${result.errorCode}]` : ''}`;
      return stop(run, entry, ranNow, result.state === 'unknown' ? `unknown: check before re-running. ${words}` : words, result.errorCode);
    }
  }
  entry.status = 'done';
  await run.persist(entry);
  return finished(planned, entry, ranNow);
}

async function stop(run: AccountRun, entry: StoredAccount, ranNow: ReadonlySet<WindDownStep>, reason: string, errorCode: ErrorCode | null): Promise<WindDownAccountReport> {
  Object.assign(entry, { status: 'stopped', reason, errorCode });
  await run.persist(entry);
  return report(run.planned, 'stopped', stepsOf(run.planned, entry, ranNow), { reason, errorCode });
}

/** Waiting is not failing: the account is parked with what it waits for, and a resume tries the step again. */
async function park(run: AccountRun, entry: StoredAccount, ranNow: ReadonlySet<WindDownStep>, reason: string, waitsFor: WaitReason): Promise<WindDownAccountReport> {
  Object.assign(entry, { status: 'parked', reason, errorCode: null });
  await run.persist(entry);
  return { ...report(run.planned, 'parked', stepsOf(run.planned, entry, ranNow), { reason, errorCode: null }), waitsFor };
}

function finished(planned: PlannedAccount, entry: StoredAccount, ranNow: ReadonlySet<WindDownStep>): WindDownAccountReport {
  const steps = stepsOf(planned, entry, ranNow);
  const closed = entry.steps.close_account?.state === 'done';
  const staysOpen = planned.steps.find((step) => step.step === 'close_account' && step.action === 'skip');
  return report(planned, 'done', steps, { reason: closed ? null : (staysOpen?.note ?? entry.steps.close_account?.message ?? null), errorCode: null }, closed);
}

function stepsOf(planned: PlannedAccount, entry: StoredAccount, ranNow: ReadonlySet<WindDownStep>): ReportStep[] {
  return planned.steps.map(({ step, note }) => {
    const saved = entry.steps[step];
    if (!saved) return { step, state: 'not_started', message: note };
    const state = saved.state === 'running' ? 'unknown' : saved.state;
    const message = ranNow.has(step) ? saved.message : `${saved.message} (earlier run)`;
    return { step, state, message, ...(saved.requestId ? { requestId: saved.requestId } : {}) };
  });
}

function notStarted(planned: PlannedAccount): ReportStep[] {
  return planned.steps.map(({ step, note }) => ({ step, state: 'not_started', message: note }));
}

function report(
  planned: PlannedAccount,
  status: WindDownAccountReport['status'],
  steps: ReportStep[],
  why: { reason: string | null; errorCode: ErrorCode | null },
  closed = false,
): WindDownAccountReport {
  return {
    ref: planned.ref,
    accountId: planned.account?.id ?? null,
    number: planned.account?.number ?? null,
    name: planned.account?.name ?? null,
    status,
    steps,
    ...(why.reason !== null ? { reason: why.reason } : {}),
    ...(why.errorCode !== null ? { errorCode: why.errorCode } : {}),
    unknown: steps.some((step) => step.state === 'unknown'),
    closed,
  };
}

/** A step whose request may or may not have reached the broker: an unknown outcome, or a crash while it ran. */
function isUnsettled(step: StoredStep | undefined): boolean {
  return step?.state === 'unknown' || step?.state === 'running';
}

function stored(state: StoredStep['state'], message: string, requestId: string | null): StoredStep {
  return { state, message, requestId, at: new Date().toISOString() };
}

function newRecord(plan: WindDownPlan, now: string): WindDownRunRecord {
  return { version: 1, runId: plan.runId, connection: plan.connection, createdAt: now, updatedAt: now, accounts: {} };
}
