import type { Page } from '@playwright/test';
import { expect, test, type Harness } from './harness';
import { formatAmount } from '../shared/numberFormat';
import { flatAccount, openAccount, simAccount, workingOrders } from './steps';

const confirmCloseAccount = (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Confirm close account' });

function closeRequests(app: Harness) {
  return app.sim.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/actions/close'));
}

test('an account that still holds positions, orders and cash names every blocker and cannot be confirmed', async ({ app }) => {
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
  const blockers = dialog.getByRole('alert');
  await expect(blockers).toContainText('Closeout will not close this account while:');
  await expect(blockers).toContainText(`${positions.length} open positions remain`);
  for (const position of positions) await expect(blockers).toContainText(position.symbol);
  await expect(blockers).toContainText(`${working.length} open order${working.length === 1 ? ' remains' : 's remain'}`);
  await expect(blockers).toContainText(`Cash of ${formatAmount(cash, 'USD')} must be withdrawn first.`);
  const checklist = dialog.getByRole('list', { name: 'Close-account checklist' });
  await expect(checklist).toContainText(`${positions.length} open positions`);
  await expect(confirmCloseAccount(app.page)).toBeDisabled();
  await expect(dialog.getByLabel(/Type the account number/)).toHaveCount(0);

  expect(closeRequests(app)).toEqual([]);
  expect(sim.state.getAccount(account.id)?.status).toBe('ACTIVE');
  expect(sim.state.closures).toEqual([]);
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
