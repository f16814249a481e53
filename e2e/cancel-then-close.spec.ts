import type { Page } from '@playwright/test';
import type { AlpacaSim } from '../sim/alpaca/server';
import { expect, test } from './harness';
import { deleteRequests, heldQty, openAccount, stagedAccount, workingOrders } from './steps';

const dialog = (page: Page) => page.getByRole('dialog');

/** COST 8.125 of which 5 are held by two working sells: 3.125 available, as the issue describes. */
function heldCost(sim: AlpacaSim) {
  sim.state.addAsset({ asset_id: '3c5a1f2e-8d6b-4a7c-9e0f-1b2c3d4e5f60', symbol: 'COST', name: 'Costco', asset_class: 'us_equity', exchange: 'NASDAQ', fractionable: true, shortable: true, price: '900', lastday_price: '890' });
  const account = stagedAccount(sim, [
    { symbol: 'COST', qty: '8.125' },
    { symbol: 'AAPL', qty: '3' },
  ]);
  const holding = [
    sim.state.addOrder(account.id, { symbol: 'COST', side: 'sell', qty: '3', type: 'limit', limit_price: '1200', time_in_force: 'gtc' }),
    sim.state.addOrder(account.id, { symbol: 'COST', side: 'sell', qty: '2', type: 'limit', limit_price: '1300', time_in_force: 'gtc' }),
  ];
  // Not holding COST: it must stay working.
  const other = sim.state.addOrder(account.id, { symbol: 'AAPL', side: 'sell', qty: '1', type: 'limit', limit_price: '900', time_in_force: 'gtc' });
  return { account, holding, other };
}

test('the held-quantity case offers cancel-then-close and sends exactly the confirmed requests', async ({ app }) => {
  const { account, holding, other } = heldCost(app.sim);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close COST', exact: true }).click();
  const note = dialog(app.page).getByTestId('held-note');
  await expect(note).toContainText('5 shares of the 8.125 shares are held by working orders');
  await note.getByRole('button', { name: 'Cancel those orders, then close…' }).click();

  await expect(dialog(app.page)).toHaveAccessibleName('Cancel orders, then close COST');
  const list = dialog(app.page).getByRole('table', { name: 'Orders to cancel first' });
  await expect(list.getByRole('row')).toHaveCount(3);
  for (const order of holding) await expect(list.getByTestId(`cancel-first-${order.id}`)).toContainText('COST');
  await expect(dialog(app.page).getByTestId('cancel-then-close-total')).toHaveText('In all: 2 orders to cancel, then one full close of 8.125 shares.');
  expect(deleteRequests(app.sim)).toEqual([]);
  await dialog(app.page).getByRole('button', { name: 'Confirm cancel, then close' }).click();

  await expect(dialog(app.page).getByTestId('cancel-then-close-result')).toContainText('Cancelled 2 orders (read back as no longer working), then: Alpaca accepted the close of COST');
  await expect(dialog(app.page).getByTestId('close-step')).toContainText('accepted');
  const sent = deleteRequests(app.sim).map((request) => request.path);
  expect(sent).toHaveLength(3);
  expect(sent.slice(0, 2).sort()).toEqual(holding.map((order) => `/v1/trading/accounts/${account.id}/orders/${order.id}`).sort());
  expect(sent[2]).toBe(`/v1/trading/accounts/${account.id}/positions/COST`);
  await expect.poll(() => heldQty(app.sim, account, 'COST')).toBeNull();
  expect(workingOrders(app.sim, account).map((order) => order.id)).toEqual([other.id]);
});

test('a refused cancel stops it there: no further cancel and no close is sent', async ({ app }) => {
  const { account, holding } = heldCost(app.sim);
  for (const order of holding) app.sim.state.uncancelable.add(order.id);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close COST', exact: true }).click();
  await dialog(app.page).getByTestId('held-note').getByRole('button', { name: 'Cancel those orders, then close…' }).click();
  await dialog(app.page).getByRole('button', { name: 'Confirm cancel, then close' }).click();

  await expect(dialog(app.page).getByTestId('cancel-then-close-result')).toContainText('was refused');
  await expect(dialog(app.page).getByTestId('cancel-then-close-result')).toContainText('The close of COST was not sent.');
  await expect(dialog(app.page).getByTestId('close-step')).toContainText('not sent');
  const sent = deleteRequests(app.sim).map((request) => request.path);
  expect(sent).toHaveLength(1);
  const refusedId = holding.find((order) => sent[0] === `/v1/trading/accounts/${account.id}/orders/${order.id}`)?.id;
  await expect(dialog(app.page).getByTestId(`cancel-step-${refusedId}`)).toContainText('code 42210000');
  expect(heldQty(app.sim, account, 'COST')).toBe('8.125');
  expect(workingOrders(app.sim, account)).toHaveLength(3);
});
