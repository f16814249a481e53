import type { ActionReceipt } from '../../shared/actions';
import type { PushEvent, PushEvents } from '../../shared/contract';
import { describeError } from '../../shared/errors';
import { DEFAULT_BROKER_TIMEOUT_MS } from '../core/brokers/broker';
import { DEFAULT_RECONCILE_DELAYS_MS } from '../core/reconcile';
import { CommandFailure, type CommandResult } from './context';
import { EXIT, exitCodeForError, exitCodeForStates } from './exitCodes';
import { formatReceipt } from './format';
import { printable } from './table';

// --settle: when a close, cancel or account close ends with its outcome unknown, the core goes on reading the broker
// to find out what happened (never sending again). Without the flag the command exits 3 at once and that reading
// ends with the process; with it the command waits for the verdict, reports it and exits by it.

type Verdict = PushEvents['action:updated'];

// A reading calls the broker at most this many times (positions, then orders), each call bounded by the broker timeout.
const CALLS_PER_READING = 2;

/** As long as the core's reading can take: its waits, plus every call of every reading running into the timeout. */
export function settleWaitMs(brokerTimeoutMs: number = DEFAULT_BROKER_TIMEOUT_MS): number {
  const waits = DEFAULT_RECONCILE_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
  return waits + DEFAULT_RECONCILE_DELAYS_MS.length * CALLS_PER_READING * brokerTimeoutMs;
}

export interface SettlementWatch {
  /** Give this to the core as its push channel. */
  emit<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
  /** The verdict for an action, or null when none came within `timeoutMs`. */
  verdictFor(actionId: string, timeoutMs: number): Promise<Verdict | null>;
}

/** Keeps every verdict by action id, so one that arrives before anyone waits for it is not lost. */
export function createSettlementWatch(): SettlementWatch {
  const verdicts = new Map<string, Verdict>();
  const waiting = new Map<string, (verdict: Verdict) => void>();
  return {
    emit(event, payload) {
      if (event !== 'action:updated') return;
      const verdict = payload as Verdict;
      const waiter = waiting.get(verdict.actionId);
      if (waiter) waiter(verdict);
      else verdicts.set(verdict.actionId, verdict);
    },
    verdictFor(actionId, timeoutMs) {
      const known = verdicts.get(actionId);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(actionId);
          resolve(null);
        }, timeoutMs);
        waiting.set(actionId, (verdict) => {
          clearTimeout(timer);
          waiting.delete(actionId);
          resolve(verdict);
        });
      });
    },
  };
}

/** The action id of an outcome left unknown, from a receipt or from an error; null when the outcome is known. */
export function unknownActionId(outcome: CommandResult | CommandFailure): string | null {
  if (outcome instanceof CommandFailure) return exitCodeForError(outcome.error) === EXIT.unknown ? (outcome.error.actionId ?? null) : null;
  if (outcome.exitCode !== EXIT.unknown) return null;
  const value = outcome.value as Partial<ActionReceipt> | null;
  return typeof value?.actionId === 'string' ? value.actionId : null;
}

function unknownText(outcome: CommandResult | CommandFailure): string {
  return outcome instanceof CommandFailure ? describeError(outcome.error) : outcome.human.split('\n')[0] ?? '';
}

/**
 * Waits for the core's verdict on an unknown outcome and makes it the command's result: the verdict's receipt, exit
 * 0 when it happened, 1 when it did not, 3 when reading could not tell. Anything else passes through untouched.
 */
export async function settleUnknown(
  outcome: CommandResult | CommandFailure,
  watch: SettlementWatch,
  progress: NodeJS.WritableStream,
  timeoutMs = settleWaitMs(),
): Promise<CommandResult> {
  const actionId = unknownActionId(outcome);
  if (actionId === null) {
    if (outcome instanceof CommandFailure) throw outcome;
    return outcome;
  }
  progress.write(`closeout: outcome unknown: ${printable(unknownText(outcome))}\nReading the broker to settle it; nothing is sent again…\n`);
  const verdict = await watch.verdictFor(actionId, timeoutMs);
  if (verdict === null) {
    progress.write(`closeout: no verdict after ${timeoutMs / 1000} s of reading: check positions and orders before you retry.\n`);
    if (outcome instanceof CommandFailure) throw outcome;
    return outcome;
  }
  const receipt: ActionReceipt = { ...verdict, order: 'order' in verdict ? verdict.order : null };
  return { value: verdict, human: `Settled by reading the broker: ${formatReceipt(receipt)}`, exitCode: exitCodeForStates([verdict.state]) };
}
