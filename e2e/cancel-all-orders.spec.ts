import type { Page } from '@playwright/test';
import type { AlpacaSim } from '../sim/alpaca/server';
import type { AlpacaAccount, AlpacaOrder } from '../sim/alpaca/types';
import { brokerTest, expect, test } from './harness';
import { deleteRequests, openAccount, openAccountRef, requestsOf, stagedAccount, workingOrders } from './steps';

const dialog = (page: Page) => page.getByRole('dialog');
const cancelAllButton = (page: Page) => page.getByRole('button', { name: 'Cancel all orders…' });

/** Long AAPL and TSLA with a working order on each and a buy of GME: three orders for one bulk cancel. */
function accountWithOrders(sim: AlpacaSim, extra = 0): { account: AlpacaAccount; orders: AlpacaOrder[] } {
  const account = stagedAccount(sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'TSLA', qty: '4' },
  ]);
  const orders = [
    sim.state.addOrder(account.id, { symbol: 'AAPL', side: 'sell', qty: '4', type: 'limit', limit_price: '400', time_in_force: 'gtc' }),
    sim.state.addOrder(account.id, { symbol: 'TSLA', side: 'sell', qty: '1', type: 'limit', limit_price: '900', time_in_force: 'day' }),
    sim.state.addOrder(account.id, { symbol: 'GME', side: 'buy', qty: '3', type: 'limit', limit_price: '1', time_in_force: 'day' }),
    ...Array.from({ length: extra }, (_, index) =>
      sim.state.addOrder(account.id, { symbol: 'GME', side: 'buy', qty: String(index + 1), type: 'limit', limit_price: '1', time_in_force: 'day' }),
    ),
  ];
  return { account, orders };
}

test('cancel all orders lists every order and the count, sends one request and ends with a result per order', async ({ app }) => {
  const { account, orders } = accountWithOrders(app.sim);
  const [stuck, ...cancelled] = orders as [AlpacaOrder, ...AlpacaOrder[]];
  app.sim.state.uncancelable.add(stuck.id);
  await openAccount(app, account);

  await cancelAllButton(app.page).click();
  const list = dialog(app.page).getByRole('table', { name: 'Orders to cancel' });
  for (const order of orders) await expect(list.getByTestId(`cancel-all-order-${order.id}`)).toContainText(order.symbol);
  await expect(list.getByRole('columnheader')).toHaveText(['Symbol', 'Order', 'Status', 'Order id']);
  await expect(dialog(app.page).getByTestId('cancel-all-total')).toHaveText('In all: 3 orders.');
  await expect(dialog(app.page).getByText(/^Closeout will send/)).toHaveText(
    `Closeout will send: one request to cancel all 3 working orders in account ${account.account_number}.`,
  );
  expect(deleteRequests(app.sim)).toEqual([]);
  await dialog(app.page).getByRole('button', { name: 'Confirm cancel of all 3' }).click();

  const refused = dialog(app.page).getByTestId(`cancel-all-result-${stuck.id}`);
  await expect(refused).toContainText('rejected');
  await expect(refused).toContainText('order is not cancelable');
  await expect(refused).toContainText('broker code 42210000');
  for (const order of cancelled) await expect(dialog(app.page).getByTestId(`cancel-all-result-${order.id}`)).toContainText('cancelled');
  const sent = deleteRequests(app.sim);
  expect(sent).toMatchObject([{ path: `/v1/trading/accounts/${account.id}/orders` }]);
  await expect(dialog(app.page).getByRole('status').first()).toContainText(`Cancel accepted for 2 of 3 orders; 1 refused. Request id ${sent[0]?.requestId}.`);
  expect(workingOrders(app.sim, account).map((order) => order.id)).toEqual([stuck.id]);
});

test('above the typed-count threshold the confirmation unlocks only once the number of orders is typed', async ({ app }) => {
  const { account } = accountWithOrders(app.sim, 3);
  await openAccount(app, account);

  await cancelAllButton(app.page).click();
  const confirm = dialog(app.page).getByRole('button', { name: 'Confirm cancel of all 6' });
  const typed = dialog(app.page).getByLabel('Type 6, the number of orders, to confirm');
  await typed.fill('5');
  await expect(confirm).toBeDisabled();
  await typed.fill('6');
  await expect(confirm).toBeEnabled();
  await confirm.click();

  await expect(dialog(app.page).getByRole('table', { name: 'Result per order' }).getByText('cancelled')).toHaveCount(6);
  expect(workingOrders(app.sim, account)).toEqual([]);
  expect(deleteRequests(app.sim)).toHaveLength(1);
});

test('an order placed after the confirmation opened stops the cancel all before anything is sent', async ({ app }) => {
  const { account } = accountWithOrders(app.sim);
  await openAccount(app, account);

  await cancelAllButton(app.page).click();
  await expect(dialog(app.page).getByTestId('cancel-all-total')).toHaveText('In all: 3 orders.');
  const late = app.sim.state.addOrder(account.id, { symbol: 'AAPL', side: 'sell', qty: '1', type: 'limit', limit_price: '500', time_in_force: 'gtc' });
  await dialog(app.page).getByRole('button', { name: 'Confirm cancel of all 3' }).click();

  await expect(dialog(app.page).getByRole('alert')).toContainText(`1 working order was not in the confirmation (AAPL ${late.id})`);
  expect(deleteRequests(app.sim)).toEqual([]);
  expect(workingOrders(app.sim, account)).toHaveLength(4);
});

brokerTest('clearstreet')('cancel all orders at Clear Street sends its one bulk request and lists each order it took', async ({ app }) => {
  const sim = app.sim;
  const account = sim.state.listAccounts().find((candidate) => candidate.status === 'ACTIVE' && sim.state.ordersOf(candidate.id).some((order) => order.status === 'NEW'));
  if (account === undefined) throw new Error("The simulator's book has no active account with a working order.");
  const working = sim.state.ordersOf(account.id).filter((order) => ['NEW', 'PARTIALLY_FILLED', 'PENDING_NEW'].includes(order.status));
  await openAccountRef(app, { id: String(account.id), number: String(account.id) });

  await cancelAllButton(app.page).click();
  await expect(dialog(app.page).getByTestId('cancel-all-total')).toHaveText(`In all: ${working.length} ${working.length === 1 ? 'order' : 'orders'}.`);
  const typed = dialog(app.page).getByLabel(/the number of orders, to confirm/);
  if (working.length > 5) await typed.fill(String(working.length));
  await dialog(app.page).getByRole('button', { name: `Confirm cancel of all ${working.length}` }).click();

  for (const order of working) await expect(dialog(app.page).getByTestId(`cancel-all-result-${order.id}`)).toContainText('accepted');
  expect(requestsOf(sim, 'DELETE')).toMatchObject([{ path: `/v1/accounts/${account.id}/orders` }]);
});

brokerTest('exness')('at a broker without a bulk cancel the button is disabled and says why', async ({ app }) => {
  await openAccountRef(app, { id: app.sim.userId, number: app.sim.userId });
  await expect(cancelAllButton(app.page)).toBeDisabled();
  await expect(app.page.locator('.action', { has: cancelAllButton(app.page) })).toHaveAttribute('title', 'The platform has no working orders to cancel.');
});
