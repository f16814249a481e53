import type { ActionKind, ActionReceipt } from '../../shared/actions';
import type { PushEvent, PushEvents } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AuditEntry, AuditLog } from './audit/auditLog';
import type { BrokerAdapter } from './brokers/broker';
import type { AccountLocks } from './accountLocks';
import type { InFlightLocks } from './inFlightLocks';
import { reconcile, type ReconcileOptions, type ReconcileTarget, type Verdict } from './reconcile';

export type AuditMeta = Pick<AuditEntry, 'actionId' | 'action' | 'connection' | 'broker' | 'accountId' | 'params'>;

export interface ActionContext {
  actionId: string;
  /** Says what to re-read if the broker call that follows ends with an unknown outcome. */
  settleByReading(target: ReconcileTarget): void;
}

export interface ActionSpec<T> {
  kind: ActionKind | 'connection_add' | 'connection_remove';
  connection: string;
  broker: string | null;
  accountId: string | null;
  params: Record<string, unknown>;
  /** Held from before the first broker call until the outcome is known, including any reconciliation. */
  lock?: { target: string; description: string };
  adapter?: BrokerAdapter;
  work(context: ActionContext): Promise<T>;
  /** For work that returns (rather than throws) an unknown outcome, such as a close all with a ticket left unanswered. */
  unknownIn?(result: T): boolean;
}

export interface ActionRunnerDeps {
  audit: AuditLog;
  locks: InFlightLocks;
  /** Holds the account against other Closeout processes for as long as the in-flight lock is held. */
  accountLocks?: AccountLocks;
  newActionId: () => string;
  emit?: <E extends PushEvent>(event: E, payload: PushEvents[E]) => void;
  reconcileOptions?: ReconcileOptions;
  /** Called once an unknown outcome is settled; tests wait on it. */
  onSettled?: (actionId: string, verdict: Verdict) => void;
}

/**
 * Every destructive action goes through here: an id, the attempt on disk before anything is sent, the in-flight lock,
 * the outcome on disk after; and when the broker leaves the outcome unknown, a reconciliation by reading that keeps
 * the lock until it settles and pushes the verdict, never a resend.
 */
export function createActionRunner(deps: ActionRunnerDeps) {
  async function append(meta: AuditMeta, entry: Pick<AuditEntry, 'phase' | 'requestId' | 'outcome' | 'errorCode' | 'message'>) {
    await deps.audit.append({ ...meta, ...entry });
  }

  async function settle(meta: AuditMeta, kind: ActionKind, adapter: BrokerAdapter, target: ReconcileTarget): Promise<void> {
    const verdict = await reconcile(adapter, target, deps.reconcileOptions);
    await append(meta, { phase: 'outcome', requestId: null, outcome: verdict.state, errorCode: null, message: `Reconciled (${verdict.resolution}): ${verdict.message}` }).catch(() => undefined);
    const receipt: ActionReceipt = { actionId: meta.actionId, kind, state: verdict.state, message: verdict.message, requestId: null, order: null };
    deps.emit?.('action:updated', receipt);
    deps.onSettled?.(meta.actionId, verdict);
  }

  return async function runAction<T extends object>(spec: ActionSpec<T>): Promise<T> {
    const actionId = deps.newActionId();
    const meta: AuditMeta = { actionId, action: spec.kind, connection: spec.connection, broker: spec.broker, accountId: spec.accountId, params: spec.params };
    await append(meta, { phase: 'attempt', requestId: null, outcome: null, errorCode: null, message: null });

    let release: () => Promise<void> | void = () => {};
    let settleTarget: ReconcileTarget | null = null;
    let handedOff = false;
    const handOff = () => {
      if (!settleTarget || !spec.adapter || spec.kind === 'connection_add' || spec.kind === 'connection_remove') return false;
      const held = release;
      void settle(meta, spec.kind, spec.adapter, settleTarget).finally(held);
      handedOff = true;
      return true;
    };
    try {
      if (spec.lock) {
        const releaseInProcess = deps.locks.acquire(spec.lock.target, { actionId, description: spec.lock.description });
        release = releaseInProcess;
        if (deps.accountLocks && spec.accountId !== null) {
          const releaseAccount = await deps.accountLocks.acquire(spec.connection, spec.accountId);
          release = async () => {
            releaseInProcess();
            await releaseAccount();
          };
        }
      }
      const result = await spec.work({ actionId, settleByReading: (target) => (settleTarget = target) });
      const receipt: Partial<Pick<ActionReceipt, 'state' | 'requestId' | 'message'>> = result;
      await append(meta, { phase: 'outcome', requestId: receipt.requestId ?? null, outcome: receipt.state ?? 'done', errorCode: null, message: receipt.message ?? null });
      if (spec.unknownIn?.(result)) handOff();
      return result;
    } catch (error) {
      const failure = error instanceof AppError ? error : null;
      await append(meta, {
        phase: 'outcome',
        requestId: failure?.requestId ?? null,
        outcome: failure?.outcome ?? 'failed',
        errorCode: failure?.code ?? 'internal',
        message: failure?.message ?? null,
      });
      if (failure?.outcome === 'unknown' && handOff()) {
        throw new AppError({ ...failure.toShape(), actionId, message: `${failure.message} Closeout is re-reading the account to settle it.` });
      }
      throw failure ? new AppError({ ...failure.toShape(), actionId }) : error;
    } finally {
      if (!handedOff) await release();
    }
  };
}

export type RunAction = ReturnType<typeof createActionRunner>;
