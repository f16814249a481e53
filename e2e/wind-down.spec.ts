import type { Page } from '@playwright/test';
import { addSimAccount, closingProceeds, csvRecords, downloadedText, writesFor } from './closeoutSteps';
import { expect, test } from './harness';
import { nextDay } from '../sim/alpaca/testSupport';

// Account wind-down from the UI against the Alpaca simulator: a sweep, a wait for settlement, a parked run resumed
// the next simulated day (through the simulator's clock knob) from the runs beside the actions.

const dialog = (page: Page) => page.getByRole('dialog', { name: /^Wind down accounts on / });
const planRow = (page: Page, ref: string) => dialog(page).getByTestId(`wind-down-plan-${ref}`);
const reportRow = (page: Page, ref: string) => dialog(page).getByTestId(`wind-down-report-${ref}`);
const countField = (page: Page) => dialog(page).getByLabel(/the number of accounts that will be acted on/);
const startButton = (page: Page) => dialog(page).getByRole('button', { name: 'Start wind-down' });

const FIRST = [{ symbol: 'AAPL', qty: '10' }];
const MIDDLE = [{ symbol: 'MSFT', qty: '3' }];
const LAST = [{ symbol: 'TSLA', qty: '-5' }];

test('three accounts wind down: one swept to the firm account, one parked for settlement, resumed the next simulated day, the report kept', async ({ app }) => {
  const { sim, page } = app;
  // Closing the first repays exactly its margin: it ends with no cash. The middle one sells and must wait for the
  // proceeds to settle. The last holds cash only: the sweep journals it to the firm account, and it closes at once.
  const first = addSimAccount(sim, 'CLOUTE01', closingProceeds(sim, FIRST).negated().toFixed(), FIRST);
  const middle = addSimAccount(sim, 'CLOUTE02', '0', MIDDLE);
  const last = addSimAccount(sim, 'CLOUTE03', '1250.5', []);
  const firm = addSimAccount(sim, 'FIRME001', '0', []);
  const numbers = [first, middle, last].map((account) => account.account_number);

  await app.open();
  await page.getByRole('button', { name: 'Wind down accounts…' }).click();
  await dialog(page).getByLabel('Accounts to wind down (ids or account numbers)').fill(numbers.join('\n'));
  await dialog(page).getByTestId('wind-down-sweep-to').fill(firm.account_number);
  await dialog(page).getByRole('button', { name: 'Check accounts' }).click();

  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('3 accounts to wind down; 0 skipped, 0 stopped.');
  await expect(dialog(page).getByTestId('wind-down-sweep')).toContainText(`Cash sweep: to firm account ${firm.account_number}`);
  const waits = planRow(page, middle.account_number);
  await expect(waits.locator('[data-step="settle"]')).toHaveAttribute('data-state', 'waits for settlement');
  await expect(waits.locator('[data-step="settle"]')).toContainText('of sale proceeds to settle (the next business day)');
  await expect(planRow(page, last.account_number).locator('[data-step="sweep_cash"]')).toHaveAttribute('data-state', 'now');
  await expect(planRow(page, last.account_number).locator('[data-step="sweep_cash"]')).toContainText(`journal about 1,250.50 USD to firm account ${firm.account_number}`);
  await expect(dialog(page).getByLabel(/the number of accounts that will be acted on/)).toBeVisible();
  await expect(dialog(page).getByText(/sweeping about [\d.,]+ USD from 2 accounts to firm account FIRME001, to confirm/)).toBeVisible();
  expect(sim.requests.filter((request) => request.method !== 'GET')).toEqual([]);

  await countField(page).fill('3');
  await startButton(page).click();
  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('Wind-down parked, waiting: 2 done, 1 parked (waiting), 0 stopped, 0 skipped.', { timeout: 30_000 });
  const parked = reportRow(page, middle.account_number);
  await expect(parked).toHaveAttribute('data-status', 'parked');
  await expect(parked).toContainText('of sale proceeds has not settled yet');
  await expect(parked.locator('[data-step="settle"]')).toHaveAttribute('data-state', 'waiting');
  await expect(reportRow(page, last.account_number).locator('[data-step="sweep_cash"]')).toContainText(`Swept: journal`);
  expect([first, middle, last].map((account) => sim.state.getAccount(account.id)?.status)).toEqual(['ACCOUNT_CLOSED', 'ACTIVE', 'ACCOUNT_CLOSED']);
  expect(sim.state.cashOf(firm.id)).toBe('1250.5');
  const { text } = await downloadedText(page, () => dialog(page).getByRole('button', { name: 'Export report (CSV)' }).click());
  expect(csvRecords(text).map((row) => [row.account_number, row.status])).toEqual([
    [first.account_number, 'done'],
    [middle.account_number, 'parked'],
    [last.account_number, 'done'],
  ]);

  // The dialog closes; the parked run stays listed beside the actions, with its report, until it is resumed.
  await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
  const run = page.getByTestId('wind-down-run');
  await expect(run).toHaveAttribute('data-status', 'parked');
  await expect(run).toContainText(`${middle.account_number}`);

  await nextDay(sim);
  const mark = sim.requests.length;
  await run.getByRole('button', { name: 'Resume' }).click();
  await dialog(page).getByRole('button', { name: 'Check the accounts again' }).click();
  await expect(dialog(page).getByTestId('wind-down-resumed')).toBeVisible();
  await expect(planRow(page, first.account_number)).toHaveAttribute('data-verdict', 'already done');
  await expect(planRow(page, middle.account_number).locator('[data-step="close_positions"]')).toHaveAttribute('data-state', 'done earlier');
  await countField(page).fill('1');
  await startButton(page).click();
  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('Wind-down finished: 3 done, 0 stopped, 0 skipped.', { timeout: 30_000 });
  expect(sim.state.getAccount(middle.id)?.status).toBe('ACCOUNT_CLOSED');
  expect(writesFor(sim, middle.id, mark)).toEqual([`POST /v1/accounts/${middle.id}/actions/close`]);
  expect(sim.state.cashOf(firm.id)).toBe(closingProceeds(sim, MIDDLE).plus('1250.5').toFixed());
  expect(sim.state.journals.map(({ journal }) => [journal.from_account, journal.status])).toEqual([[last.id, 'executed'], [middle.id, 'executed']]);

  await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
  await expect(run).toHaveAttribute('data-status', 'finished');
  await run.getByRole('button', { name: 'Report' }).click();
  await expect(run.getByTestId(`wind-down-report-${middle.account_number}`)).toHaveAttribute('data-status', 'done');
});

test('a list loaded from a CSV file is read in the page, and a line without an account is named before anything is checked', async ({ app }) => {
  const { sim, page } = app;
  const account = addSimAccount(sim, 'CLOUTE11', '0', []);
  await app.open();
  await page.getByRole('button', { name: 'Wind down accounts…' }).click();

  const file = dialog(page).getByLabel('Or load a CSV file');
  await file.setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(`ticket,account_number\nT-1,${account.account_number}\nT-2,\n`) });
  await expect(dialog(page).getByTestId('wind-down-list-status')).toContainText('line 3: no account in column account_number');
  await expect(dialog(page).getByRole('button', { name: 'Check accounts' })).toBeDisabled();

  await file.setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(`ticket,account_number\r\nT-1,${account.account_number}\r\nT-2,NOSUCH99\r\n`) });
  await expect(dialog(page).getByTestId('wind-down-list-status')).toHaveText('2 accounts in the list.');
  await dialog(page).getByRole('button', { name: 'Check accounts' }).click();
  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('1 account to wind down; 1 skipped, 0 stopped.');
  await expect(planRow(page, 'NOSUCH99')).toHaveAttribute('data-verdict', 'skip');
  await expect(planRow(page, 'NOSUCH99')).toContainText('not found on Alpaca sim');
  await expect(planRow(page, account.account_number).locator('[data-step="close_account"]')).toHaveAttribute('data-state', 'now');
  expect(sim.requests.filter((request) => request.method !== 'GET')).toEqual([]);
});

test('"Stop after this step" lets the steps under way end, then stops every account before it is closed', async ({ app }) => {
  const { sim, page } = app;
  const first = addSimAccount(sim, 'CLOUTE21', closingProceeds(sim, FIRST).negated().toFixed(), FIRST);
  const second = addSimAccount(sim, 'CLOUTE22', closingProceeds(sim, LAST).negated().toFixed(), LAST);
  await app.open();
  await page.getByRole('button', { name: 'Wind down accounts…' }).click();
  await dialog(page).getByLabel('Accounts to wind down (ids or account numbers)').fill(`${first.account_number}\n${second.account_number}`);
  await dialog(page).getByRole('button', { name: 'Check accounts' }).click();
  await countField(page).fill('2');

  // Slow enough that both accounts (they run side by side) are still under way when the stop arrives.
  sim.faults.latencyMs = 400;
  await startButton(page).click();
  await expect(dialog(page).getByTestId('wind-down-progress-now')).toContainText(/Account [12] of 2, CLOUTE2[12]/);
  await dialog(page).getByRole('button', { name: 'Stop after this step' }).click();
  await expect(dialog(page).getByRole('button', { name: 'Stopping after this step…' })).toBeDisabled();

  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('Wind-down finished: 0 done, 2 stopped, 0 skipped.', { timeout: 20_000 });
  for (const account of [first, second]) {
    await expect(reportRow(page, account.account_number)).toContainText(/cancel/i);
    expect(sim.state.getAccount(account.id)?.status).toBe('ACTIVE');
    expect(writesFor(sim, account.id).filter((write) => write.startsWith('POST'))).toEqual([]);
  }
});

test('the firm account set on the connection in Settings is where a wind-down sweeps, in the plan and the typed confirmation', async ({ app }) => {
  const { sim, page } = app;
  const holder = addSimAccount(sim, 'CLOUTF01', '300', []);
  const firm = addSimAccount(sim, 'FIRMF001', '0', []);

  await app.open();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('button', { name: `Set the firm account of ${app.connection}` }).click();
  const field = settings.getByLabel(`Firm account of ${app.connection} (account number or id)`);
  await field.fill('NOPEF001');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('alert')).toContainText(`firmAccount must be an account ${app.connection} knows`);
  await field.fill(firm.account_number);
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByTestId(`settings-firm-account-${app.connection}`)).toContainText(firm.account_number);
  await settings.getByRole('button', { name: 'Close' }).last().click();

  await page.getByRole('button', { name: 'Wind down accounts…' }).click();
  await expect(dialog(page).getByTestId('wind-down-sweep-to')).toHaveValue(firm.account_number);
  await dialog(page).getByLabel('Accounts to wind down (ids or account numbers)').fill(holder.account_number);
  await dialog(page).getByRole('button', { name: 'Check accounts' }).click();
  await expect(dialog(page).getByTestId('wind-down-sweep')).toContainText(`Cash sweep: to firm account ${firm.account_number}`);
  await expect(planRow(page, holder.account_number).locator('[data-step="sweep_cash"]')).toContainText(`journal about 300.00 USD to firm account ${firm.account_number}`);
  await expect(dialog(page).getByText(`sweeping about 300.00 USD from 1 account to firm account ${firm.account_number}, to confirm`, { exact: false })).toBeVisible();

  await dialog(page).getByTestId('wind-down-sweep-to').fill('');
  await dialog(page).getByRole('button', { name: 'Check accounts' }).click();
  await expect(dialog(page).getByTestId('wind-down-sweep')).toContainText('Cash sweep: off.');
  expect(sim.requests.filter((request) => request.method !== 'GET')).toEqual([]);
});
