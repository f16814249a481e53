import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { parseCsvRows } from '../shared/csv';
import { Decimal } from '../shared/decimal';
import type { AlpacaSim, RecordedRequest } from '../sim/alpaca/server';
import type { AlpacaAccount, PositionRecord } from '../sim/alpaca/types';
import { flatAccount } from './steps';

/** The value beside a label in a dialog's facts ("Instrument", "Est. proceeds"…). */
export function fact(scope: Locator, label: string): Locator {
  return scope.locator('.fact').filter({ has: scope.page().locator('dt').getByText(label, { exact: true }) }).locator('dd');
}

/** Clicks `trigger` and returns the text of the file the page saves. */
export async function downloadedText(page: Page, trigger: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  return { name: download.suggestedFilename(), text: await readDownload(download) };
}

async function readDownload(download: Download): Promise<string> {
  const file = await download.path();
  return readFile(file, 'utf8');
}

/** RFC 4180 text back into rows, so a spec checks what a spreadsheet would see. */
export function parseCsv(text: string): string[][] {
  return parseCsvRows(text).map((row) => row.cells);
}

/** The CSV as one object per line, keyed by the header. */
export function csvRecords(text: string): Record<string, string>[] {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ''])));
}

/**
 * A new active account in the simulator, copied from a flat one under a fresh id and number, holding exactly these
 * positions and this cash. Specs stage what a closeout acts on instead of relying on the demo book.
 */
export function addSimAccount(sim: AlpacaSim, number: string, cash: string, positions: readonly Omit<PositionRecord, 'avg_entry_price'>[]): AlpacaAccount {
  const template = flatAccount(sim);
  const id = randomUUID();
  sim.state.addAccount({
    account: { ...template, id, account_number: number, status: 'ACTIVE' },
    cash,
    positions: positions.map((position) => ({ ...position, avg_entry_price: sim.state.requireAsset(position.symbol).price })),
    orders: [],
  });
  const account = sim.state.getAccount(id);
  if (!account) throw new Error(`The simulator did not keep account ${number}.`);
  return account;
}

/** The cash that closing these positions at the simulator's prices brings in (negative for buying back shorts). */
export function closingProceeds(sim: AlpacaSim, positions: readonly Omit<PositionRecord, 'avg_entry_price'>[]): Decimal {
  return positions.reduce((sum, position) => sum.plus(new Decimal(position.qty).times(sim.state.requireAsset(position.symbol).price)), new Decimal(0));
}

/** Every request the simulator got for this account that was not a read. */
export function writesFor(sim: AlpacaSim, accountId: string, since = 0): string[] {
  return sim.requests
    .slice(since)
    .filter((request: RecordedRequest) => request.method !== 'GET' && request.path.includes(accountId))
    .map((request) => `${request.method} ${request.path}`);
}

/** Waits until the simulator has recorded `count` requests that match, and returns them. */
export async function recorded(sim: AlpacaSim, count: number, matches: (request: RecordedRequest) => boolean): Promise<RecordedRequest[]> {
  await expect.poll(() => sim.requests.filter(matches).length, { intervals: [20] }).toBe(count);
  return sim.requests.filter(matches);
}
