import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { largeAccountData } from '../../sim/alpaca/demoData';
import { startAlpacaSim, type AlpacaSim } from '../../sim/alpaca/server';
import type { PositionRecord } from '../../sim/alpaca/types';
import { startBenchCore, type BenchCore } from '../benchCore';
import { serveRendererAndCore } from './benchServer';
import { cpuPerFrameBetween, mainThreadTimeBetween, type MainThreadTime, type TraceEvent } from './mainThreadTime';
import type { Probes } from './probes';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONNECTION = 'Bench Alpaca';
// The e2e suite's browser: Debian's chromium with the same switches (see playwright.config.ts).
export const CHROMIUM = process.env.CLOSEOUT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
export const VIEWPORT = { width: 1400, height: 900 };
const EMPTY_TEXT = 'No open positions in this account.';
const CLOCK_SAMPLES = 15;

// Tasks (with their thread time) are in 'toplevel', FireAnimationFrame in the timeline's category, the marks in user
// timing; the timeline's disabled-by-default category would record every layer update and slow the page it measures.
const TASK_CATEGORIES = ['toplevel', 'blink.user_timing'];
const FRAME_CATEGORY = 'devtools.timeline';
const START_MARK = 'closeout-bench:start';
const END_MARK = 'closeout-bench:end';

/** Runs `work` under a Chromium trace, between two user-timing marks the summaries look for. */
async function traced<T>(browser: Browser, page: Page, categories: string[], work: () => Promise<T>): Promise<{ events: TraceEvent[]; wallMs: number; result: T }> {
  await browser.startTracing(page, { categories });
  try {
    await page.evaluate((name) => performance.mark(name), START_MARK);
    const started = performance.now();
    const result = await work();
    const wallMs = performance.now() - started;
    await page.evaluate((name) => performance.mark(name), END_MARK);
    return { events: (JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents, wallMs, result };
  } catch (error) {
    await browser.stopTracing().catch(() => undefined);
    throw error;
  }
}

export const ROW_SELECTOR = '[data-testid^="position-row-"]';

/** The same order on every run: a seeded Fisher-Yates shuffle. */
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  let seed = 0x2f6b_1d3a;
  const next = () => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return seed / 2 ** 32;
  };
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

export async function bundle(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent' });
  return result.outputFiles[0]?.text ?? '';
}

export interface TableSession {
  page: Page;
  cdp: CDPSession;
  browserVersion: string;
  /** The quickest round trip to the server's clock: answers' hand-over times are right to within half of it. */
  clockTripMs: number;
  tableSelector: string;
  /** Gives the account `count` of its positions at the simulator, in no order; the page sees them on its next refresh. */
  holdPositions(count: number): void;
  /** Runs one of the in-page probes. */
  probe<K extends keyof Probes>(name: K, ...args: Parameters<Probes[K]>): Promise<Awaited<ReturnType<Probes[K]>>>;
  /** The page's main-thread time while `work` runs, read from a Chromium trace. */
  mainThreadTime<T>(work: () => Promise<T>): Promise<MainThreadTime & { wallMs: number; result: T }>;
  /** Runs `work` and tells the main-thread CPU time of each animation frame meanwhile, read from a Chromium trace. */
  cpuPerFrame<T>(work: () => Promise<T>): Promise<{ result: T; frameCpuMs: number[] }>;
  /** Empties the account and waits until the page shows it empty. */
  showEmpty(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The production renderer in headless Chromium, bridged by createBridge (bridgeInit.ts; see benchServer.ts for the
 * transport) to the real core and an Alpaca simulator whose one account can hold up to `maxRows` positions.
 * Opens the account while it holds none, so later measures time only what follows data arriving.
 */
export async function openTableSession(rendererDir: string, maxRows: number): Promise<TableSession> {
  const data = largeAccountData(maxRows);
  const holdings = data.accounts[0];
  if (!holdings) throw new Error('the benchmark account is missing');
  const accountId = holdings.account.id;
  // The simulator lists positions by symbol, the order the table sorts by; shuffled, the sort does its full work.
  const allPositions: PositionRecord[] = shuffled(holdings.positions);
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };

  try {
    const sim: AlpacaSim = await startAlpacaSim({ data });
    closers.push(() => sim.close());
    sim.state.setPositions(accountId, []);
    const bench: BenchCore = await startBenchCore();
    closers.push(() => bench.close());
    await bench.call('connections:add', { name: CONNECTION, broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
    const server = await serveRendererAndCore(rendererDir, bench.core.dispatch);
    closers.push(() => server.close());
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    closers.push(() => browser.close());

    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript({ content: await bundle(path.join(HERE, 'bridgeInit.ts')) });
    await page.addInitScript({ content: await bundle(path.join(HERE, 'probes.ts')) });
    const cdp = await page.context().newCDPSession(page);

    const probe: TableSession['probe'] = (name, ...args) =>
      page.evaluate(
        ([probeName, probeArgs]) => {
          const probes = (window as unknown as { __closeoutBench: Record<string, (...values: unknown[]) => unknown> }).__closeoutBench;
          return probes[probeName]?.(...probeArgs);
        },
        [name, args] as [string, unknown[]],
      ) as never;

    await page.goto(`${server.url}/index.html`);
    const clockTripMs = await probe('calibrateClock', CLOCK_SAMPLES);
    await page.getByTestId(`account-item-${accountId}`).click();
    await page.getByText(EMPTY_TEXT).waitFor();

    return {
      page,
      cdp,
      browserVersion: browser.version(),
      clockTripMs,
      tableSelector: `[role="grid"][aria-label="Positions in account ${holdings.account.account_number}"]`,
      holdPositions: (count) => sim.state.setPositions(accountId, allPositions.slice(0, count)),
      probe,
      mainThreadTime: async (work) => {
        const { events, wallMs, result } = await traced(browser, page, TASK_CATEGORIES, work);
        return { ...mainThreadTimeBetween(events, START_MARK, END_MARK), wallMs, result };
      },
      cpuPerFrame: async (work) => {
        const { events, result } = await traced(browser, page, [...TASK_CATEGORIES, FRAME_CATEGORY], work);
        return { result, frameCpuMs: cpuPerFrameBetween(events, START_MARK, END_MARK) };
      },
      showEmpty: async () => {
        sim.state.setPositions(accountId, []);
        await probe('refreshAndSettle', ['positions:poll']);
        await page.getByText(EMPTY_TEXT).waitFor();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
