import type { Page } from '@playwright/test';
import { Decimal } from '../shared/decimal';
import { expect, test } from './harness';
import { errorNotice, openAccount, positionsTable, stagedAccount, statusNotice } from './steps';

const FOLLOW_TIMEOUT = { timeout: 20_000 };

/** Two places with thousands separators: how a fill's numbers read in the app's messages. */
const grouped = (value: string) => value.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

async function closeWhole(page: Page, symbol: string) {
  await page.getByRole('button', { name: `Close ${symbol}`, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

async function actionsEntry(page: Page) {
  await page.getByRole('button', { name: 'Actions', exact: true }).click();
  return page.getByTestId('action-entry').first();
}

test('a close is followed from accepted to FILLED: the toast, the Actions panel and the Fills tab show its fill price', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '12' }, { symbol: 'MSFT', qty: '3' }]);
  const price = app.sim.state.requireAsset('AAPL').price;
  await openAccount(app, account);

  await closeWhole(app.page, 'AAPL');
  const filled = `Filled 12 AAPL at ${grouped(new Decimal(price).toFixed())}`;
  await expect(statusNotice(app.page, filled)).toBeVisible(FOLLOW_TIMEOUT);
  await expect(positionsTable(app.page, account).getByTestId('position-row-AAPL')).toHaveCount(0, FOLLOW_TIMEOUT);

  const entry = await actionsEntry(app.page);
  await expect(entry).toContainText('Filled');
  await expect(entry).toContainText(filled);
  await expect(entry).toHaveAttribute('data-state', 'filled');

  await app.page.getByRole('tab', { name: /Fills/ }).click();
  const fills = app.page.getByRole('grid', { name: `Fills in account ${account.account_number}` });
  const row = fills.getByRole('row').filter({ hasText: 'AAPL' });
  await expect(row).toContainText('12');
  await expect(row).toContainText(grouped(new Decimal(price).toFixed()));
  expect(app.sim.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
});

test('a close the broker fills only in part says how much is left open', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  app.sim.state.fillShare = '0.3';
  await openAccount(app, account);

  await closeWhole(app.page, 'AAPL');
  await expect(errorNotice(app.page, /Partly filled: 3 AAPL at .*7 of the closing order did not fill \(order canceled\) and stay open/)).toBeVisible(FOLLOW_TIMEOUT);
  await expect(positionsTable(app.page, account).getByTestId('position-row-AAPL')).toContainText('7', FOLLOW_TIMEOUT);
  const entry = await actionsEntry(app.page);
  await expect(entry).toHaveAttribute('data-state', 'partly_filled');
  await expect(entry).toContainText('Partly filled');
  expect(app.sim.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
});
