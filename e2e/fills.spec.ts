import type { Page } from '@playwright/test';
import type { AlpacaSim } from '../sim/alpaca/server';
import { Decimal } from '../shared/decimal';
import { formatPrice, US_EQUITY_SCALE } from '../shared/numberFormat';
import { expect, test } from './harness';
import { errorNotice, openAccount, positionsTable, stagedAccount, statusNotice } from './steps';

const FOLLOW_TIMEOUT = { timeout: 20_000 };


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
  const filled = `Filled 12 AAPL at ${formatPrice(price, US_EQUITY_SCALE)}`;
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
  await expect(row).toContainText(formatPrice(price, US_EQUITY_SCALE));
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

/** How often the core has read one of the account's orders by id: it follows a working order by reading it. */
const orderReads = (sim: AlpacaSim, accountId: string) =>
  sim.requests.filter((request) => request.method === 'GET' && request.path.startsWith(`/v1/trading/accounts/${accountId}/orders/`)).length;

test('a row shows Closing… while its closing order works, and the marker goes when the order ends', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '12' }, { symbol: 'MSFT', qty: '3' }]);
  // Half of the order will fill, so the row stays and its marker can be seen to go.
  app.sim.state.fillShare = '0.5';
  await openAccount(app, account);
  app.sim.holdFills();

  await closeWhole(app.page, 'AAPL');
  const table = positionsTable(app.page, account);
  const marker = table.getByTestId('position-row-AAPL').getByTestId('row-action-badge');
  await expect(marker).toHaveText('Closing…', FOLLOW_TIMEOUT);
  // The core reads the working order again and again; the marker stays all that time.
  await expect.poll(() => orderReads(app.sim, account.id), FOLLOW_TIMEOUT).toBeGreaterThanOrEqual(2);
  await expect(marker).toHaveText('Closing…');
  await expect(table.getByTestId('position-row-MSFT').getByTestId('row-action-badge')).toHaveCount(0);

  app.sim.releaseFills();
  await expect(errorNotice(app.page, /Partly filled: 6 AAPL at .*6 of the closing order did not fill/)).toBeVisible(FOLLOW_TIMEOUT);
  await expect(marker).toHaveCount(0, FOLLOW_TIMEOUT);
  await expect(table.getByTestId('position-row-AAPL')).toContainText('6');
});

test('a close all is followed to FILLED position by position: the toast and the Actions panel give each fill price and P&L', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '12' }, { symbol: 'MSFT', qty: '3' }]);
  // Bought at the old price, sold at the new one: 12 x 10 of realised P&L, estimated from the entry price.
  const aapl = new Decimal(app.sim.state.requireAsset('AAPL').price).plus(10).toFixed();
  app.sim.state.setPrice('AAPL', aapl);
  const msft = new Decimal(app.sim.state.requireAsset('MSFT').price).toFixed();
  await openAccount(app, account);
  app.sim.holdFills();

  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  await app.page.getByRole('dialog').getByLabel(/Type the account number/).fill(account.account_number);
  await app.page.getByRole('dialog').getByRole('button', { name: 'Confirm close all' }).click();
  await expect(app.page.getByTestId('close-all-result-AAPL')).toContainText('accepted');
  await app.page.keyboard.press('Escape');
  await expect(app.page.getByRole('dialog')).toHaveCount(0);
  const table = positionsTable(app.page, account);
  for (const symbol of ['AAPL', 'MSFT']) await expect(table.getByTestId(`position-row-${symbol}`).getByTestId('row-action-badge')).toHaveText('Closing all…');

  app.sim.releaseFills();
  // Prices with the stock's cents, P&L as money in the account currency.
  const aaplFill = `12 AAPL at ${formatPrice(aapl, US_EQUITY_SCALE)} (P&L 120.00 USD, estimated)`;
  const msftFill = `3 MSFT at ${formatPrice(msft, US_EQUITY_SCALE)} (P&L 0.00 USD, estimated)`;
  const notice = statusNotice(app.page, 'Filled 2 of 2 positions');
  await expect(notice).toBeVisible(FOLLOW_TIMEOUT);
  await expect(notice).toContainText(aaplFill);
  await expect(notice).toContainText(msftFill);
  await expect(notice).toContainText('realised P&L 120.00 USD (estimated from the average entry prices)');
  await expect(table.getByTestId('position-row-AAPL')).toHaveCount(0, FOLLOW_TIMEOUT);

  const entry = await actionsEntry(app.page);
  await expect(entry).toHaveAttribute('data-state', 'filled');
  await expect(entry).toContainText(aaplFill);
  await expect(entry).toContainText(msftFill);
  const perPosition = entry.getByRole('list', { name: 'Fill per position' }).getByRole('listitem');
  await expect(perPosition.filter({ hasText: 'AAPL' })).toHaveText(`AAPL filled 12 at ${formatPrice(aapl, US_EQUITY_SCALE)}, P&L 120.00 USD (estimated)`);
  await expect(perPosition.filter({ hasText: 'MSFT' })).toHaveText(`MSFT filled 3 at ${formatPrice(msft, US_EQUITY_SCALE)}, P&L 0.00 USD (estimated)`);
  expect(app.sim.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
});
