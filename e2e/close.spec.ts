import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { deleteRequests, heldQty, openAccount, stagedAccount } from './steps';

const confirmClose = (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Confirm close', exact: true });
const sendSentence = (page: Page) => page.getByRole('dialog').getByText(/^Closeout will send/);

test('a full close states what it sends, and the simulator no longer holds the position once it fills', async ({ app }) => {
  const account = stagedAccount(app.sim, [
    { symbol: 'AAPL', qty: '12' },
    { symbol: 'MSFT', qty: '3' },
  ]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close AAPL', exact: true }).click();
  await expect(app.page.getByRole('radio', { name: 'Full' })).toBeChecked();
  await expect(sendSentence(app.page)).toHaveText(
    `Closeout will send: close all 12 shares of AAPL (long) in account ${account.account_number} at market.`,
  );
  await confirmClose(app.page).click();

  await expect(app.page.getByRole('dialog')).toHaveCount(0);
  await expect(app.page.getByRole('status').filter({ hasText: 'AAPL' })).toBeVisible();
  await expect.poll(() => heldQty(app.sim, account, 'AAPL')).toBeNull();
  expect(heldQty(app.sim, account, 'MSFT')).toBe('3');
  const sent = deleteRequests(app.sim);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ path: `/v1/trading/accounts/${account.id}/positions/AAPL`, query: {} });
});

test('a full close of a short buys the whole position back', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'TSLA', qty: '-9' }]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close TSLA', exact: true }).click();
  await expect(sendSentence(app.page)).toHaveText(
    `Closeout will send: close all 9 shares of TSLA (short) in account ${account.account_number} at market.`,
  );
  await confirmClose(app.page).click();

  await expect.poll(() => heldQty(app.sim, account, 'TSLA')).toBeNull();
  const closing = app.sim.state.ordersOf(account.id).find((order) => order.symbol === 'TSLA');
  expect(closing).toMatchObject({ side: 'buy', qty: '9', status: 'filled' });
});

test('a partial close by quantity leaves exactly the rest of a fractional position', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'SOFI', qty: '16.125' }]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Partial close of SOFI' }).click();
  await expect(app.page.getByRole('radio', { name: /By quantity/ })).toBeChecked();
  await app.page.getByLabel('Quantity to close (shares)').fill('3.375');
  await expect(sendSentence(app.page)).toHaveText(
    `Closeout will send: close 3.375 of 16.125 shares of SOFI (long) in account ${account.account_number} at market.`,
  );
  await expect(app.page.getByRole('dialog').getByText('12.75 shares remain open.')).toBeVisible();
  await confirmClose(app.page).click();

  await expect.poll(() => heldQty(app.sim, account, 'SOFI')).toBe('12.75');
  expect(deleteRequests(app.sim).map((request) => request.query)).toEqual([{ qty: '3.375' }]);
});

test('a partial close by percentage closes the whole shares Alpaca rounds down to', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '7' }]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Partial close of AAPL' }).click();
  await app.page.getByRole('radio', { name: 'By percentage' }).check();
  await app.page.getByLabel('Percentage to close (%)').fill('50');
  await expect(sendSentence(app.page)).toHaveText(
    `Closeout will send: close 50 % (3 shares) of 7 shares of AAPL (long) in account ${account.account_number} at market.`,
  );
  await confirmClose(app.page).click();

  await expect.poll(() => heldQty(app.sim, account, 'AAPL')).toBe('4');
  expect(deleteRequests(app.sim).map((request) => request.query)).toEqual([{ percentage: '50' }]);
});

test('an amount that breaks a rule is named inline, Confirm stays disabled and nothing reaches the broker', async ({ app }) => {
  const account = stagedAccount(app.sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'SOFI', qty: '16.125' },
  ]);
  await openAccount(app, account);
  const dialog = app.page.getByRole('dialog');

  await app.page.getByRole('button', { name: 'Partial close of AAPL' }).click();
  const quantity = app.page.getByLabel('Quantity to close (shares)');
  const quantityCases: Array<[string, string]> = [
    ['11', 'Quantity must be at most the available 10 shares.'],
    ['0', 'Quantity must be greater than 0.'],
    ['2.5', 'Quantity must be a whole number of shares: this position is not fractional.'],
    ['1e3', 'Quantity must be a plain decimal number such as 12 or 0.5.'],
  ];
  for (const [typed, rule] of quantityCases) {
    await quantity.fill(typed);
    await expect(dialog.locator('.field-error')).toHaveText(rule);
    await expect(quantity).toHaveAttribute('aria-invalid', 'true');
    await expect(confirmClose(app.page)).toBeDisabled();
    await expect(sendSentence(app.page)).toHaveText('Closeout will send nothing until the amount is valid.');
  }

  await app.page.getByRole('radio', { name: 'By percentage' }).check();
  const percent = app.page.getByLabel('Percentage to close (%)');
  const percentCases: Array<[string, string]> = [
    ['100.5', 'Percent must be at most 100.'],
    ['12.3456789012', 'Percent must have at most 9 decimal places.'],
    ['0', 'Percent must be greater than 0.'],
    ['5', 'Percent closes less than one whole share of this position.'],
  ];
  for (const [typed, rule] of percentCases) {
    await percent.fill(typed);
    await expect(dialog.locator('.field-error')).toHaveText(rule);
    await expect(confirmClose(app.page)).toBeDisabled();
  }
  await percent.press('Enter');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await app.page.getByRole('button', { name: 'Partial close of SOFI' }).click();
  await app.page.getByLabel('Quantity to close (shares)').fill('16.2');
  await expect(dialog.locator('.field-error')).toHaveText('Quantity must be at most the available 16.125 shares.');
  await expect(confirmClose(app.page)).toBeDisabled();
  await app.page.getByLabel('Quantity to close (shares)').fill('0.0000000001');
  await expect(dialog.locator('.field-error')).toHaveText('Quantity must be a multiple of 0.000000001.');
  await expect(confirmClose(app.page)).toBeDisabled();
  await app.page.getByLabel('Quantity to close (shares)').press('Enter');

  await expect(dialog).toBeVisible();
  expect(deleteRequests(app.sim)).toEqual([]);
  expect(heldQty(app.sim, account, 'AAPL')).toBe('10');
  expect(heldQty(app.sim, account, 'SOFI')).toBe('16.125');
});

test('a full close of a position partly held by a working order says so first, and closing the available part sends only that', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'SOFI', qty: '8.125' }]);
  app.sim.state.addOrder(account.id, { symbol: 'SOFI', side: 'sell', qty: '5', type: 'limit', limit_price: '400', time_in_force: 'gtc' });
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close SOFI', exact: true }).click();
  const note = app.page.getByRole('dialog').getByTestId('held-note');
  await expect(note).toContainText('5 shares of the 8.125 shares are held by working orders');
  await expect(note).toContainText('close only the 3.125 shares available');
  await note.getByRole('button', { name: 'Close the available 3.125' }).click();
  await expect(app.page.getByRole('dialog').getByLabel('Quantity to close (shares)')).toHaveValue('3.125');
  await expect(app.page.getByRole('dialog').getByTestId('held-note')).toHaveCount(0);
  await app.page.getByRole('dialog').getByRole('button', { name: 'Confirm close' }).click();

  await expect.poll(() => heldQty(app.sim, account, 'SOFI')).toBe('5');
  expect(deleteRequests(app.sim).map((request) => request.query)).toEqual([{ qty: '3.125' }]);
});
