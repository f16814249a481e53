import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BulkProgress } from '../../../shared/bulk';
import type { Envelope } from '../../../shared/contract';
import { startAlpacaSim, type AlpacaSim } from '../../../sim/alpaca/server';
import { fixtureData, IDS } from '../../../sim/alpaca/testSupport';
import { startScaleTradeSim, type ScaleTradeSim } from '../../../sim/scaletrade/server';
import { startAppCore, type AppCore } from '../../bootstrap';
import { createMemoryAuditKeys } from '../credentials/auditKeyStore';
import { createMemoryVault } from '../credentials/memoryVault';

// For the flatten tests: the real core (service, journal, adapters) over real HTTP to an Alpaca simulator holding the
// hand-made book of testSupport.ts and a ScaleTrade simulator holding its demo book.

export { IDS };
export const ALPACA = 'Alpaca sim';
export const SCALETRADE = 'ScaleTrade sim';

export interface Desk {
  alpaca: AlpacaSim;
  scaletrade: ScaleTradeSim;
  core: AppCore;
  progress: BulkProgress[];
  dataDir: string;
  /** What the desk's cores were started with besides their data folder: secrets and the audit key, both in memory. */
  vault: ReturnType<typeof createMemoryVault>;
  auditKeys: ReturnType<typeof createMemoryAuditKeys>;
  /** Another Closeout process on the same data folder, secrets and audit key. */
  another(): Promise<AppCore>;
  close(): Promise<void>;
}

export function ok<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.data;
}

export async function startDesk(options: { scaletradeRateLimit?: { limit: number; windowMs: number }; brokerTimeoutMs?: number } = {}): Promise<Desk> {
  const cleanups: (() => Promise<void>)[] = [];
  const alpaca = await startAlpacaSim({ fillDelayMs: 20, data: fixtureData() });
  const scaletrade = await startScaleTradeSim({ fillDelayMs: 0, ...(options.scaletradeRateLimit ? { rateLimit: options.scaletradeRateLimit } : {}) });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-flatten-'));
  cleanups.push(async () => {
    await alpaca.close();
    await scaletrade.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const vault = createMemoryVault();
  const auditKeys = createMemoryAuditKeys();
  const progress: BulkProgress[] = [];
  const start = async (emit?: (event: string, payload: unknown) => void) => {
    const core = await startAppCore({
      dataDir, version: 'test', demo: false, vault, auditKeys, brokerTimeoutMs: options.brokerTimeoutMs ?? 3_000, reconcileDelaysMs: [0],
      ...(emit ? { emit } : {}),
    });
    cleanups.push(() => core.close());
    return core;
  };
  const core = await start((event, payload) => {
    if (event === 'bulk:progress') progress.push(payload as BulkProgress);
  });
  ok(await core.dispatch('connections:add', { name: ALPACA, broker: 'alpaca', baseUrl: alpaca.url, keyId: alpaca.keyId, secret: alpaca.secret }));
  ok(await core.dispatch('connections:add', { name: SCALETRADE, broker: 'scaletrade', baseUrl: scaletrade.url, login: scaletrade.login, secret: scaletrade.password }));
  return {
    alpaca, scaletrade, core, progress, dataDir, vault, auditKeys,
    another: () => start(),
    close: async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}
