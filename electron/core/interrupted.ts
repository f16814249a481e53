import type { ActionReceipt, ActionState, EarlierAttempt, EarlierVerdict } from '../../shared/actions';
import type { BrokerAdapter } from './brokers/broker';
import { auditEntryFor, type Intent } from './journal/intents';
import type { JournalStores } from './journal';
import { reconcile, restoreReconcileTarget, type ReconcileOptions, type Resolution, type StoredReconcileTarget } from './reconcile';

// Settling what a gone process left unsettled: an intent that never reached 'sent' certainly was not sent; any other
// is read back from the broker (never sent again), and the verdict goes to the intent and the audit trail together.

/** Reads for an interrupted action: at once (it was sent a while ago), then twice more in case the broker is still at it. */
export const INTERRUPTED_READ_DELAYS_MS: readonly number[] = [0, 1000, 2000];

export const VERDICT_OF: Record<Resolution, EarlierVerdict> = {
  happened: 'happened',
  // A closing order the broker holds was sent and taken: it happened, and is still working.
  working: 'happened',
  partly_happened: 'partly',
  did_not_happen: 'not_happened',
  still_unknown: 'still_unknown',
};

export const STATE_OF_VERDICT: Record<EarlierVerdict, ActionState> = {
  happened: 'filled',
  partly: 'accepted',
  not_happened: 'rejected',
  still_unknown: 'unknown',
};

const VERDICT_WORDS: Record<EarlierVerdict, string> = {
  happened: 'did happen',
  partly: 'partly happened',
  not_happened: 'did not happen',
  still_unknown: 'could not be settled by reading the broker',
};

export interface SettleDeps extends JournalStores {
  resolveAdapter(connection: string): Promise<BrokerAdapter>;
  readOptions?: ReconcileOptions;
}

export interface SettledIntent {
  intent: Intent;
  verdict: EarlierVerdict;
  message: string;
}

/** Settles one claimed intent by reading and records the verdict; the caller holds a lease over its target. */
export async function settleClaimed(deps: SettleDeps, intent: Intent): Promise<SettledIntent> {
  let verdict: EarlierVerdict;
  let found: string;
  if (intent.settleTarget === null) {
    verdict = 'not_happened';
    found = `The process stopped before sending it: nothing reached ${intent.broker}.`;
  } else {
    try {
      const adapter = await deps.resolveAdapter(intent.connection);
      const read = await reconcile(adapter, restoreReconcileTarget(intent.settleTarget as StoredReconcileTarget), {
        delaysMs: [...INTERRUPTED_READ_DELAYS_MS],
        ...deps.readOptions,
      });
      verdict = VERDICT_OF[read.resolution];
      found = read.message;
    } catch (error) {
      verdict = 'still_unknown';
      found = `Closeout could not read the broker to settle it (${error instanceof Error ? error.message : String(error)}). Check the account before doing anything again.`;
    }
  }
  const message = `The ${intent.summary} ${VERDICT_WORDS[verdict]}: ${found}`;
  deps.journal.write(() => {
    deps.intents.settle(intent.actionId, verdict, message);
    deps.audit.appendInTransaction(
      auditEntryFor(intent, { phase: 'outcome', requestId: null, outcome: STATE_OF_VERDICT[verdict], errorCode: null, message: `Settled by reading after the process stopped: ${message}` }),
    );
  }, 'The verdict was not recorded; the next start reads it again.');
  return { intent, verdict, message };
}

/**
 * Takes over an abandoned intent inside the caller's transaction. The audit hears of the interruption once: a process
 * that took it over and stopped before settling it (a read-only command, say) does not make a second record.
 */
export function claimInterrupted(deps: JournalStores, abandoned: Intent): Intent {
  const intent = deps.intents.claim(abandoned);
  if (abandoned.interruptedAt === null) recordInterruption(deps, intent);
  return intent;
}

function recordInterruption(deps: JournalStores, intent: Intent): void {
  const owner = deps.journal.processOf(intent.owner);
  const who = owner ? `process ${owner.pid} on ${owner.host}` : 'a Closeout process';
  deps.audit.appendInTransaction(
    auditEntryFor(intent, {
      phase: 'outcome',
      requestId: null,
      outcome: 'unknown',
      errorCode: 'outcome_unknown',
      message: `Interrupted: ${who} stopped before recording how the ${intent.summary} ended; reading the broker to settle it, never sending again.`,
    }),
  );
}

export function earlierAttempt(intent: Intent): EarlierAttempt {
  return { actionId: intent.actionId, summary: intent.summary, startedAt: intent.createdAt, verdict: intent.verdict };
}

/** "An earlier close of 2 shares of AAPL, started 09:41 by a process that stopped, did happen; nothing new was sent." */
export function earlierAttemptMessage(intents: readonly Intent[], now = new Date()): string {
  const [first, ...others] = intents;
  if (!first) return '';
  const verdict = first.verdict ?? 'still_unknown';
  const more = others.length > 0 ? ` (and ${others.length} more earlier action${others.length === 1 ? '' : 's'} on it, in the Activity view)` : '';
  const next = verdict === 'not_happened' ? ' Send it again to close now.' : ' Check the account before sending anything else.';
  return `An earlier ${first.summary}, started ${clock(first.createdAt, now)} by a process that stopped, ${VERDICT_WORDS[verdict]}; nothing new was sent${more}.${next}`;
}

function clock(iso: string, now: Date): string {
  const at = new Date(iso);
  const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  return at.toDateString() === now.toDateString() ? time : `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')} ${time}`;
}

export function receiptOfSettled(settled: SettledIntent): ActionReceipt {
  const { intent, verdict, message } = settled;
  return {
    actionId: intent.actionId,
    kind: intent.kind,
    state: STATE_OF_VERDICT[verdict],
    message,
    requestId: intent.requestId,
    order: null,
    earlier: earlierAttempt({ ...intent, verdict }),
  };
}

type Claimed = { intent: Intent; release: () => void };

/** Takes over, under a lease on each target, every intent a gone process left unsettled; [] when the journal refuses. */
async function claimAbandoned(deps: SettleDeps): Promise<Claimed[]> {
  try {
    // The claim records the interruption in the audit trail, whose key comes from the keychain first.
    await deps.audit.ready();
    return deps.journal.write(() =>
      deps.intents.abandoned().flatMap((abandoned) => {
        let release: () => void;
        try {
          release = deps.leases.acquireInTransaction(abandoned.target, { actionId: abandoned.actionId, description: `reading back the interrupted ${abandoned.summary}` });
        } catch {
          return [];
        }
        return [{ intent: claimInterrupted(deps, abandoned), release }];
      }),
    );
  } catch {
    return [];
  }
}

export interface StartRecovery {
  /** Settles once what gone processes left is claimed, so listed as interrupted, and before any of it is read. */
  claimed: Promise<void>;
  /** Settles once every claimed intent has a verdict, or has been left for the next start. */
  settled: Promise<SettledIntent[]>;
}

/**
 * At start: takes over every intent a gone process left unsettled, each under a lease on its target (one whose target
 * another live process holds is left to that process), records the interruption, and settles them all by reading.
 * Neither promise rejects: what cannot be settled now stays for the next start or the next send on its target.
 */
export function settleAbandonedAtStart(deps: SettleDeps, onSettled: (settled: SettledIntent) => void = () => {}): StartRecovery {
  const claiming = claimAbandoned(deps);
  const settled = claiming.then(async (claimed) => {
    const results = await Promise.all(
      claimed.map(async ({ intent, release }) => {
        try {
          const result = await settleClaimed(deps, intent);
          onSettled(result);
          return [result];
        } catch {
          return [];
        } finally {
          release();
        }
      }),
    );
    return results.flat();
  });
  return { claimed: claiming.then(() => undefined), settled };
}
