import { Decimal } from 'decimal.js';
import type { Locator } from '@playwright/test';
import { largeAccountData } from '../sim/alpaca/demoData';
import type { AlpacaAccount } from '../sim/alpaca/types';
import { expect, test } from './harness';
import { openAccount, positionsTable } from './steps';

// Ten thousand positions: every one must be reachable by scrolling, sorting and filtering, and nothing is capped.

const POSITIONS = 10_000;
const data = largeAccountData(POSITIONS);
test.use({ simOptions: { data } });

// Reading, sorting and filtering 10,000 positions is the heavy work here: on a busy machine it takes far longer than
// an assertion's default 5 s, so each wait on it has its own generous limit, and so has each test.
const HEAVY = { timeout: 60_000 };
test.describe.configure({ timeout: 180_000 });

function bigAccount(): AlpacaAccount {
  const holdings = data.accounts[0];
  if (!holdings) throw new Error('the large account is missing');
  return holdings.account;
}

function rows(table: Locator): Locator {
  return table.locator('[data-testid^="position-row-"]');
}

/** The rows now in the DOM, top first, as [aria-rowindex, cell text] pairs. */
async function shownRows(table: Locator, column: number): Promise<Array<[number, string]>> {
  const pairs = await rows(table).evaluateAll(
    (elements, index) =>
      elements.map((row) => [Number(row.getAttribute('aria-rowindex')), (row.querySelectorAll('[role="gridcell"]')[index]?.textContent ?? '').replace(/,/g, '')] as [number, string]),
    column,
  );
  return pairs.sort((a, b) => a[0] - b[0]);
}

test('every one of 10,000 positions is reachable by scrolling, and the table says it holds all of them', async ({ app }) => {
  const account = bigAccount();
  const symbols = app.sim.state.positionsOf(account.id).map((position) => position.symbol).sort();
  expect(symbols).toHaveLength(POSITIONS);
  await openAccount(app, account);
  const table = positionsTable(app.page, account);
  await expect(table).toHaveAttribute('aria-rowcount', String(POSITIONS + 1), HEAVY);
  await expect(rows(table).first()).toBeVisible();
  expect(await rows(table).count()).toBeLessThanOrEqual(100);

  await table.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  const last = table.getByTestId(`position-row-${symbols[POSITIONS - 1]}`);
  await expect(last).toBeVisible(HEAVY);
  await expect(last).toHaveAttribute('aria-rowindex', String(POSITIONS + 1));
  expect(await rows(table).count()).toBeLessThanOrEqual(100);
});

test('sorting 10,000 positions by quantity puts the largest first, then the smallest', async ({ app }) => {
  const account = bigAccount();
  const sizes = app.sim.state.positionsOf(account.id).map((position) => new Decimal(position.qty).abs());
  const largest = Decimal.max(...sizes).toFixed();
  const smallest = Decimal.min(...sizes).toFixed();
  await openAccount(app, account);
  const table = positionsTable(app.page, account);
  const quantity = table.getByRole('columnheader', { name: 'Quantity' });

  // A new order starts at the top, where its first rows are.
  await table.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
  await quantity.getByRole('button').click();
  await expect(quantity).toHaveAttribute('aria-sort', 'descending', HEAVY);
  await expect.poll(() => table.evaluate((element) => element.scrollTop), HEAVY).toBe(0);
  await expect.poll(async () => (await shownRows(table, 2))[0], HEAVY).toEqual([2, largest]);

  await quantity.getByRole('button').click();
  await expect(quantity).toHaveAttribute('aria-sort', 'ascending', HEAVY);
  await expect.poll(async () => (await shownRows(table, 2))[0], HEAVY).toEqual([2, smallest]);
});

test('Ctrl+F and a symbol find one position deep in 10,000, the count says so, and Escape brings all back', async ({ app }) => {
  const account = bigAccount();
  const symbols = app.sim.state.positionsOf(account.id).map((position) => position.symbol).sort();
  const wanted = symbols[7_777] as string;
  await openAccount(app, account);
  const table = positionsTable(app.page, account);
  const filter = app.page.getByRole('searchbox', { name: 'Filter positions by symbol' });

  await app.page.keyboard.press('Control+F');
  await expect(filter).toBeFocused();
  await app.page.keyboard.type(wanted.toLowerCase());
  await expect(table).toHaveAttribute('aria-rowcount', '2', HEAVY);
  await expect(rows(table)).toHaveCount(1);
  await expect(table.getByTestId(`position-row-${wanted}`)).toBeVisible();
  await expect(app.page.getByRole('status').filter({ hasText: 'of 10,000 shown' })).toHaveText('1 of 10,000 shown');

  await filter.fill('NO SUCH SYMBOL');
  await expect(app.page.getByText('No position\'s symbol contains “NO SUCH SYMBOL”.')).toBeVisible(HEAVY);

  await filter.press('Escape');
  await expect(filter).toHaveValue('');
  await expect(table).toHaveAttribute('aria-rowcount', String(POSITIONS + 1), HEAVY);

  // So does a new filter.
  await table.evaluate((element) => element.scrollTo({ top: element.scrollHeight / 2 }));
  await filter.fill(symbols[5_000]?.slice(0, 1) ?? 'A');
  await expect.poll(() => table.evaluate((element) => element.scrollTop), HEAVY).toBe(0);
});

test('Ctrl+F leaves the keyboard with an open confirmation instead of pulling focus to the filter', async ({ app }) => {
  const account = bigAccount();
  const [first] = app.sim.state.positionsOf(account.id).map((position) => position.symbol).sort();
  await openAccount(app, account);
  await app.page.getByRole('button', { name: `Close ${first}`, exact: true }).click();
  const dialog = app.page.getByRole('dialog');
  await expect(dialog).toBeVisible(HEAVY);
  const focusedBefore = await app.page.evaluate(() => document.activeElement?.outerHTML);
  await app.page.keyboard.press('Control+F');
  // The dialog hides the page behind it from assistive technology, so the box is found by its attribute here.
  await expect(app.page.locator('input[aria-label="Filter positions by symbol"]')).not.toBeFocused();
  expect(await app.page.evaluate(() => document.activeElement?.outerHTML)).toBe(focusedBefore);
});

test('Ctrl+A picks all 10,000 positions, C lists them behind a typed count, and the table still answers the arrows', async ({ app }) => {
  const account = bigAccount();
  const symbols = app.sim.state.positionsOf(account.id).map((position) => position.symbol).sort();
  await openAccount(app, account);
  const table = positionsTable(app.page, account);
  await table.getByTestId(`position-row-${symbols[0]}`).focus();

  await app.page.keyboard.press('Control+a');
  await expect(app.page.getByRole('toolbar', { name: 'Picked positions' })).toContainText('10,000 picked', { timeout: 30_000 });
  await expect(table.getByTestId(`position-row-${symbols[1]}`)).toHaveAttribute('aria-selected', 'true');

  await app.page.keyboard.press('c');
  const dialog = app.page.getByRole('dialog');
  await expect(dialog).toHaveAccessibleName('Close 10000 picked positions', { timeout: 30_000 });
  await expect(dialog.getByText('…and 9500 more.')).toBeVisible();
  await expect(dialog.getByLabel(/Type 10000, the number of items/)).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Confirm close of 10000' })).toBeDisabled();
  await app.page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await expect.poll(() => app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe(`position-row-${symbols[0]}`);
  await app.page.keyboard.press('ArrowDown');
  await expect.poll(() => app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe(`position-row-${symbols[1]}`);
  expect(app.sim.requests.filter((request) => request.method === 'DELETE')).toEqual([]);
});
