import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { largeAccountData } from '../../sim/alpaca/demoData';
import { startAlpacaSim } from '../../sim/alpaca/server';
import { startBenchCore } from '../benchCore';
import type { NavigationConfig } from '../config';
import { formatCount, formatMs, type MeasureRow, type RowHead } from '../report';
import { median } from '../stats';
import { serveRendererAndCore } from './benchServer';
import { bundle, CHROMIUM, CHROMIUM_ARGS, ROW_SELECTOR, VIEWPORT } from './tableSession';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONNECTION = 'Bench Alpaca';
const FIRST_CALL_GOAL_MS = 200;
const FIRST_ROWS_GOAL_MS = 300;
/** Generous: a 50,000-position account is read from the simulator, through the core and painted within it. */
const RUN_TIMEOUT_MS = 120_000;

export function navigationHeads(config: NavigationConfig): RowHead[] {
  return [
    { id: 'first-bridge-call', measure: 'navigation start -> first bridge call, production renderer in Chromium', goal: `<= ${FIRST_CALL_GOAL_MS} ms` },
    {
      id: 'first-rows',
      measure: `navigation start -> first rows painted, account picked as soon as it is listed, at ${config.positions.map(formatCount).join(', ')} positions`,
      // The goal is stated for the first size (100 in the full run); the larger ones are shown beside it.
      goal: `<= ${FIRST_ROWS_GOAL_MS} ms at ${formatCount(config.positions[0] ?? 0)}`,
    },
  ];
}

interface NavigationRun {
  firstCallMs: number;
  firstRowsMs: number;
}

/**
 * Opens the production renderer in a fresh Chromium each run (nothing cached, nothing compiled), bridged as in the
 * table rows to the real core and an Alpaca simulator whose one account holds the given positions, and reads the page's
 * own clock, whose zero is navigation start: when it first called the bridge, and when the first frame with position
 * rows was painted (the account picked the moment the picker lists it).
 */
export async function measureNavigation(rendererDir: string, config: NavigationConfig, log: (line: string) => void): Promise<MeasureRow[]> {
  const largest = Math.max(...config.positions);
  const data = largeAccountData(largest);
  const holdings = data.accounts[0];
  if (!holdings) throw new Error('the benchmark account is missing');
  const accountId = holdings.account.id;
  const closers: (() => Promise<unknown>)[] = [];
  try {
    const sim = await startAlpacaSim({ data });
    closers.push(() => sim.close());
    // The core's pushes reach the page (the picker's accounts arrive as pushed pages, as in the window; without them
    // it would wait the pages out), and the server's calls reach the core, which starts after it.
    const server = await serveRendererAndCore(rendererDir, (channel, request) => bench.core.dispatch(channel, request));
    closers.push(() => server.close());
    const bench = await startBenchCore((event, payload) => server.push(event, payload));
    closers.push(() => bench.close());
    await bench.call('connections:add', { name: CONNECTION, broker: 'alpaca', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
    const target = `window.__closeoutNavigationTarget = ${JSON.stringify({ accountSelector: `[data-testid="account-item-${accountId}"]`, rowSelector: ROW_SELECTOR })};`;
    const scripts = [
      await bundle(path.join(HERE, 'bridgeInit.ts')),
      await bundle(path.join(HERE, 'pushStream.ts')),
      await bundle(path.join(HERE, 'probes.ts')),
      `${target}\n${await bundle(path.join(HERE, 'navigationProbe.ts'))}`,
    ];

    const open = async (): Promise<NavigationRun> => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage({ viewport: VIEWPORT });
        for (const content of scripts) await page.addInitScript({ content });
        await page.goto(`${server.url}/index.html`);
        const firstRowsMs = await page.evaluate(
          (timeoutMs) =>
            Promise.race([
              (window as unknown as { __closeoutFirstRows: Promise<number> }).__closeoutFirstRows,
              new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no position rows were painted within ${timeoutMs} ms`)), timeoutMs)),
            ]),
          RUN_TIMEOUT_MS,
        );
        const firstCallMs = await page.evaluate(() => (window as unknown as { __closeoutBench: { firstCall(): { at: number | null } } }).__closeoutBench.firstCall().at);
        if (firstCallMs === null) throw new Error('the page painted rows without calling the bridge');
        return { firstCallMs, firstRowsMs };
      } finally {
        await browser.close();
      }
    };

    const firstCall: number[] = [];
    const firstRows = new Map<number, number[]>();
    for (const positions of config.positions) {
      sim.state.setPositions(accountId, holdings.positions.slice(0, positions));
      const runs: number[] = [];
      for (let run = 0; run < config.runs; run += 1) {
        const result = await open();
        runs.push(result.firstRowsMs);
        // The first call comes before any position is read: every run counts.
        firstCall.push(result.firstCallMs);
        log(`navigation: ${formatCount(positions)} positions, run ${run + 1}: first call ${formatMs(result.firstCallMs)}, first rows ${formatMs(result.firstRowsMs)}`);
      }
      firstRows.set(positions, runs);
    }

    const callMs = median(firstCall);
    const rowsMs = new Map([...firstRows].map(([positions, runs]) => [positions, median(runs)]));
    const goalRows = rowsMs.get(config.positions[0] ?? 0) ?? NaN;
    const [callHead, rowsHead] = navigationHeads(config) as [RowHead, RowHead];
    return [
      {
        ...callHead,
        floor: '-',
        closeout: formatMs(callMs),
        ratio: null,
        holds: callMs <= FIRST_CALL_GOAL_MS,
        values: { closeoutMs: callMs, runs: firstCall.length },
      },
      {
        ...rowsHead,
        floor: '-',
        closeout: [...rowsMs].map(([positions, ms]) => `${formatCount(positions)}: ${formatMs(ms)}`).join('; '),
        ratio: null,
        holds: goalRows <= FIRST_ROWS_GOAL_MS,
        values: { ...Object.fromEntries([...rowsMs].map(([positions, ms]) => [`ms${positions}`, ms])), runs: config.runs },
      },
    ];
  } finally {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  }
}
