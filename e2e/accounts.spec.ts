import { Decimal } from 'decimal.js';
import type { Locator, Page } from '@playwright/test';
import type { AlpacaSim } from '../sim/alpaca/server';
import type { AlpacaAccount } from '../sim/alpaca/types';
import { expect, test } from './harness';
import { openAccount, ordersTable, positionsTable, simAccount, workingOrders } from './steps';

const listbox = (app: { page: Page }) => app.page.getByRole('listbox', { name: 'Accounts' });

function searchesSent(sim: AlpacaSim, query: string): number {
  return sim.requests.filter((request) => request.path === '/v1/accounts' && request.query.query === query).length;
}

function withSeparators(value: string): string {
  const [whole = '', fraction] = value.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A mixed book small enough that every row is rendered: shorts, fractional longs and working orders. */
function mixedAccount(sim: AlpacaSim): AlpacaAccount {
  return simAccount(sim, 'mixed', (account) => {
    const positions = sim.state.positionsOf(account.id);
    return (
      account.status === 'ACTIVE' &&
      positions.length > 0 &&
      positions.length <= 20 &&
      positions.some((position) => position.side === 'short') &&
      positions.some((position) => !new Decimal(position.qty).isInteger()) &&
      workingOrders(sim, account).length > 0
    );
  });
}

/** One column's text without thousands separators, top row first, in the order the table shows its rows. */
async function columnInRowOrder(table: Locator, prefix: string, column: number): Promise<string[]> {
  const rows = table.locator(`[role="row"][data-testid^="${prefix}"]`);
  const pairs = await rows.evaluateAll(
    (elements, index) =>
      elements.map((row) => ({
        at: Number(row.getAttribute('aria-rowindex')),
        text: (row.querySelectorAll('[role="gridcell"]')[index]?.textContent ?? '').replace(/,/g, ''),
      })),
    column,
  );
  return pairs.sort((a, b) => a.at - b.at).map((pair) => pair.text);
}

test('the account picker lists every account of the connection with its status', async ({ app }) => {
  await app.open();
  const accounts = app.sim.state.listAccounts();
  await expect(listbox(app).getByRole('option')).toHaveCount(accounts.length);
  for (const account of accounts) {
    const item = app.page.getByTestId(`account-item-${account.id}`);
    await expect(item).toContainText(account.account_number);
    await expect(item).toContainText(account.status.replace(/_/g, ' ').toLowerCase());
    await expect(item).toContainText(`${account.identity.given_name} ${account.identity.family_name}`);
  }
});

test('searching by a holder name narrows the list to that holder and asks the broker too', async ({ app }) => {
  const target = simAccount(app.sim, 'closed', (account) => account.status === 'ACCOUNT_CLOSED');
  const name = target.identity.family_name;
  await app.open();
  await expect(listbox(app).getByRole('option')).toHaveCount(app.sim.state.listAccounts().length);

  await app.page.getByRole('combobox', { name: 'Search accounts' }).fill(name);

  await expect(listbox(app).getByRole('option')).toHaveCount(1);
  await expect(app.page.getByTestId(`account-item-${target.id}`)).toContainText('account closed');
  // The loaded list narrows at once; the broker's own search follows the pause in typing.
  await expect.poll(() => searchesSent(app.sim, name)).toBeGreaterThan(0);
});

test('searching by an account number narrows the list to that account', async ({ app }) => {
  const target = mixedAccount(app.sim);
  await app.open();
  await expect(listbox(app).getByRole('option')).toHaveCount(app.sim.state.listAccounts().length);

  await app.page.getByRole('combobox', { name: 'Search accounts' }).fill(target.account_number);

  await expect(listbox(app).getByRole('option')).toHaveCount(1);
  await expect(app.page.getByTestId(`account-item-${target.id}`)).toContainText(target.account_number);
  await expect.poll(() => searchesSent(app.sim, target.account_number)).toBeGreaterThan(0);

  await app.page.getByRole('combobox', { name: 'Search accounts' }).fill('no-such-holder');
  await expect(app.page.getByText('No account matches “no-such-holder”.')).toBeVisible();
});

test('selecting an account shows its long, short and fractional positions and its working orders', async ({ app }) => {
  const account = mixedAccount(app.sim);
  const positions = app.sim.state.positionsOf(account.id);
  const working = workingOrders(app.sim, account);
  await openAccount(app, account);

  const table = positionsTable(app.page, account);
  await expect(table.locator('[data-testid^="position-row-"]')).toHaveCount(positions.length);
  for (const position of positions) {
    const row = table.getByTestId(`position-row-${position.symbol}`);
    await expect(row.getByRole('gridcell').nth(1)).toHaveText(position.side);
    await expect(row.getByRole('gridcell').nth(2)).toHaveText(withSeparators(new Decimal(position.qty).abs().toFixed()));
  }

  const orders = ordersTable(app.page, account);
  await expect(orders.locator('[data-testid^="order-row-"]')).toHaveCount(working.length);
  for (const order of working) {
    const row = orders.getByTestId(`order-row-${order.id}`);
    await expect(row.getByRole('gridcell').first()).toHaveText(`…${order.id.slice(-6)}`);
    await expect(row.getByRole('gridcell').nth(1)).toHaveText(order.symbol);
    await expect(row.getByRole('button', { name: `Cancel order ${order.symbol} ${order.side} ${order.qty}` })).toBeEnabled();
  }
});

test('clicking a column header sorts the positions by it and says so in aria-sort', async ({ app }) => {
  const account = mixedAccount(app.sim);
  const sizes = app.sim.state.positionsOf(account.id).map((position) => new Decimal(position.qty).abs());
  await openAccount(app, account);
  const table = positionsTable(app.page, account);
  const quantityHeader = table.getByRole('columnheader', { name: 'Quantity' });
  await expect(table.getByRole('columnheader', { name: 'Symbol' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(quantityHeader).toHaveAttribute('aria-sort', 'none');

  await quantityHeader.getByRole('button').click();

  await expect(quantityHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('columnheader', { name: 'Symbol' })).toHaveAttribute('aria-sort', 'none');
  const descending = [...sizes].sort((a, b) => b.comparedTo(a)).map((size) => size.toFixed());
  await expect.poll(() => columnInRowOrder(table, 'position-row-', 2)).toEqual(descending);

  await quantityHeader.getByRole('button').click();

  await expect(quantityHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => columnInRowOrder(table, 'position-row-', 2)).toEqual([...descending].reverse());
});
