import type { PushEvent, PushEvents } from '../../shared/contract';
import type { CloseoutPlan } from '../../shared/closeout';
import { AppError, validationError } from '../../shared/errors';
import type { CloseoutHandlers } from './closeout/calls';
import { accountsToRun, prepareCloseout } from './closeout/plan';
import type { ProgressStore } from './closeout/progressStore';
import { runCloseout } from './closeout/runner';
import type { Handlers } from './service';

export type CloseoutChannelHandlers = Pick<Handlers, 'closeout:prepare' | 'closeout:run' | 'closeout:cancel'>;

/**
 * Account closeout over IPC: a plan is prepared (preflight, nothing sent), then run once the person has confirmed the
 * number of accounts it will act on; the main process keeps the plan so the renderer cannot run one it never saw.
 */
export function createCloseoutChannels(
  handlers: CloseoutHandlers,
  store: ProgressStore,
  emit?: <E extends PushEvent>(event: E, payload: PushEvents[E]) => void,
): CloseoutChannelHandlers {
  const prepared = new Map<string, CloseoutPlan>();
  const running = new Map<string, AbortController>();

  return {
    'closeout:prepare': async ({ connection, accounts, runId }) => {
      const plan = await prepareCloseout(handlers, connection, accounts, store, runId !== undefined ? { runId } : {});
      prepared.set(plan.runId, plan);
      return plan;
    },
    'closeout:run': async ({ runId, confirmCount }) => {
      const plan = prepared.get(runId);
      if (!plan) throw validationError('runId', 'must name a closeout prepared in this session: prepare it again');
      if (running.has(runId)) throw new AppError({ code: 'in_flight', outcome: 'not_sent', message: `Closeout ${runId} is already running.` });
      const toRun = accountsToRun(plan).length;
      if (confirmCount !== toRun) throw validationError('confirmCount', `must be ${toRun}, the number of accounts the plan acts on`);
      const controller = new AbortController();
      running.set(runId, controller);
      try {
        return await runCloseout(handlers, plan, store, {
          signal: controller.signal,
          onProgress: (progress) => emit?.('closeout:progress', progress),
        });
      } finally {
        running.delete(runId);
        prepared.delete(runId);
      }
    },
    'closeout:cancel': async ({ runId }) => {
      const controller = running.get(runId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
