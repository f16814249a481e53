import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';
import type { BrokerKind } from '../shared/brokers';
import type { PushEvent, PushEvents } from '../shared/contract';
import { startAppCore, type AppCore } from '../electron/bootstrap';
import { createKeychainVault } from '../electron/core/credentials/keychainVault';
import { createKeychainAuditKeys, createMemoryAuditKeys } from '../electron/core/credentials/auditKeyStore';
import { createMemoryVault } from '../electron/core/credentials/memoryVault';
import type { SecretVault } from '../electron/core/credentials/vault';
import { startAlpacaSim, type AlpacaSim, type AlpacaSimOptions } from '../sim/alpaca/server';
import { startClearStreetSim, type ClearStreetSim, type ClearStreetSimOptions } from '../sim/clearstreet/server';
import { startExnessSim, type ExnessSim, type ExnessSimOptions } from '../sim/exness/server';
import { startScaleTradeSim, type ScaleTradeSim, type ScaleTradeSimOptions } from '../sim/scaletrade/server';
import { startWebServer, type WebServer } from '../electron/webServer/webServer';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

/** Each broker's simulator and the options it starts with. */
interface BrokerSims {
  alpaca: { sim: AlpacaSim; options: AlpacaSimOptions };
  clearstreet: { sim: ClearStreetSim; options: ClearStreetSimOptions };
  exness: { sim: ExnessSim; options: ExnessSimOptions };
  scaletrade: { sim: ScaleTradeSim; options: ScaleTradeSimOptions };
}

export type SimOf<B extends BrokerKind> = BrokerSims[B]['sim'];
export type SimOptionsOf<B extends BrokerKind> = BrokerSims[B]['options'];

/** What a connection needs besides its name, broker and URL, in the shape of `connections:add`. */
interface SimCredentials {
  keyId?: string;
  login?: number;
  secret: string;
}

interface BrokerSetup<B extends BrokerKind> {
  connectionName: string;
  defaultOptions: SimOptionsOf<B>;
  start(options: SimOptionsOf<B>): Promise<SimOf<B>>;
  credentials(sim: SimOf<B>): SimCredentials;
}

// Fills land quickly but not at once, so a spec still sees a close accepted before the position goes.
const SETUPS: { [B in BrokerKind]: BrokerSetup<B> } = {
  alpaca: {
    connectionName: 'Alpaca sim',
    defaultOptions: { fillDelayMs: 150 },
    start: startAlpacaSim,
    credentials: (sim) => ({ keyId: sim.keyId, secret: sim.secret }),
  },
  clearstreet: {
    connectionName: 'Clear Street sim',
    defaultOptions: { fillDelayMs: 150 },
    start: startClearStreetSim,
    credentials: (sim) => ({ secret: sim.apiKey }),
  },
  exness: {
    connectionName: 'Exness sim',
    defaultOptions: {},
    start: startExnessSim,
    credentials: (sim) => ({ secret: sim.secret }),
  },
  scaletrade: {
    connectionName: 'ScaleTrade sim',
    defaultOptions: { fillDelayMs: 150 },
    start: startScaleTradeSim,
    credentials: (sim) => ({ login: sim.login, secret: sim.password }),
  },
};

/**
 * Tests in parallel workers share one private Secret Service and name their connections alike: each files its
 * secrets under its own service, so one test never reads or deletes another's secret.
 */
function testKeychainService(): string {
  return `${process.env.CLOSEOUT_KEYCHAIN_SERVICE ?? 'closeout-e2e'}-${randomBytes(6).toString('hex')}`;
}

export interface Harness<B extends BrokerKind = 'alpaca'> {
  broker: B;
  /** The name the simulator's connection has in the app. */
  connection: string;
  page: Page;
  sim: SimOf<B>;
  /** The core the page talks to: after restartAfterCrash, the new one. */
  readonly core: AppCore;
  dataDir: string;
  /** Where this test's core keeps connection secrets: its own keychain service, or memory without a Secret Service. */
  vault: SecretVault;
  /** Every envelope and push the renderer received, serialised, for the secret-leak checks. */
  received: string[];
  /** The `closeout ui` server the page is served by: its origin and this run's token, for the specs that attack it. */
  web: Pick<WebServer, 'origin' | 'token' | 'url'>;
  push<E extends PushEvent>(event: E, payload: PushEvents[E]): Promise<void>;
  /** Opens the app page; the simulator is already registered as a connection. */
  open(): Promise<void>;
  /**
   * Stops the core as a killed process stops: its journal is closed with whatever it had in flight left as it was (the
   * intent, the lease, a request the simulator still holds). Then starts the next core on the same data folder,
   * keychain and simulator, as the next start of the app would; it settles what the first left before `open()`.
   */
  restartAfterCrash(): Promise<void>;
}

export interface HarnessOptions<B extends BrokerKind> {
  simOptions: SimOptionsOf<B>;
  /** How long the core waits for a broker before a read fails or a close becomes "outcome unknown"; its default when unset. */
  brokerTimeoutMs: number | undefined;
  /** The core's waits between the reads that settle an unknown outcome; its own (about 24 s in all) when undefined. */
  reconcileDelaysMs: number[] | undefined;
}

/**
 * The built renderer in Chromium, served as `closeout ui` serves it (electron/webServer: the token, the origin checks,
 * the IPC handler, the push stream), by the real core (dispatcher, service, the broker's adapter over HTTP) with a real
 * simulator of that broker. Secrets go to the keychain of the private Secret Service when the run has one.
 */
export function brokerTest<B extends BrokerKind>(broker: B) {
  const setup = SETUPS[broker] as BrokerSetup<B>;
  return base.extend<HarnessOptions<B> & { app: Harness<B> }>({
    // Playwright's option tuple does not narrow through the generic broker.
    simOptions: [setup.defaultOptions, { option: true }] as never,
    brokerTimeoutMs: [undefined, { option: true }],
    reconcileDelaysMs: [undefined, { option: true }],
    app: async ({ page, simOptions, brokerTimeoutMs, reconcileDelaysMs }, use) => {
      if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
        throw new Error('The renderer is not built: run `npm run build` before the e2e suite.');
      }
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closeout-e2e-'));
      const sim = await setup.start(simOptions);
      const received: string[] = [];
      // Known once the core has started: the server serves the core, and the core's first pushes can wait for it.
      const live: { server?: WebServer } = {};
      const push = async <E extends PushEvent>(event: E, payload: PushEvents[E]): Promise<void> => {
        received.push(JSON.stringify(payload));
        live.server?.push(event, payload);
      };
      const keychain = process.env.CLOSEOUT_SECRET_SERVICE === 'private';
      const vault = keychain ? createKeychainVault({ service: testKeychainService() }) : createMemoryVault();
      const auditKeys = keychain ? createKeychainAuditKeys({ service: testKeychainService() }) : createMemoryAuditKeys();
      const startCore = () =>
        startAppCore({
          dataDir,
          version: 'e2e',
          demo: false,
          vault,
          auditKeys,
          brokerTimeoutMs,
          reconcileDelaysMs,
          emit: (event, payload) => void push(event, payload),
        });
      let core = await startCore();
      const connection = setup.connectionName;
      const added = await core.dispatch('connections:add', { name: connection, broker, baseUrl: sim.url, ...setup.credentials(sim) });
      if (!added.ok) throw new Error(`Could not add the simulator connection: ${added.error.message}`);

      const consoleLines: string[] = [];
      page.on('console', (message) => consoleLines.push(message.text()));
      page.on('pageerror', (error) => consoleLines.push(String(error)));
      const server = await startWebServer({
        rendererDir: RENDERER_DIR,
        // Whichever core is current: restartAfterCrash replaces it behind the same server, as the next app start would.
        dispatch: async (channel, request) => {
          const envelope = await core.dispatch(channel, request);
          received.push(JSON.stringify(envelope));
          return envelope;
        },
      });
      live.server = server;

      const harness: Harness<B> = {
        broker,
        connection,
        page,
        sim,
        get core() {
          return core;
        },
        dataDir,
        vault,
        received,
        web: { origin: server.origin, token: server.token, url: server.url },
        push,
        open: async () => {
          await page.goto(server.url);
        },
        restartAfterCrash: async () => {
          await core.close();
          core = await startCore();
        },
      };
      await use(harness);

      // The leak sweep runs after every e2e test, so the whole run is swept: the connection's secret must be in nothing
      // the renderer received, the page, its storage, its console, or any file the core wrote.
      const secret = setup.credentials(sim).secret;
      const places: Array<[string, string]> = [
        ['what the renderer received', received.join('\n')],
        ['the console', consoleLines.join('\n')],
        ...(await sweepPage(page)),
        ...(await sweepFiles(dataDir)),
      ];
      const leaked = places.filter(([, text]) => text.includes(secret)).map(([where]) => where);

      await core.handlers['connections:remove']({ name: connection }).catch(() => undefined);
      await core.close();
      await server.close();
      await sim.close();
      await rm(dataDir, { recursive: true, force: true });
      if (leaked.length > 0) throw new Error(`The connection secret leaked into: ${leaked.join(', ')}`);
    },
  });
}

/** The Alpaca harness every spec used before the other brokers had flows. */
export const test = brokerTest('alpaca');

export { expect } from '@playwright/test';

async function sweepPage(page: Page): Promise<Array<[string, string]>> {
  if (page.isClosed()) return [];
  const storage = await page
    .evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }))
    .catch(() => '');
  return [
    ['the page', await page.content().catch(() => '')],
    ['web storage', storage],
  ];
}

async function sweepFiles(dir: string): Promise<Array<[string, string]>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (file): Promise<[string, string]> => [file, await readFile(file, 'utf8')]));
}
