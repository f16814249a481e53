import type { Page } from '@playwright/test';
import type { AlpacaSim } from '../sim/alpaca/server';
import type { AlpacaAccount, AlpacaOrder } from '../sim/alpaca/types';
import { expect, test } from './harness';
import { deleteRequests, heldQty, openAccount, stagedAccount } from './steps';

const confirmCloseAll = (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Confirm close all' });
const typedConfirmation = (page: Page) => page.getByRole('dialog').getByLabel(/Type the account number/);
const cancelFirst = (page: Page) => page.getByRole('dialog').getByRole('checkbox', { name: /Cancel open orders first/ });

/** Three positions, all of AAPL held by a working sell: Alpaca refuses to close AAPL unless that order goes first. */
function accountWithHeldPosition(sim: AlpacaSim): { account: AlpacaAccount; holdingOrder: AlpacaOrder } {
  const account = stagedAccount(sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'MSFT', qty: '4' },
    { symbol: 'SOFI', qty: '2.5' },
  ]);
  const holdingOrder = sim.state.addOrder(account.id, {
    symbol: 'AAPL',
    side: 'sell',
    qty: '10',
    type: 'limit',
    limit_price: '400',
    time_in_force: 'gtc',
  });
  return { account, holdingOrder };
}

test('close all unlocks only when the account number is typed exactly, then closes every position', async ({ app }) => {
  const account = stagedAccount(app.sim, [
    { symbol: 'AAPL', qty: '5' },
    { symbol: 'SOFI', qty: '2.5' },
    { symbol: 'TSLA', qty: '-3' },
  ]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  await expect(app.page.getByRole('dialog').getByText(/Closeout will send:/)).toHaveText(
    `Closeout will send: close all 3 positions in account ${account.account_number} at market, cancelling 0 open orders first.`,
  );
  const listed = app.page.getByRole('dialog').getByRole('table', { name: 'Positions to close' });
  await expect(listed.getByRole('columnheader')).toHaveText(['Symbol', 'Side', 'Quantity', 'Last price', 'Est. realised P&L']);
  await expect(listed.getByRole('row')).toHaveCount(4);
  await expect(confirmCloseAll(app.page)).toBeDisabled();
  await typedConfirmation(app.page).fill(account.account_number.slice(0, -1));
  await expect(confirmCloseAll(app.page)).toBeDisabled();
  await typedConfirmation(app.page).fill(`${account.account_number} `);
  await expect(confirmCloseAll(app.page)).toBeDisabled();
  await typedConfirmation(app.page).fill(account.account_number.toLowerCase());
  await expect(confirmCloseAll(app.page)).toBeDisabled();
  expect(deleteRequests(app.sim)).toEqual([]);

  await typedConfirmation(app.page).fill(account.account_number);
  await expect(confirmCloseAll(app.page)).toBeEnabled();
  await confirmCloseAll(app.page).click();

  for (const symbol of ['AAPL', 'SOFI', 'TSLA']) {
    await expect(app.page.getByTestId(`close-all-result-${symbol}`)).toContainText('accepted');
  }
  await expect.poll(() => app.sim.state.positionsOf(account.id)).toEqual([]);
  expect(deleteRequests(app.sim)).toMatchObject([{ path: `/v1/trading/accounts/${account.id}/positions`, query: { cancel_orders: 'true' } }]);
});

test('without cancelling orders first, the held position is refused with the broker reason and code while the rest close', async ({ app }) => {
  const { account, holdingOrder } = accountWithHeldPosition(app.sim);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  await cancelFirst(app.page).uncheck();
  await expect(app.page.getByRole('dialog').getByText(/Closeout will send:/)).toHaveText(
    `Closeout will send: close all 3 positions in account ${account.account_number} at market.`,
  );
  await typedConfirmation(app.page).fill(account.account_number);
  await confirmCloseAll(app.page).click();

  const refused = app.page.getByTestId('close-all-result-AAPL');
  await expect(refused).toContainText('rejected');
  await expect(refused).toContainText('insufficient qty available for order');
  await expect(refused).toContainText('broker code 40310000');
  await expect(refused).toContainText('HTTP 403');
  await expect(app.page.getByTestId('close-all-result-MSFT')).toContainText('accepted');
  await expect(app.page.getByTestId('close-all-result-SOFI')).toContainText('accepted');
  const [sent] = deleteRequests(app.sim);
  await expect(app.page.getByRole('dialog').getByRole('status')).toContainText('1 rejected');
  await expect(app.page.getByRole('dialog').getByRole('status')).toContainText(`Request id ${sent?.requestId}`);

  await expect.poll(() => app.sim.state.positionsOf(account.id).map((position) => position.symbol)).toEqual(['AAPL']);
  expect(heldQty(app.sim, account, 'AAPL')).toBe('10');
  expect(app.sim.state.getOrder(account.id, holdingOrder.id)?.status).toBe('new');
  expect(deleteRequests(app.sim)).toMatchObject([{ query: { cancel_orders: 'false' } }]);
});

test('cancelling orders first frees the held position, so everything closes and the order is canceled', async ({ app }) => {
  const { account, holdingOrder } = accountWithHeldPosition(app.sim);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  await expect(cancelFirst(app.page)).toBeChecked();
  await expect(app.page.getByRole('dialog').getByText(/Closeout will send:/)).toHaveText(
    `Closeout will send: close all 3 positions in account ${account.account_number} at market, cancelling 1 open order first.`,
  );
  await typedConfirmation(app.page).fill(account.account_number);
  await confirmCloseAll(app.page).click();

  for (const symbol of ['AAPL', 'MSFT', 'SOFI']) {
    await expect(app.page.getByTestId(`close-all-result-${symbol}`)).toContainText('accepted');
  }
  await expect.poll(() => app.sim.state.positionsOf(account.id)).toEqual([]);
  expect(app.sim.state.getOrder(account.id, holdingOrder.id)?.status).toBe('canceled');
});
