import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
import { fixtureData } from '../../sim/alpaca/testSupport';
import type { ActionReceipt } from '../../shared/actions';
import { createAlpacaAdapter } from './brokers/alpaca/adapter';
import { createMemoryProfileStore } from './connections/profileStore';
import { createMemoryVault } from './credentials/memoryVault';
import { createDispatcher } from './dispatcher';
import type { Dispatch } from './handlers';
import { tempJournal } from './journal/journal.testkit';
import type { Verdict } from './reconcile';
import { createService } from './service';
import { createMemoryProgressStore } from './windDown/progressStore';

/** The real core (journal, leases, audit, Alpaca adapter) over HTTP to a fresh Alpaca simulator, as connection "Sim". */
export interface AlpacaSimService {
  sim: AlpacaSim;
  dispatch: Dispatch;
  stores: Awaited<ReturnType<typeof tempJournal>>;
  /** Every action:updated push, in order. */
  pushed: ActionReceipt[];
  /** The first unknown outcome's verdict, once reading has settled it. */
  settled: Promise<Verdict>;
  close(): Promise<void>;
}

export const SIM_CONNECTION = 'Sim';

export async function startAlpacaSimService(): Promise<AlpacaSimService> {
  const stores = await tempJournal();
  const sim = await startAlpacaSim({ fillDelayMs: 0, data: fixtureData() });
  const pushed: ActionReceipt[] = [];
  let onSettled!: (verdict: Verdict) => void;
  const settled = new Promise<Verdict>((resolve) => (onSettled = resolve));
  const dispatch = createDispatcher(
    createService({
      profiles: createMemoryProfileStore(),
      vault: createMemoryVault(),
      stores,
      windDownProgress: createMemoryProgressStore(),
      adapterFactories: { alpaca: createAlpacaAdapter },
      demo: false,
      version: 'test',
      timeoutMs: 300,
      reconcileOptions: { delaysMs: [20, 40, 80, 160, 320] },
      cancelConfirmDelaysMs: [0, 20, 40, 80],
      emit: (event, payload) => {
        if (event === 'action:updated') pushed.push(payload as ActionReceipt);
      },
      onSettled: (_actionId, verdict) => onSettled(verdict),
    }),
  );
  const added = await dispatch('connections:add', { name: SIM_CONNECTION, broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
  if (!added.ok) throw new Error(`could not add the simulator connection: ${added.error.message}`);
  return {
    sim,
    dispatch,
    stores,
    pushed,
    settled,
    close: async () => {
      await sim.close();
      await stores.cleanup();
    },
  };
}
