import { countStates, type BulkItemRequest } from '../../../shared/bulk';
import type { PushEvent, PushEvents } from '../../../shared/contract';
import { AppError, validationError } from '../../../shared/errors';
import type { FlattenPlan } from '../../../shared/flatten';
import { runBulkItems, type BulkItemHandlers } from '../bulkActions';
import type { Handlers } from '../handlers';
import type { Intents } from '../journal/intents';
import { leaseKey } from '../journal/leaseKeys';
import type { Leases } from '../journal/leases';
import type { RateLimitedOptions } from '../rateLimitedRun';
import { planItems, prepareFlatten, type FlattenReadHandlers } from './plan';

export type FlattenChannelHandlers = Pick<Handlers, 'flatten:prepare' | 'flatten:run'>;

export interface FlattenDeps {
  handlers: FlattenReadHandlers & BulkItemHandlers;
  leases: Pick<Leases, 'acquire'>;
  intents: Pick<Intents, 'actedOnSince'>;
  /** The broker identity of a connection (leaseKeys.ts): what a lease and an intent are keyed on. */
  identityOf(connection: string): Promise<string>;
  emit?: (<E extends PushEvent>(event: E, payload: PushEvents[E]) => void) | undefined;
  pace?: RateLimitedOptions;
}

/**
 * Flatten over IPC: a plan is prepared (nothing sent) and kept here, then run once the person has typed its number of
 * positions, so the renderer cannot run a plan it never saw. Each account is held for the run (a second flatten of it,
 * in any process, is refused), and an item whose target any action touched since the plan was read is not sent.
 */
export function createFlattenChannels(deps: FlattenDeps): FlattenChannelHandlers {
  const prepared = new Map<string, FlattenPlan>();
  const running = new Set<string>();

  return {
    'flatten:prepare': async (request) => {
      const plan = await prepareFlatten(deps.handlers, request);
      prepared.set(plan.runId, plan);
      return plan;
    },
    'flatten:run': async ({ runId, confirmPositions }) => {
      const plan = prepared.get(runId);
      if (!plan) throw validationError('runId', 'must name a flatten prepared in this session: prepare it again');
      if (running.has(runId)) throw new AppError({ code: 'in_flight', outcome: 'not_sent', message: `Flatten ${runId} is already running.` });
      if (confirmPositions !== plan.positions) throw validationError('confirmPositions', `must be ${plan.positions}, the number of positions the plan closes`);
      running.add(runId);
      const identities = new Map<string, string>();
      const held = new Map<string, () => void>();
      const refusedAccounts = new Map<string, AppError>();
      try {
        for (const account of plan.accounts) identities.set(account.connection, identities.get(account.connection) ?? (await deps.identityOf(account.connection)));
        for (const account of plan.accounts) {
          if (account.readError !== null || account.positions.length + account.orders.length === 0) continue;
          const key = leaseKey.flatten(identities.get(account.connection) as string, account.accountId);
          try {
            held.set(accountKey(account), deps.leases.acquire(key, { actionId: runId, description: `flatten of account ${account.accountNumber}` }));
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            refusedAccounts.set(accountKey(account), error);
          }
        }
        const refuse = (item: BulkItemRequest): AppError | null => {
          const refused = refusedAccounts.get(accountKey(item));
          if (refused) return refused;
          const identity = identities.get(item.connection) as string;
          const target = item.kind === 'close' ? leaseKey.position(identity, item.accountId, item.positionId) : leaseKey.order(identity, item.accountId, item.orderId);
          const since = deps.intents.actedOnSince(target, plan.preparedAt);
          if (since === null) return null;
          return new AppError({
            code: 'precondition_failed',
            outcome: 'not_sent',
            message: `Not sent: the ${since.summary} (action ${since.actionId}) began at ${since.createdAt}, after this plan was read, so the plan no longer shows this target as it is. Flatten again to act on what is left.`,
          });
        };
        const items = await runBulkItems(deps.handlers, runId, planItems(plan), { ...deps.pace, refuse, onProgress: (progress) => deps.emit?.('bulk:progress', progress) });
        return { runId, items, summary: countStates(items) };
      } finally {
        for (const release of held.values()) release();
        running.delete(runId);
        prepared.delete(runId);
      }
    },
  };
}

function accountKey(target: { connection: string; accountId: string }): string {
  return `${target.connection}\u001f${target.accountId}`;
}
