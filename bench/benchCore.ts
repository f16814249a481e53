import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Channel, Envelope, PushEvent, PushEvents, RequestOf, ResponseOf } from '../shared/contract';
import { startAppCore, type AppCore } from '../electron/bootstrap';
import { createMemoryVault } from '../electron/core/credentials/memoryVault';
import { createMemoryAuditKeys } from '../electron/core/credentials/auditKeyStore';

export interface BenchCore {
  core: AppCore;
  /** Calls one channel and returns its data; an error envelope fails the measure with the core's own message. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): Promise<void>;
}

export type Emit = <E extends PushEvent>(event: E, payload: PushEvents[E]) => void;

/**
 * The real core as the app builds it, with secrets in memory and its files in a directory removed on close; its pushes
 * go to `emit` when given.
 */
export async function startBenchCore(emit?: Emit): Promise<BenchCore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-bench-'));
  const core = await startAppCore({ dataDir, version: 'bench', demo: false, vault: createMemoryVault(), auditKeys: createMemoryAuditKeys(), emit });
  return {
    core,
    call: async (channel, request) => unwrap(channel, await core.dispatch(channel, request)),
    close: async () => {
      await core.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function unwrap<C extends Channel>(channel: C, envelope: Envelope<unknown>): ResponseOf<C> {
  if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.message}`);
  return envelope.data as ResponseOf<C>;
}
