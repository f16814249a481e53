import type { Page } from '@playwright/test';
import { fillOrder } from '../sim/alpaca/trading';
import type { AlpacaSim } from '../sim/alpaca/server';
import type { AlpacaAccount, AlpacaOrder } from '../sim/alpaca/types';
import { expect, test } from './harness';
import { deleteRequests, errorNotice, openAccount, openAfterReread, stagedAccount } from './steps';

const confirmCancel = (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Confirm cancel' });

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A long AAPL position with a working limit sell for part of it. */
function accountWithWorkingSell(sim: AlpacaSim): { account: AlpacaAccount; order: AlpacaOrder } {
  const account = stagedAccount(sim, [{ symbol: 'AAPL', qty: '10' }]);
  const order = sim.state.addOrder(account.id, { symbol: 'AAPL', side: 'sell', qty: '4', type: 'limit', limit_price: '400', time_in_force: 'gtc' });
  return { account, order };
}

test('cancelling a working order states what it sends and leaves the order canceled at the broker', async ({ app }) => {
  const { account, order } = accountWithWorkingSell(app.sim);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Cancel order AAPL sell 4' }).click();
  await expect(app.page.getByRole('dialog').getByText(/Closeout will send:/)).toHaveText(
    new RegExp(`^Closeout will send: cancel order ${order.id} \\(.+\\) in account ${escaped(account.account_number)}\\. Any part already filled stays filled\\.$`),
  );
  await confirmCancel(app.page).click();

  await expect(app.page.getByRole('dialog')).toHaveCount(0);
  await expect.poll(() => app.sim.state.getOrder(account.id, order.id)?.status).toBe('canceled');
  expect(deleteRequests(app.sim)).toMatchObject([{ path: `/v1/trading/accounts/${account.id}/orders/${order.id}` }]);
  expect(app.sim.state.positionOf(account.id, 'AAPL')?.qty).toBe('10');
});

test('an order that filled while the dialog was open is refused with the broker code and request id', async ({ app }) => {
  const { account, order } = accountWithWorkingSell(app.sim);
  await openAccount(app, account);

  await openAfterReread(app, account, 'orders', () => app.page.getByRole('button', { name: 'Cancel order AAPL sell 4' }).click());
  await expect(confirmCancel(app.page)).toBeEnabled();
  fillOrder(app.sim.state, account.id, order.id);
  await confirmCancel(app.page).click();

  const notice = errorNotice(app.page, `Cancel order AAPL (${order.id}) in account ${account.account_number} failed`);
  await expect(notice).toContainText('Alpaca rejected the request: order is not cancelable');
  const [sent] = deleteRequests(app.sim);
  expect(sent).toBeDefined();
  await expect(notice).toContainText(`(broker code 42210000, request id ${sent?.requestId})`);
  expect(app.sim.state.getOrder(account.id, order.id)?.status).toBe('filled');
  expect(app.sim.state.positionOf(account.id, 'AAPL')?.qty).toBe('6');
});
