import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAlpacaSim, type AlpacaSim } from '../../../sim/alpaca/server';
import type { OrderInput } from '../../../sim/alpaca/state';
import { fixtureData, IDS } from '../../../sim/alpaca/testSupport';
import type { AccountStatus, PositionRecord } from '../../../sim/alpaca/types';
import { startAppCore, type AppCore } from '../../bootstrap';
import { createMemoryAuditKeys } from '../credentials/auditKeyStore';
import { createMemoryVault } from '../credentials/memoryVault';
import type { ProgressStore } from './progressStore';

// For the wind-down tests: the real app core (service, locks, audit, Alpaca adapter) over real HTTP to the Alpaca
// simulator, with accounts the test describes.

export const CONNECTION = 'Sim';

export interface TestAccount {
  id: string;
  number: string;
  cash: string;
  positions?: PositionRecord[];
  orders?: OrderInput[];
  status?: AccountStatus;
}

export interface SimCore {
  sim: AlpacaSim;
  core: AppCore;
  dataDir: string;
  /**
   * A fresh core over the same data folder and secrets, as the next `closeout` process would start: nothing in memory
   * (in-flight locks, reconciliations still reading) carries over.
   */
  restart(): Promise<void>;
  /** The wind-down runs of whichever core is current, so a store taken before a restart still reaches the journal after it. */
  progress(): ProgressStore;
  /** The requests that changed something (anything but GET) for one account, from `since` on. */
  sentFor(accountId: string, since?: number): string[];
  close(): Promise<void>;
}

export async function startSimCore(
  accounts: readonly TestAccount[],
  options: { fillDelayMs?: number; brokerTimeoutMs?: number; rateLimit?: { limit: number; windowMs: number } } = {},
): Promise<SimCore> {
  const data = fixtureData();
  const template = data.accounts.find((holdings) => holdings.account.id === IDS.flat)?.account;
  if (!template) throw new Error('the fixture book has no flat account');
  const sim = await startAlpacaSim({ fillDelayMs: options.fillDelayMs ?? 20, data, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) });
  for (const spec of accounts) {
    sim.state.addAccount({
      account: { ...structuredClone(template), id: spec.id, account_number: spec.number, status: spec.status ?? 'ACTIVE' },
      cash: spec.cash,
      positions: spec.positions ?? [],
      orders: [],
    });
    for (const order of spec.orders ?? []) sim.state.addOrder(spec.id, order);
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-run-'));
  const vault = createMemoryVault();
  const auditKeys = createMemoryAuditKeys();
  const boot = () => startAppCore({ dataDir, version: 'test', demo: false, vault, auditKeys, brokerTimeoutMs: options.brokerTimeoutMs ?? 2_000 });
  const core = await boot();
  const added = await core.dispatch('connections:add', { name: CONNECTION, broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
  if (!added.ok) throw new Error(`could not add the simulator connection: ${added.error.message}`);
  const env: SimCore = {
    sim,
    core,
    dataDir,
    restart: async () => {
      await env.core.close();
      env.core = await boot();
    },
    progress: () => ({
      lock: (runId) => env.core.windDownProgress.lock(runId),
      load: (runId) => env.core.windDownProgress.load(runId),
      save: (record) => env.core.windDownProgress.save(record),
      saveRun: (run) => env.core.windDownProgress.saveRun(run),
      saveAccount: (runId, account) => env.core.windDownProgress.saveAccount(runId, account),
      list: () => env.core.windDownProgress.list(),
    }),
    sentFor: (accountId, since = 0) =>
      sim.requests
        .slice(since)
        .filter((request) => request.method !== 'GET' && request.path.includes(accountId))
        .map((request) => `${request.method} ${request.path}`),
    close: async () => {
      await env.core.close();
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return env;
}
