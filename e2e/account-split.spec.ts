import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { openAccount, stagedAccount } from './steps';

// The account panel splits its height between positions and working orders, and gives an empty one's share to the
// other: no working orders leave one line saying so and a taller positions table, and the other way round.

const positionsSection = (page: Page) => page.locator('.table-section-positions');
const ordersSection = (page: Page) => page.getByRole('region', { name: 'Orders and closed trades' });

async function heightOf(locator: ReturnType<Page['locator']>): Promise<number> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error('the section is not shown');
  return box.height;
}

/** The height of one line of the section's bar plus its one line of words, with room for a wrapped toolbar. */
const ONE_LINE_SECTION = 80;

test('when the last working order is cancelled the orders area shrinks to one line and the positions table takes its space', async ({ app }) => {
  const { sim, page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  const account = stagedAccount(sim, [
    { symbol: 'AAPL', qty: '12' },
    { symbol: 'MSFT', qty: '3' },
  ]);
  sim.state.addOrder(account.id, { symbol: 'AAPL', side: 'sell', qty: '2', type: 'limit', limit_price: '400', time_in_force: 'gtc' });
  await openAccount(app, account);
  await expect(ordersSection(page).getByRole('row')).toHaveCount(2);
  const before = { positions: await heightOf(positionsSection(page)), orders: await heightOf(ordersSection(page)) };
  expect(before.orders).toBeGreaterThan(ONE_LINE_SECTION * 2);

  await page.getByRole('button', { name: 'Cancel order AAPL sell 2' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm cancel' }).click();
  await expect(ordersSection(page).getByText('No working orders in this account.')).toBeVisible();

  await expect.poll(() => heightOf(ordersSection(page))).toBeLessThan(ONE_LINE_SECTION);
  const after = { positions: await heightOf(positionsSection(page)), orders: await heightOf(ordersSection(page)) };
  expect(after.positions).toBeGreaterThan(before.positions + (before.orders - after.orders) * 0.9);
});

test('an account with working orders and no positions gives the orders the height, positions keeping one line', async ({ app }) => {
  const { sim, page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  const account = stagedAccount(sim, []);
  sim.state.addOrder(account.id, { symbol: 'GME', side: 'buy', qty: '3', type: 'limit', limit_price: '1', time_in_force: 'day' });
  await openAccount(app, account);
  await expect(positionsSection(page).getByText('No open positions in this account.')).toBeVisible();
  await expect(ordersSection(page).getByRole('row')).toHaveCount(2);

  const positions = await heightOf(positionsSection(page));
  const orders = await heightOf(ordersSection(page));
  expect(positions).toBeLessThan(ONE_LINE_SECTION);
  expect(orders).toBeGreaterThan(positions * 4);
});
