import path from 'node:path';
import type { PushEvent, PushEvents } from '../shared/contract';
import { AppError } from '../shared/errors';
import { createJournalProgressStore, type ProgressStore } from './core/windDown/progressStore';
import { adapterFactories } from './core/brokers/registry';
import { createJsonProfileStore } from './core/connections/profileStore';
import { createKeychainAuditKeys, type AuditKeyStore } from './core/credentials/auditKeyStore';
import { createKeychainVault } from './core/credentials/keychainVault';
import type { SecretVault } from './core/credentials/vault';
import { openJournalStores, type JournalStores } from './core/journal';
import { importLegacyFiles } from './core/journal/legacyImport';
import { createDispatcher } from './core/dispatcher';
import type { Dispatch, Handlers } from './core/handlers';
import { createService } from './core/service';
import type { DemoWiring } from './demoWiring';

export interface AppCoreOptions {
  dataDir: string;
  version: string;
  /** Start the simulated brokers in-process and offer a ready connection to each. */
  demo: boolean;
  vault?: SecretVault;
  /** Where the audit trail's HMAC key lives: the OS keychain unless given (tests pass an in-memory one with their vault). */
  auditKeys?: AuditKeyStore;
  /** How long a broker call may take before a read fails or a close becomes 'outcome unknown'. */
  brokerTimeoutMs?: number | undefined;
  /** The waits between the reads that settle an unknown outcome (about 24 s in all unless given). */
  reconcileDelaysMs?: number[] | undefined;
  emit?: (<E extends PushEvent>(event: E, payload: PushEvents[E]) => void) | undefined;
  onUnexpectedError?: (error: unknown) => void;
}

export interface AppCore {
  handlers: Handlers;
  dispatch: Dispatch;
  /** Wind-down runs in the journal, for the command's wind-down (the app reaches them through the handlers). */
  windDownProgress: ProgressStore;
  /** The journal itself, for the command's audit and for tests that look at what was recorded. */
  stores: JournalStores;
  close(): Promise<void>;
}

async function startDemo(): Promise<DemoWiring> {
  const wiring = await import('./demoWiring').catch((error: unknown) => {
    throw new AppError({
      code: 'internal',
      message: `Demo mode is not part of this build: the simulated brokers ship only with the development build (${error instanceof Error ? error.message : 'not found'}).`,
    });
  });
  return wiring.startDemoWiring();
}

/** Builds the core the same way for the app window, the e2e harness and the command line. */
export async function startAppCore(options: AppCoreOptions): Promise<AppCore> {
  // Loaded only for the demo, so neither the command nor the packaged app loads or carries the simulators otherwise.
  const demo = options.demo ? await startDemo() : null;
  const demoConnections = demo?.connections ?? [];
  const stores = openJournalStores(options.dataDir, options.auditKeys ?? createKeychainAuditKeys());
  const windDownProgress = createJournalProgressStore(stores);
  // Once per data folder from before the journal; a failure (no keychain yet) leaves the old files for the next start.
  await importLegacyFiles(stores, windDownProgress).catch((error: unknown) => options.onUnexpectedError?.(error));
  const handlers = createService({
    profiles: createJsonProfileStore(path.join(options.dataDir, 'connections.json')),
    vault: options.vault ?? createKeychainVault(),
    adapterFactories,
    stores,
    windDownProgress,
    demoConnections,
    demo: options.demo,
    version: options.version,
    timeoutMs: options.brokerTimeoutMs,
    reconcileOptions: { delaysMs: options.reconcileDelaysMs },
    emit: options.emit,
  });
  return {
    handlers,
    windDownProgress,
    stores,
    dispatch: createDispatcher(handlers, options.onUnexpectedError),
    close: async () => {
      await demo?.close();
      stores.journal.close();
    },
  };
}
