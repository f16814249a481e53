import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { addConnectionInSettings, deleteRequests, errorNotice, heldQty, openAccount, openAfterReread, requestIdsSeen, stagedAccount } from './steps';

const confirmClose = (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Confirm close', exact: true });
const dialogAlert = (page: Page) => page.getByRole('dialog').getByRole('alert');

test('a connection whose secret the broker no longer accepts says the credentials were refused, with code and request id', async ({ app }) => {
  const name = 'Alpaca wrong secret';
  await app.open();
  await addConnectionInSettings(app.page, { name, baseUrl: app.sim.url, keyId: app.sim.keyId, secret: app.sim.secret });
  // Adding tests the secret, so a wrong one never gets this far: the keychain entry changes behind the app instead.
  await app.vault.set(name, `${app.sim.secret}-not`);
  await app.page.getByRole('dialog').getByRole('button', { name: 'Close dialog' }).click();

  await app.page.getByTestId(`connection-item-${name}`).click();

  const alert = app.page.getByRole('alert').filter({ hasText: 'Could not load accounts' });
  await expect(alert).toContainText('Alpaca refused the credentials (key id or secret is wrong or revoked).');
  await expect(alert).toContainText('broker code 40110000');
  const requestId = /request id ([\w-]+)/.exec((await alert.textContent()) ?? '')?.[1];
  expect(requestIdsSeen(app.sim)).toContain(requestId);
  await expect(app.page.getByRole('listbox', { name: 'Accounts' }).getByRole('option')).toHaveCount(0);
});

test('a position closed behind the app before Confirm is named as no longer open, and nothing is sent', async ({ app }) => {
  const account = stagedAccount(app.sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'MSFT', qty: '5' },
  ]);
  await openAccount(app, account);
  await openAfterReread(app, account, 'positions', () => app.page.getByRole('button', { name: 'Close AAPL', exact: true }).click());

  app.sim.state.setPositions(account.id, [{ symbol: 'MSFT', qty: '5', avg_entry_price: '400' }]);
  await confirmClose(app.page).click();

  const notice = errorNotice(app.page, `Close AAPL in account ${account.account_number} failed`);
  await expect(notice).toContainText(`Position AAPL is not open in account ${account.account_number}.`);
  await expect(notice).toContainText('Nothing was sent to the broker.');
  await expect(app.page.getByRole('dialog')).toContainText(`AAPL is no longer open in account ${account.account_number}`);
  expect(deleteRequests(app.sim)).toEqual([]);
  expect(heldQty(app.sim, account, 'MSFT')).toBe('5');
});

test('a position that disappears at the broker while the close is on its way comes back as not found, with code and request id', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  await openAccount(app, account);
  await app.page.getByRole('button', { name: 'Close AAPL', exact: true }).click();

  // The simulator records a request as it arrives and handles it after the latency: the position goes in between.
  app.sim.faults.latencyMs = 600;
  await confirmClose(app.page).click();
  await expect.poll(() => deleteRequests(app.sim).length, { intervals: [20] }).toBe(1);
  app.sim.state.setPositions(account.id, []);

  const [sent] = deleteRequests(app.sim);
  await expect(errorNotice(app.page, `Close AAPL in account ${account.account_number} failed`)).toContainText(
    `Position AAPL was not found in account ${account.id}. (broker code 40410000, request id ${sent?.requestId})`,
  );
  await expect(app.page.getByRole('dialog')).toContainText(`AAPL is no longer open in account ${account.account_number}`);
});

test('a broker refusal for quantity held by an order names the rule, with code and request id', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  await openAccount(app, account);
  await app.page.getByRole('button', { name: 'Close AAPL', exact: true }).click();

  app.sim.state.addOrder(account.id, { symbol: 'AAPL', side: 'sell', qty: '10', type: 'limit', limit_price: '400', time_in_force: 'gtc' });
  await confirmClose(app.page).click();

  await expect(dialogAlert(app.page)).toContainText('broker code 40310000');
  const [sent] = deleteRequests(app.sim);
  await expect(dialogAlert(app.page)).toContainText(
    `Alpaca rejected the request: insufficient qty available for order (10 held for orders of 10, 0 available) (broker code 40310000, request id ${sent?.requestId})`,
  );
  await expect(dialogAlert(app.page)).toContainText('The broker refused the request.');
  await expect(confirmClose(app.page)).toBeEnabled();
  expect(heldQty(app.sim, account, 'AAPL')).toBe('10');
});

test('a 422 from the broker names the broken rule, with code and request id', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'SOFI', qty: '16.125' }]);
  await openAccount(app, account);
  await app.page.getByRole('button', { name: 'Partial close of SOFI' }).click();
  await app.page.getByLabel('Quantity to close (shares)').fill('3.375');

  app.sim.state.addAsset({ ...app.sim.state.requireAsset('SOFI'), fractionable: false });
  await confirmClose(app.page).click();

  await expect(dialogAlert(app.page)).toContainText('broker code 42210000');
  const [sent] = deleteRequests(app.sim);
  await expect(dialogAlert(app.page)).toContainText(
    `Alpaca rejected the request: asset SOFI is not fractionable: qty must be a whole number of shares (broker code 42210000, request id ${sent?.requestId})`,
  );
  expect(sent?.query).toEqual({ qty: '3.375' });
  expect(heldQty(app.sim, account, 'SOFI')).toBe('16.125');
});
