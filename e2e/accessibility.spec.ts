import type { Locator, Page } from '@playwright/test';
import { Decimal } from '../shared/decimal';
import { checkAccessibility } from './axe';
import { addSimAccount, closingProceeds } from './closeoutSteps';
import { brokerTest, expect, test } from './harness';
import {
  addConnectionInSettings,
  errorNotice,
  openAccount,
  openAccountRef,
  ordersTable,
  positionsTable,
  positionsTableOf,
  stagedAccount,
  statusNotice,
  type AccountRef,
  type AnyHarness,
} from './steps';

// Every view and dialog of the app, checked with axe against WCAG 2.2 AA and axe's best practices. Each check is a
// soft failure, so one run names every violation of every view it passes through.

const dialog = (page: Page) => page.getByRole('dialog');

/**
 * Checks the open dialog alone: the page behind it is hidden from assistive technology while it is open, and was
 * checked on its own before the dialog opened.
 */
async function checkDialog(page: Page, view: string, name?: string | RegExp): Promise<void> {
  if (name !== undefined) await expect(dialog(page)).toHaveAccessibleName(name);
  await checkAccessibility(page, view, '[role="dialog"]');
}

async function dismiss(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
}

test('an Alpaca account, its picked rows and every confirmation opened on it have no axe violations', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, sim } = app;
  // Made first: both take the book's flat account as their template.
  const empty = addSimAccount(sim, 'AXEEMPTY', '0', []);
  const account = stagedAccount(sim, [
    { symbol: 'AAPL', qty: '4' },
    { symbol: 'ABNB', qty: '2' },
    { symbol: 'AMD', qty: '3' },
    { symbol: 'AMZN', qty: '1' },
    { symbol: 'MSFT', qty: '-3' },
    { symbol: 'NVDA', qty: '5' },
    { symbol: 'SOFI', qty: '2.5' },
  ]);
  // Winners and losers in turn, so green and red figures sit on picked rows too.
  sim.state.setPositions(
    account.id,
    sim.state.positionsOf(account.id).map(({ symbol, qty, avg_entry_price }, index) => ({
      symbol,
      qty,
      avg_entry_price: new Decimal(avg_entry_price).times(index % 2 === 0 ? '0.9' : '1.1').toFixed(2),
    })),
  );
  sim.state.addOrder(account.id, { symbol: 'AAPL', side: 'sell', qty: '1', type: 'limit', limit_price: '400', time_in_force: 'gtc' });
  sim.state.addOrder(account.id, { symbol: 'NVDA', side: 'sell', qty: '2', type: 'limit', limit_price: '900', time_in_force: 'gtc' });

  await app.open();
  await expect(page.getByTestId(`account-item-${account.id}`)).toBeVisible();
  await checkAccessibility(page, 'the start, no account open');

  await page.keyboard.press('a');
  await page.keyboard.type(account.account_number.slice(0, 4));
  await page.keyboard.press('ArrowDown');
  await checkAccessibility(page, 'the account picker, searched, an account under the arrow');
  await page.getByRole('combobox', { name: 'Search accounts' }).fill('');

  await openAccount(app, account);
  await expect(ordersTable(page, account).getByRole('row')).toHaveCount(3);
  await checkAccessibility(page, 'an account with positions and orders');

  await page.getByRole('button', { name: 'Positions columns' }).click();
  await expect(page.getByRole('group', { name: 'Positions columns' })).toBeVisible();
  await checkAccessibility(page, 'the positions column chooser, open', '[role="group"][aria-label="Positions columns"]');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Positions columns' })).toBeHidden();

  const positions = positionsTable(page, account);
  await positions.getByTestId('position-row-AAPL').click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(positions.locator('[aria-selected="true"]')).toHaveCount(3);
  await positions.getByTestId('position-row-ABNB').hover();
  await checkAccessibility(page, 'three picked positions, one focused, one under the pointer');

  await page.keyboard.press('?');
  await checkDialog(page, 'the keyboard shortcuts overlay', 'Keyboard shortcuts');
  await dismiss(page);

  await page.keyboard.press('c');
  await checkDialog(page, 'the close of picked positions', 'Close 3 picked positions');
  await dismiss(page);
  // Focus comes back to the row the dialog was opened from, where Ctrl+A picks every row.
  await expect.poll(() => positions.evaluate((grid) => grid.contains(document.activeElement))).toBe(true);

  await page.keyboard.press('Control+a');
  await page.keyboard.press('c');
  await expect(dialog(page).getByLabel(/Type 7, the number of items/)).toBeVisible();
  await checkDialog(page, 'the close of picked positions above the typed count', 'Close 7 picked positions');
  await dismiss(page);

  await page.getByRole('button', { name: 'Close AAPL', exact: true }).click();
  await checkDialog(page, 'the close of one position', 'Close AAPL');
  await dismiss(page);

  await page.getByRole('button', { name: 'Partial close of SOFI' }).click();
  await expect(dialog(page).getByLabel('Quantity to close (shares)')).toBeFocused();
  await checkDialog(page, 'the partial close of one position', 'Close SOFI');
  await dialog(page).getByLabel('Quantity to close (shares)').fill('99');
  await checkDialog(page, 'the partial close with a quantity above the position');
  await dismiss(page);

  await page.getByRole('searchbox', { name: 'Filter positions by symbol' }).fill('ZZZZ');
  await checkAccessibility(page, 'positions filtered to none');
  await page.getByRole('searchbox', { name: 'Filter positions by symbol' }).fill('');

  const orders = ordersTable(page, account);
  await orders.getByRole('row').nth(1).click();
  await page.keyboard.press('Shift+ArrowDown');
  await checkAccessibility(page, 'two picked orders');
  await page.keyboard.press('x');
  await checkDialog(page, 'the cancel of picked orders', /^Cancel 2 picked orders/);
  await dismiss(page);

  await page.getByRole('button', { name: 'Cancel order AAPL sell 1' }).click();
  await checkDialog(page, 'the cancel of one order', /^Cancel order/);
  await dismiss(page);

  await page.getByRole('button', { name: 'Cancel all orders…' }).click();
  await checkDialog(page, 'the cancel of all orders', /^Cancel all orders/);
  await dismiss(page);

  await page.getByRole('button', { name: 'Close all positions…' }).click();
  await checkDialog(page, 'close all', /^Close all/);
  await dismiss(page);

  await page.getByRole('button', { name: 'Close account…' }).click();
  await expect(dialog(page).getByRole('alert')).toContainText('Closeout will not close this account while');
  await checkDialog(page, 'close account, refused for its blockers', /^Close account/);
  await dismiss(page);

  await page.getByTestId(`account-item-${empty.id}`).click();
  await expect(page.getByText('No open positions in this account.')).toBeVisible();
  await checkAccessibility(page, 'an empty account');
  await page.getByRole('button', { name: 'Close account…' }).click();
  await expect(dialog(page).getByLabel(/Type the account number/)).toBeVisible();
  await checkDialog(page, 'close account, ready to be typed', /^Close account/);
  await dismiss(page);
});

test('sent actions, their results, toasts, the Actions panel, Fills and Activity have no axe violations', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, sim } = app;
  const account = stagedAccount(sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'MSFT', qty: '3' },
    { symbol: 'TSLA', qty: '-2' },
  ]);
  await openAccount(app, account);

  await page.getByRole('button', { name: 'Close MSFT', exact: true }).click();
  await dialog(page).getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(statusNotice(page, /Filled 3 MSFT/)).toBeVisible({ timeout: 20_000 });
  await checkAccessibility(page, 'a toast for a filled close');

  sim.state.addOrder(account.id, { symbol: 'AAPL', side: 'sell', qty: '10', type: 'limit', limit_price: '400', time_in_force: 'gtc' });
  await page.getByRole('button', { name: 'Close AAPL', exact: true }).click();
  await dialog(page).getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect(dialog(page).getByRole('alert')).toContainText('broker code 40310000');
  await expect(errorNotice(page, `Close AAPL in account ${account.account_number} failed`)).toBeAttached();
  await checkDialog(page, 'a close the broker refused, in its dialog', 'Close AAPL');
  await dismiss(page);
  await checkAccessibility(page, 'an error toast');

  await page.getByRole('button', { name: 'Actions', exact: true }).click();
  await expect(page.getByTestId('action-entry').first()).toBeVisible();
  await checkAccessibility(page, 'the Actions panel');

  await page.getByRole('tab', { name: /Fills/ }).click();
  await expect(page.getByRole('grid', { name: `Fills in account ${account.account_number}` })).toBeVisible();
  await checkAccessibility(page, 'the Fills tab');
  await page.getByRole('tab', { name: /Orders/ }).click();

  // By keyboard: the refused close's toast may still lie over the button (toast placement is its own part of issue 13).
  await page.getByRole('button', { name: 'Cancel all orders…' }).focus();
  await page.keyboard.press('Enter');
  await dialog(page).getByRole('button', { name: 'Confirm cancel of all 1' }).click();
  await expect(dialog(page).getByRole('table', { name: 'Result per order' })).toBeVisible({ timeout: 20_000 });
  await checkDialog(page, 'the results of cancel all orders');
  await dismiss(page);

  await page.getByRole('button', { name: 'Close all positions…' }).click();
  await dialog(page).getByLabel(/Type the account number/).fill(account.account_number);
  await dialog(page).getByRole('button', { name: 'Confirm close all' }).click();
  await expect(dialog(page).getByTestId('close-all-result-AAPL')).toContainText('accepted', { timeout: 20_000 });
  await checkDialog(page, 'the results of close all', /^Close all/);
  await dismiss(page);

  await page.getByRole('button', { name: 'Activity', exact: true }).click();
  const trail = dialog(page).getByRole('grid', { name: 'Audit trail' });
  await expect(trail.locator('[data-testid^="audit-row-"]').first()).toBeVisible();
  await checkDialog(page, 'Activity', 'Activity');
  await trail.locator('[data-testid^="audit-row-"]').first().click();
  await expect(dialog(page).getByRole('region', { name: 'Record details' })).toBeVisible();
  await checkDialog(page, 'an Activity record in detail');
  await dismiss(page);

  // Every read now fails: R reads the account again, and the tables keep what they showed, said to be stale.
  sim.faults.errorRate = 1;
  await page.keyboard.press('r');
  await expect(page.getByRole('alert').filter({ hasText: 'Refreshing positions failed' })).toBeVisible({ timeout: 30_000 });
  await checkAccessibility(page, 'an account whose refresh failed, its figures kept and said to be stale');
  sim.faults.reset();
});

test('Settings, a refused connection, a second tab, picking for flatten, and the wind-down list, plan, run and report have no axe violations', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, sim } = app;
  await app.open();

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await checkDialog(page, 'Settings', 'Settings');
  await dialog(page).getByLabel('Name', { exact: true }).fill(app.connection);
  await dialog(page).getByLabel('Base URL', { exact: true }).fill(sim.url);
  await dialog(page).getByLabel('Key ID', { exact: true }).fill('another-key');
  await dialog(page).getByLabel('Secret key', { exact: true }).fill('another-secret');
  await dialog(page).getByRole('button', { name: 'Add connection' }).click();
  await expect(dialog(page).getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await checkDialog(page, 'the add-connection form refusing its fields');
  await dialog(page).getByRole('button', { name: `Remove ${app.connection}`, exact: true }).click();
  await checkDialog(page, 'Settings asking to confirm a removal');
  await dialog(page).getByRole('button', { name: 'Keep' }).click();

  const refused = 'Alpaca refused';
  await addConnectionInSettings(page, { name: refused, baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
  await app.vault.set(refused, `${sim.secret}-not`);
  await checkDialog(page, 'Settings after a connection was added');
  await dismiss(page);
  await page.getByTestId(`connection-item-${refused}`).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not load accounts' })).toBeVisible();
  await checkAccessibility(page, 'a connection whose credentials the broker refuses');

  const secondTab = await page.context().newPage();
  await secondTab.goto(app.web.url);
  await expect(secondTab.getByRole('alert')).toBeVisible({ timeout: 15_000 });
  await checkAccessibility(secondTab, 'a second tab, told Closeout is open elsewhere');
  await secondTab.close();
  await page.getByTestId(`connection-item-${app.connection}`).click();

  // The flatten plan and its results are checked in flatten.spec.ts; here the picking of connections and accounts.
  await page.getByRole('button', { name: 'Flatten…' }).click();
  const flatten = page.getByRole('dialog', { name: 'Flatten accounts' });
  await checkDialog(page, 'flatten, nothing picked yet');
  await flatten.getByRole('checkbox', { name: app.connection, exact: true }).check();
  await flatten.getByRole('checkbox', { name: `All accounts of ${app.connection}` }).uncheck();
  await checkDialog(page, 'flatten, a connection picked and its accounts listed');
  await dismiss(page);

  const held = [{ symbol: 'MSFT', qty: '3' }];
  const closes = addSimAccount(sim, 'AXE00001', closingProceeds(sim, held).negated().toFixed(), held);
  const parks = addSimAccount(sim, 'AXE00002', '0', held);
  await page.getByRole('button', { name: 'Wind down accounts…' }).click();
  const windDown = page.getByRole('dialog', { name: /^Wind down accounts on / });
  await checkDialog(page, 'the wind-down list');
  await windDown.getByLabel('Accounts to wind down (ids or account numbers)').fill(`${closes.account_number}\n${parks.account_number}\nNOSUCH99`);
  await windDown.getByRole('button', { name: 'Check accounts' }).click();
  await expect(windDown.getByTestId('wind-down-status')).toHaveText('2 accounts to wind down; 1 skipped, 0 stopped.');
  await checkDialog(page, 'the wind-down plan');
  await windDown.getByLabel(/the number of accounts that will be acted on/).fill('2');
  // Slow answers keep the run under way while its progress is checked.
  sim.faults.latencyMs = 400;
  await windDown.getByRole('button', { name: 'Start wind-down' }).click();
  await expect(windDown.getByTestId('wind-down-progress-now')).toContainText(/^Account 1 of /);
  await checkDialog(page, 'a wind-down under way');
  sim.faults.latencyMs = 0;
  await expect(windDown.getByTestId('wind-down-status')).toHaveText(/^Wind-down parked/, { timeout: 30_000 });
  await checkDialog(page, 'the wind-down report');
  await windDown.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByTestId('wind-down-run').getByRole('button', { name: 'Report' }).click();
  await checkAccessibility(page, 'a parked wind-down run beside the actions, its report open');
});

test.describe('while an outcome is unknown', () => {
  // The close's answer never comes within the second the core waits, and the first read that would settle it is a
  // minute away: the unknown state holds still while it is checked, before and after the process is killed.
  // The closing order works for a minute too, so the position stays listed with its row locked.
  test.use({ brokerTimeoutMs: 1_000, reconcileDelaysMs: [60_000], simOptions: { fillDelayMs: 60_000 } });

  test('an unknown outcome, its locked row, its toast and an interrupted action in the Actions panel have no axe violations', async ({ app }) => {
    test.setTimeout(120_000);
    const { page, sim } = app;
    const account = stagedAccount(sim, [
      { symbol: 'AAPL', qty: '10' },
      { symbol: 'MSFT', qty: '2' },
    ]);
    await openAccount(app, account);
    sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
    await page.getByRole('button', { name: 'Close AAPL', exact: true }).click();
    await dialog(page).getByRole('button', { name: 'Confirm close', exact: true }).click();
    await expect(dialog(page).getByRole('alert')).toContainText('Outcome unknown', { timeout: 10_000 });
    await checkDialog(page, 'a close whose outcome is unknown, in its dialog');
    await dismiss(page);
    await expect(positionsTable(page, account).getByTestId('position-row-AAPL').getByTestId('row-action-badge')).toHaveText('Outcome unknown');
    await expect(errorNotice(page, /outcome unknown/i)).toBeVisible();
    await checkAccessibility(page, 'a row locked by an unknown outcome, and its toast');

    await app.restartAfterCrash();
    await app.open();
    await page.getByRole('button', { name: 'Actions', exact: true }).click();
    await expect(page.getByTestId('interrupted-entry')).toContainText('Interrupted close of 10 shares of AAPL');
    await checkAccessibility(page, 'an interrupted action in the Actions panel');
    sim.faults.reset();
  });
});

/** The first row's buttons of a table, whatever the broker names its positions. */
const firstRow = (table: Locator) => table.getByRole('row').nth(1);

/** The account view of any broker, its close, partial close and close all confirmations, and its history tab. */
async function checkBrokerAccount(app: AnyHarness, account: AccountRef, broker: string): Promise<void> {
  const { page } = app;
  await openAccountRef(app, account);
  const positions = positionsTableOf(page, account.number);
  await firstRow(positions).click();
  await expect(firstRow(positions)).toHaveAttribute('aria-selected', 'true');
  await checkAccessibility(page, `a ${broker} account, a position picked`);

  await firstRow(positions).getByRole('button', { name: /^Close / }).click();
  await checkDialog(page, `the close of one ${broker} position`, /^Close /);
  await dismiss(page);
  const partial = firstRow(positions).getByRole('button', { name: /^Partial close of / });
  if (await partial.isEnabled()) {
    await partial.click();
    await checkDialog(page, `the partial close of one ${broker} position`, /^Close /);
    await dismiss(page);
  }
  await page.getByRole('button', { name: 'Close all positions…' }).click();
  await checkDialog(page, `close all at ${broker}`, /^Close all/);
  await dismiss(page);

  await page.getByRole('tab', { name: /Fills|Closed trades/ }).click();
  await expect(page.getByRole('tabpanel').getByText(/Loading/)).toHaveCount(0, { timeout: 20_000 });
  // The rest of the account view is as it was checked above.
  await checkAccessibility(page, `the ${broker} history tab`, '[role="tabpanel"]');
}

brokerTest('clearstreet')('a Clear Street account and its confirmations have no axe violations', async ({ app }) => {
  test.setTimeout(120_000);
  const account = app.sim.state
    .listAccounts()
    .find((candidate) => candidate.status === 'ACTIVE' && app.sim.state.positionsOf(candidate.id).length > 0 && app.sim.state.ordersOf(candidate.id).length > 0);
  if (account === undefined) throw new Error("The simulator's book has no active account with positions and orders.");
  await checkBrokerAccount(app, { id: String(account.id), number: String(account.id) }, 'Clear Street');
  await app.page.getByRole('tab', { name: /Orders/ }).click();
  await firstRow(app.page.getByRole('grid', { name: `Orders in account ${account.id}` })).getByRole('button', { name: /^Cancel order/ }).click();
  await checkDialog(app.page, 'the cancel of one Clear Street order', /^Cancel order/);
});

brokerTest('exness')('an Exness account and its confirmations have no axe violations', async ({ app }) => {
  test.setTimeout(120_000);
  await checkBrokerAccount(app, { id: app.sim.userId, number: app.sim.userId }, 'Exness');
});

brokerTest('scaletrade')('a ScaleTrade account and its confirmations have no axe violations', async ({ app }) => {
  test.setTimeout(120_000);
  await checkBrokerAccount(app, { id: String(app.sim.login), number: String(app.sim.login) }, 'ScaleTrade');

  // ScaleTrade closes ticket by ticket: slow answers keep the progress on screen while it is checked.
  const { page, sim } = app;
  await page.getByRole('button', { name: 'Close all positions…' }).click();
  await dialog(page).getByLabel(/Type the account number/).fill(String(sim.login));
  sim.faults.latencyMs = 300;
  await dialog(page).getByRole('button', { name: 'Confirm close all' }).click();
  await expect(dialog(page).getByRole('progressbar', { name: 'Tickets closed' })).toBeVisible();
  await checkDialog(page, 'close all at ScaleTrade, ticket by ticket');
  sim.faults.latencyMs = 0;
  await expect(dialog(page).getByRole('status')).toContainText('Per position:', { timeout: 30_000 });
});
