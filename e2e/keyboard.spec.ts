import type { Locator, Page } from '@playwright/test';
import { expect, test } from './harness';
import { deleteRequests, heldQty, positionsTable, stagedAccount } from './steps';

// A desk trader's session without the mouse: the table is one Tab stop with arrows inside, rows are picked with
// Space and Shift+arrows, C closes what is picked behind one confirmation, and focus comes back to the table.

const dialog = (page: Page) => page.getByRole('dialog');
const focusedRowId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);

/** Presses Tab until `target` holds focus, as a person would, failing after `most` presses. */
async function tabTo(page: Page, target: Locator, most = 40): Promise<number> {
  for (let presses = 1; presses <= most; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) return presses;
  }
  throw new Error(`Tab never reached the element in ${most} presses.`);
}

test('a whole session by keyboard: open an account, pick three positions, close them, land on the next row', async ({ app }) => {
  const account = stagedAccount(app.sim, [
    { symbol: 'AAPL', qty: '4' },
    { symbol: 'AMZN', qty: '2' },
    { symbol: 'MSFT', qty: '3' },
    { symbol: 'NVDA', qty: '5' },
    { symbol: 'TSLA', qty: '-1' },
  ]);
  await app.open();
  await expect(app.page.getByTestId(`account-item-${account.id}`)).toBeVisible();

  // Switch account: A focuses the account search; type, pick with the arrows, open with Enter.
  await app.page.keyboard.press('a');
  await expect(app.page.getByRole('combobox', { name: 'Search accounts' })).toBeFocused();
  await app.page.keyboard.type(account.account_number);
  await expect(app.page.getByRole('listbox', { name: 'Accounts' }).getByRole('option')).toHaveCount(1);
  await app.page.keyboard.press('ArrowDown');
  await app.page.keyboard.press('Enter');
  await expect(app.page.getByRole('heading', { level: 2, name: account.account_number })).toBeVisible();

  const table = positionsTable(app.page, account);
  await expect(table.getByTestId('position-row-AAPL')).toBeVisible();
  await tabTo(app.page, table);
  expect(await focusedRowId(app.page)).toBe('position-row-AAPL');

  await app.page.keyboard.press('Space');
  await app.page.keyboard.press('Shift+ArrowDown');
  await app.page.keyboard.press('Shift+ArrowDown');
  expect(await focusedRowId(app.page)).toBe('position-row-MSFT');
  for (const symbol of ['AAPL', 'AMZN', 'MSFT']) await expect(table.getByTestId(`position-row-${symbol}`)).toHaveAttribute('aria-selected', 'true');
  await expect(table.getByTestId('position-row-NVDA')).toHaveAttribute('aria-selected', 'false');

  await app.page.keyboard.press('c');
  const box = dialog(app.page);
  await expect(box).toHaveAccessibleName('Close 3 picked positions');
  await expect(box.getByRole('list', { name: 'Positions to close' }).getByRole('listitem')).toHaveCount(3);
  await expect(box.getByTestId('bulk-total')).toContainText('In all: 3 positions');
  await expect(box.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.page.keyboard.press('Tab');
  await expect(box.getByRole('button', { name: 'Confirm close of 3' })).toBeFocused();
  await expect(box.getByRole('button', { name: 'Confirm close of 3' })).not.toHaveAttribute('aria-disabled', 'true');
  await app.page.keyboard.press('Enter');

  for (const symbol of ['AAPL', 'AMZN', 'MSFT']) await expect(box.getByTestId(`bulk-result-${symbol}`)).toBeVisible({ timeout: 15_000 });
  await app.page.keyboard.press('Escape');
  await expect(dialog(app.page)).toHaveCount(0);

  for (const symbol of ['AAPL', 'AMZN', 'MSFT']) await expect.poll(() => heldQty(app.sim, account, symbol)).toBeNull();
  await expect(table.getByTestId('position-row-MSFT')).toHaveCount(0, { timeout: 15_000 });
  await expect.poll(() => focusedRowId(app.page)).toBe('position-row-NVDA');
  expect(heldQty(app.sim, account, 'NVDA')).toBe('5');
  expect(heldQty(app.sim, account, 'TSLA')).toBe('-1');
  expect(deleteRequests(app.sim).map((request) => request.path.split('/').pop()).sort()).toEqual(['AAPL', 'AMZN', 'MSFT']);
});

test('the positions table is one Tab stop: arrows move inside, Right reaches the row buttons, Esc from a dialog comes back', async ({ app }) => {
  const account = stagedAccount(app.sim, [
    { symbol: 'AAPL', qty: '4' },
    { symbol: 'MSFT', qty: '3' },
  ]);
  await app.open();
  await app.page.getByTestId(`account-item-${account.id}`).click();
  const table = positionsTable(app.page, account);
  await expect(table.getByTestId('position-row-AAPL')).toBeVisible();

  await table.getByTestId('position-row-AAPL').focus();
  await app.page.keyboard.press('Tab');
  expect(await table.evaluate((element) => element.contains(document.activeElement))).toBe(false);
  await app.page.keyboard.press('Shift+Tab');
  expect(await focusedRowId(app.page)).toBe('position-row-AAPL');

  await app.page.keyboard.press('ArrowDown');
  expect(await focusedRowId(app.page)).toBe('position-row-MSFT');
  await app.page.keyboard.press('ArrowRight');
  await expect(app.page.getByRole('button', { name: 'Close MSFT', exact: true })).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect(dialog(app.page)).toHaveAccessibleName('Close MSFT');
  await app.page.keyboard.press('Escape');
  await expect(dialog(app.page)).toHaveCount(0);
  await expect.poll(() => focusedRowId(app.page)).toBe('position-row-MSFT');

  await app.page.keyboard.press('p');
  await expect(dialog(app.page).getByLabel('Quantity to close (shares)')).toBeFocused();
  await app.page.keyboard.press('Escape');
  await expect.poll(() => focusedRowId(app.page)).toBe('position-row-MSFT');
  expect(deleteRequests(app.sim)).toEqual([]);
});

test('Ctrl+A picks only the rows the filter shows, and picked rows above the count ask for the count to be typed', async ({ app }) => {
  const symbols = ['AAPL', 'AMD', 'AMZN', 'ABNB', 'ADBE', 'ABBV', 'MSFT'];
  const account = stagedAccount(app.sim, symbols.map((symbol) => ({ symbol, qty: '1' })));
  await app.open();
  await app.page.getByTestId(`account-item-${account.id}`).click();
  const table = positionsTable(app.page, account);
  await expect(table.getByTestId('position-row-MSFT')).toBeVisible();

  await app.page.getByRole('searchbox', { name: 'Filter positions by symbol' }).fill('A');
  await expect(table.getByTestId('position-row-MSFT')).toHaveCount(0);
  await table.getByTestId('position-row-AAPL').focus();
  await app.page.keyboard.press('Control+a');
  await expect(app.page.getByRole('toolbar', { name: 'Picked positions' })).toContainText('6 picked');

  await app.page.keyboard.press('c');
  const box = dialog(app.page);
  await expect(box).toHaveAccessibleName('Close 6 picked positions');
  const typed = box.getByLabel(/Type 6, the number of items/);
  await expect(typed).toBeFocused();
  const confirm = box.getByRole('button', { name: 'Confirm close of 6' });
  await expect(confirm).toBeDisabled();
  await typed.fill('7');
  await expect(confirm).toBeDisabled();
  await typed.fill('6');
  await expect(confirm).toBeEnabled();
  await box.getByRole('button', { name: 'Cancel' }).click();
  expect(deleteRequests(app.sim)).toEqual([]);
});
