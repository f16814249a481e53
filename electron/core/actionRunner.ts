import type { ActionKind, ActionReceipt } from '../../shared/actions';
import type { PushEvent, PushEvents } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AuditEntry, AuditSubject } from '../../shared/audit';
import type { BrokerAdapter } from './brokers/broker';
import { claimInterrupted, settleClaimed, VERDICT_OF } from './interrupted';
import type { JournalStores } from './journal';
import { auditEntryFor, type Intent, type NewIntent } from './journal/intents';
import { describeReconcileTarget, reconcile, storeReconcileTarget, type ReconcileOptions, type ReconcileTarget, type Verdict } from './reconcile';

export interface ActionContext {
  actionId: string;
  /**
   * Commits the intent as sent, with what to re-read should the outcome turn out unknown. Call it right before the
   * broker call: if it cannot commit it throws storage_unavailable and nothing is sent.
   */
  settleByReading(target: ReconcileTarget): void;
}

export interface ActionSpec<T> {
  kind: ActionKind;
  connection: string;
  broker: string;
  accountId: string;
  params: Record<string, unknown>;
  /** Account number, holder name and symbol, kept in each audit record so Activity can show them. */
  subject?: AuditSubject;
  /** The lease key of the target (leaseKeys.ts), held from before the first broker call until the outcome is known. */
  target: string;
  /** What another caller is told is in flight: "close all positions". */
  description: string;
  clientOrderId?: string;
  /** A deliberate retry of this earlier action (settled as not happened): it no longer stands in the way. */
  retryOf?: string;
  adapter: BrokerAdapter;
  work(context: ActionContext): Promise<T>;
  /** For work that returns (rather than throws) an unknown outcome, such as a close all with a ticket left unanswered. */
  unknownIn?(result: T): boolean;
  /** The answer when earlier interrupted actions on this target are reported instead of sending anything. */
  answerEarlier(earlier: Intent[]): T;
}

export interface ActionRunnerDeps extends JournalStores {
  newActionId: () => string;
  resolveAdapter(connection: string): Promise<BrokerAdapter>;
  emit?: (<E extends PushEvent>(event: E, payload: PushEvents[E]) => void) | undefined;
  reconcileOptions?: ReconcileOptions | undefined;
  /** Called once an unknown outcome is settled; tests wait on it. */
  onSettled?: ((actionId: string, verdict: Verdict) => void) | undefined;
}

type Begun = { kind: 'claimed'; claimed: Intent[] } | { kind: 'earlier'; earlier: Intent[] } | { kind: 'prepared' };

const INTENT_STATE: Record<ActionReceipt['state'], 'accepted' | 'rejected' | 'unknown'> = {
  pending: 'accepted',
  accepted: 'accepted',
  filled: 'accepted',
  partly_filled: 'accepted',
  cancelled: 'accepted',
  rejected: 'rejected',
  unknown: 'unknown',
};

/**
 * Every destructive action goes through here. In one journal transaction: the lease on its target (taken over from a
 * process that is gone), the intent and the audit attempt. Before that, anything a gone process left unsettled on the
 * same target is read back and reported instead of sending. The intent is marked sent right before the request leaves
 * and its outcome is recorded with the audit outcome; an unknown outcome is settled by reading, never by resending,
 * and the lease is held until then.
 */
export function createActionRunner(deps: ActionRunnerDeps) {
  const { journal, audit, intents, leases } = deps;

  async function settleUnknown(intent: Pick<Intent, 'actionId' | 'kind' | 'connection' | 'broker' | 'accountId' | 'params'>, subject: AuditSubject | undefined, adapter: BrokerAdapter, target: ReconcileTarget, release: () => void) {
    try {
      const verdict = await reconcile(adapter, target, deps.reconcileOptions);
      journal.write(() => {
        intents.settle(intent.actionId, VERDICT_OF[verdict.resolution], verdict.message);
        audit.appendInTransaction({ ...auditEntryFor(intent, { phase: 'outcome', requestId: null, outcome: verdict.state, errorCode: null, message: `Reconciled (${verdict.resolution}): ${verdict.message}` }), ...subject });
      }, 'The verdict was not recorded; the next start reads it again.');
      const receipt: ActionReceipt = { actionId: intent.actionId, kind: intent.kind, state: verdict.state, message: verdict.message, requestId: null, order: null };
      deps.emit?.('action:updated', receipt);
      deps.onSettled?.(intent.actionId, verdict);
    } catch {
      // Not recorded: the intent stays unknown and the next process to start, or to act on it, reads it again.
    } finally {
      release();
    }
  }

  function recordRefusal(spec: ActionSpec<unknown>, actionId: string, error: AppError) {
    const intent = { ...spec, actionId };
    journal.write(() => {
      audit.appendInTransaction({ ...auditEntryFor(intent, { phase: 'attempt', requestId: null, outcome: null, errorCode: null, message: null }), ...spec.subject });
      audit.appendInTransaction({ ...auditEntryFor(intent, { phase: 'outcome', requestId: null, outcome: error.outcome ?? 'failed', errorCode: error.code, message: error.message }), ...spec.subject });
    });
  }

  return async function runAction<T extends object>(spec: ActionSpec<T>): Promise<T> {
    const actionId = deps.newActionId();
    const intent: NewIntent = {
      actionId,
      kind: spec.kind,
      connection: spec.connection,
      broker: spec.broker,
      accountId: spec.accountId,
      target: spec.target,
      params: spec.params,
      clientOrderId: spec.clientOrderId ?? null,
      retryOf: spec.retryOf ?? null,
      summary: spec.description,
    };
    await audit.ready();

    const prepareUnlessEarlier = (): Begun => {
      if (spec.retryOf !== undefined) intents.markReported(spec.retryOf);
      const earlier = intents.takeUnreported(spec.target);
      if (earlier.length > 0) return { kind: 'earlier', earlier };
      const busy = intents.unsettledOverlapping(spec.target).find((other) => (other.settler ?? other.owner) !== journal.me);
      if (busy) {
        const holder = journal.processOf(busy.settler ?? busy.owner);
        throw new AppError({
          code: 'in_flight',
          outcome: 'not_sent',
          retryable: false,
          message: `Refused: an earlier ${busy.summary} is still being settled by another Closeout${holder ? ` (process ${holder.pid} on ${holder.host})` : ''}; nothing was sent. Try again once it is settled.`,
        });
      }
      intents.prepare(intent);
      audit.appendInTransaction({ ...auditEntryFor(intent, { phase: 'attempt', requestId: null, outcome: null, errorCode: null, message: null }), ...spec.subject });
      return { kind: 'prepared' };
    };

    let release: () => void;
    let begun: Begun;
    try {
      ({ release, begun } = journal.write(() => {
        const releaseLease = leases.acquireInTransaction(spec.target, { actionId, description: spec.description });
        const claimed = intents.abandoned(spec.target).map((abandoned) => claimInterrupted(deps, abandoned));
        return { release: releaseLease, begun: claimed.length > 0 ? ({ kind: 'claimed', claimed } as const) : prepareUnlessEarlier() };
      }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'in_flight') recordRefusal(spec, actionId, error);
      throw error;
    }

    try {
      if (begun.kind === 'claimed') {
        for (const claimed of begun.claimed) await settleClaimed(deps, claimed);
        begun = journal.write(prepareUnlessEarlier);
      }
      if (begun.kind === 'earlier') {
        release();
        return spec.answerEarlier(begun.earlier);
      }
    } catch (error) {
      release();
      throw error;
    }

    let handedOff = false;
    let sentTarget: ReconcileTarget | null = null;
    // The outcome and, unless reading goes on, the lease's release commit together: one write to disk, not two.
    const record = (state: 'accepted' | 'rejected' | 'unknown', entry: Pick<AuditEntry, 'requestId' | 'outcome' | 'errorCode' | 'message'>, releasing: boolean) =>
      journal.write(() => {
        intents.finish(actionId, state, entry.message, entry.requestId);
        audit.appendInTransaction({ ...auditEntryFor(intent, { phase: 'outcome', ...entry }), ...spec.subject });
        if (releasing) release();
      });
    const handOff = () => {
      if (!sentTarget) return false;
      handedOff = true;
      void settleUnknown(intent, spec.subject, spec.adapter, sentTarget, release);
      return true;
    };

    let result: T;
    try {
      result = await spec.work({
        actionId,
        settleByReading: (target) => {
          journal.write(() => intents.markSent(actionId, describeReconcileTarget(target), storeReconcileTarget(target)));
          sentTarget = target;
        },
      });
    } catch (error) {
      const failure = error instanceof AppError ? error : null;
      const settlesLater = failure?.outcome === 'unknown' && sentTarget !== null;
      try {
        record(
          failure?.outcome === 'unknown' ? 'unknown' : 'rejected',
          { requestId: failure?.requestId ?? null, outcome: failure?.outcome ?? 'failed', errorCode: failure?.code ?? 'internal', message: failure?.message ?? null },
          !settlesLater,
        );
      } catch (recordError) {
        // A journal that refused the 'sent' mark refuses this too: that error (nothing was sent) is the one to report.
        if (failure?.code !== 'storage_unavailable') throw unrecorded(recordError, failure?.message ?? 'The broker call failed.', actionId);
      }
      if (failure?.outcome === 'unknown' && handOff()) {
        throw new AppError({ ...failure.toShape(), actionId, message: `${failure.message} Closeout is re-reading the account to settle it.` });
      }
      if (!handedOff) release();
      throw failure ? new AppError({ ...failure.toShape(), actionId }) : error;
    }

    const receipt: Partial<Pick<ActionReceipt, 'state' | 'requestId' | 'message'>> = result;
    const state = receipt.state ?? 'filled';
    const settlesLater = spec.unknownIn?.(result) === true && sentTarget !== null;
    try {
      record(INTENT_STATE[state], { requestId: receipt.requestId ?? null, outcome: state, errorCode: null, message: receipt.message ?? null }, !settlesLater);
    } catch (recordError) {
      release();
      throw unrecorded(recordError, receipt.message ?? 'The broker answered.', actionId);
    }
    if (settlesLater) handOff();
    return result;
  };
}

/** The broker answered but the journal would not take the answer: say both, and that the next start reads it back. */
function unrecorded(error: unknown, answer: string, actionId: string): AppError {
  const reason = error instanceof AppError ? error.message : String(error);
  return new AppError({
    code: 'storage_unavailable',
    actionId,
    retryable: false,
    message: `${answer} Closeout could not record this in its journal (${reason}); the attempt stays on record as sent, and the next start reads the account to settle it. Check the account before acting on it again.`,
  });
}

export type RunAction = ReturnType<typeof createActionRunner>;

/** Connection changes: on the audit trail like every act, but with no broker target, so no intent and no lease. */
export function createRecordedAction(deps: Pick<JournalStores, 'audit'>, newActionId: () => string) {
  return async function recordAction<T>(spec: { kind: 'connection_add' | 'connection_remove' | 'connection_rotate' | 'connection_edit'; connection: string; broker: string | null; params: Record<string, unknown>; work(): Promise<T> }): Promise<T> {
    const actionId = newActionId();
    const meta = { actionId, action: spec.kind, connection: spec.connection, broker: spec.broker, accountId: null, params: spec.params };
    await deps.audit.append({ ...meta, phase: 'attempt', requestId: null, outcome: null, errorCode: null, message: null });
    try {
      const result = await spec.work();
      await deps.audit.append({ ...meta, phase: 'outcome', requestId: null, outcome: 'done', errorCode: null, message: null });
      return result;
    } catch (error) {
      const failure = error instanceof AppError ? error : null;
      await deps.audit.append({ ...meta, phase: 'outcome', requestId: null, outcome: failure?.outcome ?? 'failed', errorCode: failure?.code ?? 'internal', message: failure?.message ?? null });
      throw failure ? new AppError({ ...failure.toShape(), actionId }) : error;
    }
  };
}
