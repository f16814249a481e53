import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';
import { build } from 'esbuild';
import type { PushEvent, PushEvents } from '../shared/contract';
import { startAppCore, type AppCore } from '../electron/bootstrap';
import { createKeychainVault } from '../electron/core/credentials/keychainVault';
import { createMemoryVault } from '../electron/core/credentials/memoryVault';
import type { SecretVault } from '../electron/core/credentials/vault';
import { startAlpacaSim, type AlpacaSim, type AlpacaSimOptions } from '../sim/alpaca/server';
import { serveDirectory } from './staticServer';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
export const ALPACA_CONNECTION = 'Alpaca sim';

let bridgeScript: Promise<string> | undefined;

function bundleBridgeInit(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [path.join(HERE, 'bridgeInit.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]?.text ?? '');
  return bridgeScript;
}

/**
 * Tests in parallel workers share one private Secret Service and all name their connection "Alpaca sim": each files
 * its secrets under its own service, so one test never reads or deletes another's secret.
 */
function testKeychainService(): string {
  return `${process.env.CLOSEOUT_KEYCHAIN_SERVICE ?? 'closeout-e2e'}-${randomBytes(6).toString('hex')}`;
}

export interface Harness {
  page: Page;
  sim: AlpacaSim;
  core: AppCore;
  dataDir: string;
  /** Where this test's core keeps connection secrets: its own keychain service, or memory without a Secret Service. */
  vault: SecretVault;
  /** Every envelope the renderer received, serialised, for the secret-leak checks. */
  received: string[];
  push<E extends PushEvent>(event: E, payload: PushEvents[E]): Promise<void>;
  /** Opens the app page; the Alpaca simulator is already registered as a connection. */
  open(): Promise<void>;
}

export interface HarnessOptions {
  simOptions: AlpacaSimOptions;
}

/**
 * The built renderer in Chromium, bridged through page.exposeBinding to the real core (dispatcher, service, Alpaca
 * adapter over HTTP) and a real Alpaca simulator. Secrets go to the keychain of the private Secret Service when the
 * test run has one.
 */
export const test = base.extend<HarnessOptions & { app: Harness }>({
  simOptions: [{ fillDelayMs: 150 }, { option: true }],
  app: async ({ page, simOptions }, use) => {
    if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      throw new Error('The renderer is not built: run `npm run build` before the e2e suite.');
    }
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-e2e-'));
    const sim = await startAlpacaSim(simOptions);
    const vault = process.env.CLOSEOUT_SECRET_SERVICE === 'private' ? createKeychainVault({ service: testKeychainService() }) : createMemoryVault();
    const core = await startAppCore({ dataDir, version: 'e2e', demo: false, vault });
    const added = await core.dispatch('connections:add', {
      name: ALPACA_CONNECTION,
      broker: 'alpaca',
      baseUrl: sim.url,
      keyId: sim.keyId,
      secret: sim.secret,
    });
    if (!added.ok) throw new Error(`Could not add the simulator connection: ${added.error.message}`);

    const server = await serveDirectory(RENDERER_DIR);
    const received: string[] = [];
    await page.exposeBinding('__closeoutInvoke', async (_source, channel: unknown, request: unknown) => {
      const envelope = await core.dispatch(channel, request);
      received.push(JSON.stringify(envelope));
      return envelope;
    });
    await page.addInitScript({ content: await bundleBridgeInit() });

    const harness: Harness = {
      page,
      sim,
      core,
      dataDir,
      vault,
      received,
      push: async (event, payload) => {
        received.push(JSON.stringify(payload));
        await page.evaluate(([e, p]) => (window as unknown as { __closeoutPush(e: string, p: unknown): void }).__closeoutPush(e, p), [event, payload] as const);
      },
      open: async () => {
        await page.goto(`${server.url}/index.html`);
      },
    };
    await use(harness);

    await core.handlers['connections:remove']({ name: ALPACA_CONNECTION }).catch(() => undefined);
    await core.close();
    await server.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
