import type { Page } from '@playwright/test';
import { expect, test, type Harness } from './harness';
import { formatAmount } from '../shared/numberFormat';
import { flatAccount, openAccount, simAccount, workingOrders } from './steps';

const confirmCloseAccount = (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Confirm close account' });

function closeRequests(app: Harness) {
  return app.sim.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/actions/close'));
}

test('an account that still holds positions, orders and cash names every blocker once and cannot be confirmed', async ({ app }) => {
  const sim = app.sim;
  const account = simAccount(sim, 'small active book with orders and cash', (candidate) => {
    const positions = sim.state.positionsOf(candidate.id).length;
    const working = workingOrders(sim, candidate).length;
    return candidate.status === 'ACTIVE' && positions > 0 && positions <= 10 && working > 0 && sim.state.cashOf(candidate.id) !== '0';
  });
  const positions = sim.state.positionsOf(account.id);
  const working = workingOrders(sim, account);
  const cash = sim.state.cashOf(account.id);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close account…' }).click();

  const dialog = app.page.getByRole('dialog');
  const checklist = dialog.getByRole('list', { name: 'Close-account checklist' });
  await expect(checklist).toContainText(`${positions.length} open positions`);
  for (const position of positions) await expect(checklist).toContainText(position.symbol);
  await expect(checklist).toContainText(`${working.length} open order${working.length === 1 ? '' : 's'}`);
  await expect(checklist).toContainText(`Cash ${formatAmount(cash, 'USD')}`);
  await expect(dialog.getByRole('alert')).toHaveText('Closeout will not close this account while the 3 items marked ✗ above remain.');
  // Each blocker once: the refusal points at the checklist instead of listing the positions, orders and cash again.
  const text = await dialog.innerText();
  expect(text.split(`${positions.length} open positions`)).toHaveLength(2);
  expect(text.split(`${working.length} open order`)).toHaveLength(2);
  expect(text.split(formatAmount(cash, 'USD'))).toHaveLength(2);
  for (const position of positions) expect(text.split(new RegExp(`\\b${position.symbol} (?:long|short)\\b`))).toHaveLength(2);
  await expect(confirmCloseAccount(app.page)).toBeDisabled();
  await expect(dialog.getByLabel(/Type the account number/)).toHaveCount(0);

  expect(closeRequests(app)).toEqual([]);
  expect(sim.state.getAccount(account.id)?.status).toBe('ACTIVE');
  expect(sim.state.closures).toEqual([]);
});

test('an account the broker will not close in its status says so once, as the first item marked ✗', async ({ app }) => {
  const sim = app.sim;
  const account = simAccount(sim, 'disabled', (candidate) => candidate.status === 'DISABLED');
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close account…' }).click();
  const dialog = app.page.getByRole('dialog');
  const statusWords = `Account ${account.account_number} is DISABLED: Alpaca closes only an ACTIVE account, so it cannot be closed in this status.`;
  await expect(dialog.getByRole('list', { name: 'Close-account checklist' }).getByRole('listitem').first()).toContainText(statusWords);
  expect((await dialog.innerText()).split(statusWords)).toHaveLength(2);
  await expect(confirmCloseAccount(app.page)).toBeDisabled();
});

test('the flat account with no cash closes after its number is typed, and the broker marks it ACCOUNT_CLOSED', async ({ app }) => {
  const account = flatAccount(app.sim);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close account…' }).click();
  const dialog = app.page.getByRole('dialog');
  const checklist = dialog.getByRole('list', { name: 'Close-account checklist' });
  await expect(checklist).toContainText('No open orders');
  await expect(checklist).toContainText('No open positions');
  await expect(checklist).toContainText('Cash 0.00 USD');
  await expect(dialog.getByText(/Closeout will send:/)).toHaveText(
    `Closeout will send: close account ${account.account_number} (${account.identity.given_name} ${account.identity.family_name}) at Alpaca Broker API. ` +
      'The broker closes it for good; Closeout cannot reopen it.',
  );
  await expect(confirmCloseAccount(app.page)).toBeDisabled();
  await dialog.getByLabel(/Type the account number/).fill(account.account_number.slice(1));
  await expect(confirmCloseAccount(app.page)).toBeDisabled();

  await dialog.getByLabel(/Type the account number/).fill(account.account_number);
  await confirmCloseAccount(app.page).click();

  await expect(dialog.getByRole('status')).toContainText(`Alpaca accepted the close of account ${account.id}`);
  await expect.poll(() => app.sim.state.getAccount(account.id)?.status).toBe('ACCOUNT_CLOSED');
  expect(app.sim.state.closures).toMatchObject([{ accountId: account.id, previousStatus: 'ACTIVE', cash: '0', positionCount: 0, openOrderCount: 0 }]);
  expect(closeRequests(app)).toHaveLength(1);
  await expect(app.page.getByTestId(`account-item-${account.id}`)).toContainText('account closed');
});
