import { dec, type DecimalString } from './decimal';
import type { Account, FirmAccount, Order, Position } from './domain';
import type { ErrorCode } from './errors';
import { formatAmount } from './numberFormat';

/** The steps of an account wind-down, always in this order. */
export const WIND_DOWN_STEPS = ['cancel_orders', 'close_positions', 'wait_flat', 'settle', 'sweep_cash', 'recheck', 'close_account'] as const;
export type WindDownStep = (typeof WIND_DOWN_STEPS)[number];

export const STEP_LABELS: Readonly<Record<WindDownStep, string>> = {
  cancel_orders: 'cancel orders',
  close_positions: 'close positions',
  wait_flat: 'wait until flat',
  settle: 'wait for settlement',
  sweep_cash: 'sweep cash',
  recheck: 're-check',
  close_account: 'close account',
};

/** What the plan intends for one step: run it, or skip it and say why. */
export interface PlannedStep {
  step: WindDownStep;
  action: 'run' | 'skip';
  note: string;
  /**
   * Set when the step is expected to wait rather than finish in this run: for sale proceeds to settle, or for cash to
   * leave the account (a pending journal, or a withdrawal someone makes at the broker). The note says why.
   */
  waitsFor?: WaitReason;
}

/** What a parked account waits for before its run can go on. */
export type WaitReason = 'settlement' | 'cash_out';

/** The firm account a wind-down sweeps cash to, as the broker knows it. */
export type SweepAccount = FirmAccount;

/**
 * What was read about one account before anything is sent. run: the steps will be sent; skip: nothing is needed or
 * possible (not found, already closed, listed twice); stop: the account needs a person first (it could not be read, or
 * it holds orders this broker cannot cancel), so nothing is sent and the report counts it as stopped.
 */
export interface WindDownPreflight {
  /** The id or number as the list gave it. */
  ref: string;
  account: Account | null;
  cash: DecimalString | null;
  currency: string | null;
  positions: Position[];
  openOrders: Order[];
  /** The broker-side reasons the account could not be closed right now, as the close check words them. */
  blockers: string[];
  disposition: 'run' | 'skip' | 'stop';
  /** Why the account is skipped or stopped; null when it runs. */
  reason: string | null;
  /** Set when a read failed. */
  errorCode: ErrorCode | null;
  requestId: string | null;
  /** The steps, each to run or to skip; all skipped unless the disposition is run. */
  steps: PlannedStep[];
  /** The cash the sweep step is expected to move (cash now plus the proceeds of long positions); null without a sweep. */
  sweepEstimate: DecimalString | null;
}

export interface PlannedAccount extends WindDownPreflight {
  /** Steps an earlier run with the same run id settled (done, or skipped as not needed): they are not sent again. */
  completed: WindDownStep[];
  /** An earlier run closed this account out: nothing is sent for it. */
  alreadyDone: boolean;
}

export interface WindDownPlan {
  connection: string;
  /** Names the progress file: the same id resumes where an earlier run stopped. */
  runId: string;
  /** Whether a progress file for this run id already existed. */
  resumed: boolean;
  /** Where the sweep step journals each account's cash; null when the run sweeps nothing. */
  sweepTo: SweepAccount | null;
  accounts: PlannedAccount[];
}

/** waiting: the step cannot finish yet (settlement, cash to leave); the account is parked and a resume tries again. */
export type StepState = 'done' | 'skipped' | 'failed' | 'unknown' | 'waiting';

/** Pushed as each step starts and ends, so a UI can draw a progress bar. */
export interface WindDownProgress {
  runId: string;
  /** 0-based position of the account in the plan. */
  accountIndex: number;
  accountCount: number;
  /** Accounts the run had ended with (done, parked, stopped or passed over) before this push; they end in any order. */
  accountsEnded: number;
  account: { ref: string; id: string | null; number: string | null; name: string | null };
  step: WindDownStep;
  state: 'running' | StepState;
  message: string;
}

export type ReportStepState = StepState | 'not_started';

export interface ReportStep {
  step: WindDownStep;
  state: ReportStepState;
  message: string;
  requestId?: string;
}

export type AccountOutcome = 'done' | 'stopped' | 'skipped' | 'parked';

export interface WindDownAccountReport {
  ref: string;
  accountId: string | null;
  number: string | null;
  name: string | null;
  status: AccountOutcome;
  steps: ReportStep[];
  /** Why the account stopped or was skipped, or, when done, why it stays open at the broker. */
  reason?: string;
  /** The error code that stopped it, when one did. */
  errorCode?: ErrorCode;
  /** Set when the account is parked: what it waits for (the reason says the rest). */
  waitsFor?: WaitReason;
  /** A step's outcome is unknown: check the account at the broker before running again. */
  unknown: boolean;
  /** The account is closed at the broker at the end of the run. */
  closed: boolean;
}

export interface WindDownReport {
  runId: string;
  connection: string;
  startedAt: string;
  finishedAt: string;
  accounts: WindDownAccountReport[];
  summary: { done: number; stopped: number; skipped: number; parked: number; unknown: number };
  /** parked: some account waits (settlement, cash to leave) and a resume goes on from there; finished otherwise. */
  status: WindDownRunStatus;
}

export type WindDownRunStatus = 'running' | 'parked' | 'finished';

/** One run as the journal keeps it: what the app lists, parked runs first to resume. */
export interface WindDownRunSummary {
  runId: string;
  connection: string;
  status: WindDownRunStatus;
  createdAt: string;
  updatedAt: string;
  accountCount: number;
  /** Per parked account, what it waits for, in words. */
  waitingFor: string[];
  /** The last report of the run; null while the first run of it has not ended. */
  report: WindDownReport | null;
}

/**
 * The accounts the run will send something for: the number the person types to confirm, counted the same way by the
 * main process, the command and the renderer. Accounts to skip or stop, and those an earlier run closed out, send nothing.
 */
export function accountsToRun(plan: WindDownPlan): PlannedAccount[] {
  return plan.accounts.filter((account) => account.disposition === 'run' && !account.alreadyDone);
}

/**
 * The sweep in the words of the typed confirmation: "sweeping about 1,850.25 USD from 2 accounts to firm account F1";
 * null when the run sweeps nothing.
 */
export function sweepSummary(plan: WindDownPlan): string | null {
  if (plan.sweepTo === null) return null;
  const swept = accountsToRun(plan).filter((account) => account.sweepEstimate !== null && account.steps.some((step) => step.step === 'sweep_cash' && step.action === 'run'));
  if (swept.length === 0) return null;
  const total = swept.reduce((sum, account) => sum.plus(dec(account.sweepEstimate ?? '0')), dec('0'));
  const currencies = [...new Set(swept.map((account) => account.currency ?? ''))].filter((currency) => currency !== '');
  const amount = formatAmount(total.toFixed(), currencies.length === 1 ? currencies[0] : null);
  return `sweeping about ${amount} from ${swept.length} account${swept.length === 1 ? '' : 's'} to firm account ${plan.sweepTo.number}`;
}
