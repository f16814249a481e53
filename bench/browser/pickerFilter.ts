import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import type { Account } from '../../shared/domain';
import { demoData } from '../../sim/alpaca/demoData';
import { withManyAccounts } from '../../sim/alpaca/manyAccounts';
import { startAlpacaSim } from '../../sim/alpaca/server';
import { startBenchCore } from '../benchCore';
import type { PickerFilterConfig } from '../config';
import { formatCount, formatMs, type MeasureRow, type RowHead } from '../report';
import { median, percentile } from '../stats';
import { serveRendererAndCore } from './benchServer';
import type { Probes } from './probes';
import { bundle, CHROMIUM, CHROMIUM_ARGS, VIEWPORT } from './tableSession';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONNECTION = 'Bench Alpaca';
const GOAL_MS = 16;
const SEARCH = '#account-search';
const LIST = '#account-listbox';
const COUNT = '[data-testid="account-count"]';
/** The page reads 100,000 accounts through the core and a bridge without pushes (see the note in the measure). */
const LOAD_TIMEOUT_MS = 180_000;
/** Longer than the picker's 250 ms debounce: the broker search a query starts has answered before the next one. */
const SETTLE_MS = 1_000;

/** How many accounts hold every typed word in their number, holder name or id: the picker's rule, read the slow way. */
function localMatches(accounts: readonly Account[], typed: string): number {
  const words = typed.toLowerCase().split(/\s+/).filter((word) => word !== '');
  return accounts.filter((account) => words.every((word) => `${account.number}\n${account.name}\n${account.id}`.toLowerCase().includes(word))).length;
}

export function pickerFilterHead(config: PickerFilterConfig): RowHead {
  return {
    id: 'picker-filter',
    measure: `type-to-filter in a ${formatCount(config.accounts)}-account picker in Chromium: keystroke -> filtered list rendered and laid out`,
    goal: `p95 <= ${GOAL_MS} ms`,
  };
}

/**
 * The production renderer over the real core and an Alpaca simulator holding `accounts` accounts, with the whole list
 * loaded in the picker; then types an account number and a holder's name character by character, `runs` times, and
 * times each keystroke in the page. The bench bridge carries no pushes, so the picker gets the list the way a page
 * whose pushes were lost does (accounts:list after the stream's answer): slower to load, the same list to filter.
 */
export async function measurePickerFilter(rendererDir: string, config: PickerFilterConfig, log: (line: string) => void): Promise<MeasureRow> {
  log(`picker: building ${formatCount(config.accounts)} simulator accounts`);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const sim = await startAlpacaSim({ data: withManyAccounts(demoData(), config.accounts) });
    closers.push(() => sim.close());
    const bench = await startBenchCore();
    closers.push(() => bench.close());
    await bench.call('connections:add', { name: CONNECTION, broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
    const server = await serveRendererAndCore(rendererDir, bench.core.dispatch);
    closers.push(() => server.close());
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    closers.push(() => browser.close());
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript({ content: await bundle(path.join(HERE, 'bridgeInit.ts')) });
    await page.addInitScript({ content: await bundle(path.join(HERE, 'probes.ts')) });
    const probe = <K extends keyof Probes>(name: K, ...args: Parameters<Probes[K]>): Promise<Awaited<ReturnType<Probes[K]>>> =>
      page.evaluate(
        ([probeName, probeArgs]) => {
          const probes = (window as unknown as { __closeoutBench: Record<string, (...values: unknown[]) => unknown> }).__closeoutBench;
          return probes[probeName]?.(...probeArgs);
        },
        [name, args] as [string, unknown[]],
      ) as never;

    await page.goto(`${server.url}/index.html`);
    const total = formatCount(config.accounts);
    await page.locator(COUNT).filter({ hasText: new RegExp(`^${total}$`) }).waitFor({ timeout: LOAD_TIMEOUT_MS });
    await page.getByTestId('accounts-loading').waitFor({ state: 'detached', timeout: LOAD_TIMEOUT_MS });
    log(`picker: ${total} accounts loaded`);

    // The newest account by number, and a holder name that many accounts share.
    const queries = [String(900_000_000 + config.accounts), 'rosa weber'];
    const listed = await bench.call('accounts:list', { connection: CONNECTION });
    const keystrokeMs: number[] = [];
    for (let run = 0; run < config.runs; run += 1) {
      for (const query of queries) {
        const { ms, counted, countText } = await probe('typeToFilter', SEARCH, LIST, COUNT, query);
        if (!countText.endsWith(`of ${total}`) || countText.startsWith(total)) throw new Error(`typing "${query}" left the picker counting "${countText}"`);
        // A time counts only if the list was already filtered for its keystroke when the clock stopped.
        counted.forEach((shown, at) => {
          const expected = `${formatCount(localMatches(listed, query.slice(0, at + 1)))} of ${total}`;
          if (shown !== expected) throw new Error(`keystroke ${at + 1} of "${query}" was timed with the picker counting "${shown}", not "${expected}"`);
        });
        keystrokeMs.push(...ms);
        await page.waitForTimeout(SETTLE_MS);
        await probe('clearField', SEARCH);
        await page.waitForTimeout(SETTLE_MS);
      }
      log(`picker: run ${run + 1}: median keystroke ${formatMs(median(keystrokeMs))}`);
    }
    const p95 = percentile(keystrokeMs, 95);
    const middle = median(keystrokeMs);
    return {
      ...pickerFilterHead(config),
      floor: `${GOAL_MS} ms frame budget`,
      closeout: `p95 ${formatMs(p95)}, median ${formatMs(middle)}, max ${formatMs(Math.max(...keystrokeMs))} over ${keystrokeMs.length} keystrokes`,
      ratio: p95 / GOAL_MS,
      holds: p95 <= GOAL_MS,
      values: { floorMs: GOAL_MS, p95Ms: p95, medianMs: middle, maxMs: Math.max(...keystrokeMs), keystrokes: keystrokeMs.length },
    };
  } finally {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  }
}
