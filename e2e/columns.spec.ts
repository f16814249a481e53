import type { Locator, Page } from '@playwright/test';
import { brokerTest, expect, test } from './harness';
import { openAccount, openAccountRef, positionsTable, revealRow, simAccount, workingOrders, type AccountRef } from './steps';

const WINDOW = { width: 1280, height: 800 };

const ordersGrid = (page: Page, accountNumber: string) => page.getByRole('grid', { name: `Orders in account ${accountNumber}` });
const positionsGrid = (page: Page, accountNumber: string) => page.getByRole('grid', { name: `Positions in account ${accountNumber}` });

/** Every header and cell the grid renders lies inside it, sideways, and shows its whole text: nothing cut off. */
async function expectNothingCut(grid: Locator): Promise<void> {
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  const problems = await grid.evaluate((element) => {
    const found: string[] = [];
    if (element.scrollWidth > element.clientWidth) found.push(`the table scrolls sideways (${element.scrollWidth} px of ${element.clientWidth})`);
    const box = element.getBoundingClientRect();
    for (const cell of element.querySelectorAll('[role=columnheader], [role=gridcell]')) {
      const text = cell.textContent?.trim() || cell.getAttribute('role') || '';
      const rect = cell.getBoundingClientRect();
      if (cell.scrollWidth > cell.clientWidth) found.push(`"${text}" is cut (${cell.scrollWidth} px in ${cell.clientWidth})`);
      if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) found.push(`"${text}" is out of view`);
    }
    return found;
  });
  expect(problems).toEqual([]);
}

async function headers(grid: Locator): Promise<string[]> {
  return (await grid.getByRole('columnheader').allTextContents()).map((text) => text.replace(/[▲▼]/g, '').trim()).filter((text) => text !== '' && text !== 'Actions');
}

const STOCK_POSITIONS = ['Symbol', 'Side', 'Quantity', 'Avg price', 'Last price', 'Market value', 'Unrealised P&L', 'P&L %'];
const TICKET_POSITIONS = ['Ticket', 'Symbol', 'Side', 'Quantity', 'Avg price', 'Last price', 'Unrealised P&L'];
const ORDERS = ['Order', 'Symbol', 'Side', 'Type', 'Quantity', 'Limit', 'Stop', 'Status', 'Created'];

test('Alpaca at 1280x800 shows every default column of positions and orders uncut', async ({ app }) => {
  await app.page.setViewportSize(WINDOW);
  const account = simAccount(app.sim, 'active with orders', (candidate) => candidate.status === 'ACTIVE' && workingOrders(app.sim, candidate).length > 0);
  await openAccount(app, account);
  expect(await headers(positionsTable(app.page, account))).toEqual(STOCK_POSITIONS);
  await expectNothingCut(positionsTable(app.page, account));
  const orders = ordersGrid(app.page, account.account_number);
  expect(await headers(orders)).toEqual(ORDERS);
  await expectNothingCut(orders);
});

test('the positions column chooser hides and shows columns, and Alpaca tables keep the choice after a reload', async ({ app }) => {
  await app.page.setViewportSize(WINDOW);
  const account = simAccount(app.sim, 'active', (candidate) => candidate.status === 'ACTIVE');
  await openAccount(app, account);
  const table = positionsTable(app.page, account);
  await app.page.getByRole('button', { name: 'Positions columns' }).click();
  const chooser = app.page.getByRole('group', { name: 'Positions columns' });
  await chooser.getByRole('checkbox', { name: 'P&L %' }).uncheck();
  await chooser.getByRole('checkbox', { name: 'Available' }).check();
  await app.page.keyboard.press('Escape');
  await expect(chooser).toBeHidden();
  const chosen = ['Symbol', 'Side', 'Quantity', 'Available', 'Avg price', 'Last price', 'Market value', 'Unrealised P&L'];
  await expect.poll(() => headers(table)).toEqual(chosen);

  await openAccount(app, account);
  await expect.poll(() => headers(positionsTable(app.page, account))).toEqual(chosen);
  await expectNothingCut(positionsTable(app.page, account));
  await app.page.getByRole('button', { name: 'Positions columns' }).click();
  await expect(app.page.getByRole('group', { name: 'Positions columns' }).getByRole('checkbox', { name: 'P&L %' })).not.toBeChecked();
});

test('an order id shows short, whole on hover and whole when copied', async ({ app }) => {
  const account = simAccount(app.sim, 'active with orders', (candidate) => candidate.status === 'ACTIVE' && workingOrders(app.sim, candidate).length > 0);
  await openAccount(app, account);
  const order = workingOrders(app.sim, account)[0];
  if (order === undefined) throw new Error('no order');
  const id = (await revealRow(ordersGrid(app.page, account.account_number), `order-row-${order.id}`)).locator('[data-full-id]');
  await expect(id).toHaveText(`…${order.id.slice(-6)}`);
  await expect(id).toHaveAttribute('title', order.id);
  const copied = await id.evaluate((element) => {
    const data = new DataTransfer();
    element.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  });
  expect(copied).toBe(order.id);
});

const scaletrade = brokerTest('scaletrade');

scaletrade('ScaleTrade at 1280x800 shows the ticket by default, uncut, and SL, TP, swap and commission a choice away', async ({ app }) => {
  await app.page.setViewportSize(WINDOW);
  const account: AccountRef = { id: String(app.sim.login), number: String(app.sim.login) };
  await openAccountRef(app, account);
  const table = positionsGrid(app.page, account.number);
  expect(await headers(table)).toEqual(TICKET_POSITIONS);
  await expectNothingCut(table);
  await expectNothingCut(ordersGrid(app.page, account.number));

  await app.page.getByRole('button', { name: 'Positions columns' }).click();
  const chooser = app.page.getByRole('group', { name: 'Positions columns' });
  await chooser.getByRole('checkbox', { name: 'SL' }).check();
  await chooser.getByRole('checkbox', { name: 'TP' }).check();
  await chooser.getByRole('checkbox', { name: 'Swap' }).check();
  await chooser.getByRole('checkbox', { name: 'Commission' }).check();
  await chooser.getByRole('checkbox', { name: 'Opened' }).check();
  await app.page.keyboard.press('Escape');
  const trade = app.sim.state.tradesOf(app.sim.login).find((candidate) => candidate.commission !== '0');
  if (trade === undefined) throw new Error('no trade with commission');
  const row = table.getByTestId(`position-row-${trade.order}`);
  await row.scrollIntoViewIfNeeded();
  const cells = row.getByRole('gridcell');
  const names = await headers(table);
  const commission = await cells.nth(names.indexOf('Commission')).locator('.num').getAttribute('title');
  expect(commission).toBe(trade.commission);
  await expect(cells.nth(names.indexOf('Ticket'))).toHaveText(String(trade.order));
});

const exness = brokerTest('exness');

exness('Exness at 1280x800 shows every default column uncut, prices to the quoted places', async ({ app }) => {
  await app.page.setViewportSize(WINDOW);
  const account: AccountRef = { id: app.sim.userId, number: app.sim.userId };
  await openAccountRef(app, account);
  const table = positionsGrid(app.page, account.number);
  expect(await headers(table)).toEqual(TICKET_POSITIONS);
  await expectNothingCut(table);
});

const clearstreet = brokerTest('clearstreet');

clearstreet('Clear Street at 1280x800 shows every default column uncut', async ({ app }) => {
  await app.page.setViewportSize(WINDOW);
  const account = app.sim.state.listAccounts().find((candidate) => candidate.status === 'ACTIVE' && app.sim.state.positionsOf(candidate.id).length > 0);
  if (account === undefined) throw new Error('no active account with positions');
  const ref: AccountRef = { id: String(account.id), number: String(account.id) };
  await openAccountRef(app, ref);
  const table = positionsGrid(app.page, ref.number);
  expect(await headers(table)).toEqual(STOCK_POSITIONS);
  await expectNothingCut(table);
});
