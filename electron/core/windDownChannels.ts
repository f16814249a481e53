import type { PushEvent, PushEvents } from '../../shared/contract';
import type { WindDownPlan } from '../../shared/windDown';
import { AppError, validationError } from '../../shared/errors';
import type { WindDownHandlers } from './windDown/serviceCalls';
import { accountsToRun, prepareResume, prepareWindDown } from './windDown/plan';
import { runSummary } from './windDown/runSummary';
import type { ProgressStore } from './windDown/progressStore';
import { runWindDown } from './windDown/runner';
import type { Handlers } from './handlers';

export type WindDownChannelHandlers = Pick<Handlers, 'windDown:prepare' | 'windDown:resume' | 'windDown:runs' | 'windDown:run' | 'windDown:cancel'>;

/**
 * Account wind-down over IPC: a plan is prepared (preflight, nothing sent), then run once the person has confirmed the
 * number of accounts it will act on; the main process keeps the plan so the renderer cannot run one it never saw.
 */
export function createWindDownChannels(
  handlers: WindDownHandlers,
  store: ProgressStore,
  emit?: <E extends PushEvent>(event: E, payload: PushEvents[E]) => void,
): WindDownChannelHandlers {
  const prepared = new Map<string, WindDownPlan>();
  const running = new Map<string, AbortController>();

  return {
    'windDown:prepare': async ({ connection, accounts, runId, sweepTo }) => {
      const plan = await prepareWindDown(handlers, connection, accounts, store, { ...(runId !== undefined ? { runId } : {}), ...(sweepTo !== undefined ? { sweepTo } : {}) });
      prepared.set(plan.runId, plan);
      return plan;
    },
    'windDown:resume': async ({ runId }) => {
      const plan = await prepareResume(handlers, runId, store);
      prepared.set(plan.runId, plan);
      return plan;
    },
    'windDown:runs': async () => (await store.list()).map((record) => runSummary(record, running.has(record.runId))),
    'windDown:run': async ({ runId, confirmCount }) => {
      const plan = prepared.get(runId);
      if (!plan) throw validationError('runId', 'must name a wind-down prepared in this session: prepare it again');
      if (running.has(runId)) throw new AppError({ code: 'in_flight', outcome: 'not_sent', message: `Wind-down ${runId} is already running.` });
      const toRun = accountsToRun(plan).length;
      if (confirmCount !== toRun) throw validationError('confirmCount', `must be ${toRun}, the number of accounts the plan acts on`);
      const controller = new AbortController();
      running.set(runId, controller);
      try {
        return await runWindDown(handlers, plan, store, {
          signal: controller.signal,
          onProgress: (progress) => emit?.('windDown:progress', progress),
        });
      } finally {
        running.delete(runId);
        prepared.delete(runId);
      }
    },
    'windDown:cancel': async ({ runId }) => {
      const controller = running.get(runId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
