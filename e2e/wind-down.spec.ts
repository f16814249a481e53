import type { Page } from '@playwright/test';
import { addSimAccount, closingProceeds, csvRecords, downloadedText, writesFor } from './closeoutSteps';
import { expect, test } from './harness';

// Account wind-down from the UI against the Alpaca simulator: three accounts, the middle one keeps cash and stops at
// the re-check; running the same list again once the cash is gone resumes it and sends nothing again for the others.

const dialog = (page: Page) => page.getByRole('dialog', { name: /^Wind down accounts on / });
const planRow = (page: Page, ref: string) => dialog(page).getByTestId(`wind-down-plan-${ref}`);
const reportRow = (page: Page, ref: string) => dialog(page).getByTestId(`wind-down-report-${ref}`);
const countField = (page: Page) => dialog(page).getByLabel(/the number of accounts that will be acted on/);
const startButton = (page: Page) => dialog(page).getByRole('button', { name: 'Start wind-down' });

const FIRST = [{ symbol: 'AAPL', qty: '10' }];
const MIDDLE = [{ symbol: 'MSFT', qty: '3' }];
const LAST = [{ symbol: 'TSLA', qty: '-5' }];

test('three accounts wind down with the middle one stopped at the re-check, the report exports, and the same list resumes only that one', async ({ app }) => {
  const { sim, page } = app;
  // Closing the first repays exactly its margin and buying back the last spends exactly its cash: both end with none.
  // The middle one starts with none and keeps the proceeds of its sale, which Closeout never moves.
  const first = addSimAccount(sim, 'CLOUTE01', closingProceeds(sim, FIRST).negated().toFixed(), FIRST);
  const middle = addSimAccount(sim, 'CLOUTE02', '0', MIDDLE);
  const last = addSimAccount(sim, 'CLOUTE03', closingProceeds(sim, LAST).negated().toFixed(), LAST);
  const numbers = [first, middle, last].map((account) => account.account_number);

  await app.open();
  await page.getByRole('button', { name: 'Wind down accounts…' }).click();
  const list = dialog(page).getByLabel('Accounts to wind down (ids or account numbers)');
  await list.fill(`${numbers[0]}, ${numbers[1]}\n${numbers[2]} bad!`);
  await expect(dialog(page).getByTestId('wind-down-list-status')).toContainText('line 2: "bad!" is not an account id or number');
  await expect(dialog(page).getByRole('button', { name: 'Check accounts' })).toBeDisabled();
  await list.fill(numbers.join('\n'));
  await expect(dialog(page).getByTestId('wind-down-list-status')).toHaveText('3 accounts in the list.');
  await dialog(page).getByRole('button', { name: 'Check accounts' }).click();

  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('3 accounts to wind down; 0 skipped, 0 stopped.');
  for (const [account, symbol] of [[first, 'AAPL'], [middle, 'MSFT'], [last, 'TSLA']] as const) {
    const row = planRow(page, account.account_number);
    await expect(row).toHaveAttribute('data-verdict', 'run');
    await expect(row.getByRole('cell').nth(2)).toHaveText('1');
    await expect(row.getByRole('list', { name: `Planned steps for ${account.account_number}` })).toContainText(`close 1 position (${symbol}`);
  }
  await expect(planRow(page, middle.account_number).getByRole('cell').nth(4)).toHaveText('0 USD');
  expect(sim.requests.filter((request) => request.method !== 'GET')).toEqual([]);

  await expect(startButton(page)).toBeDisabled();
  await countField(page).fill('2');
  await expect(startButton(page)).toBeDisabled();
  await countField(page).fill('3');
  await startButton(page).click();

  await expect(dialog(page).getByRole('progressbar', { name: 'Accounts done' })).toBeVisible();
  await expect(dialog(page).getByTestId('wind-down-progress-now')).toContainText(/Account \d of 3/);
  await expect(dialog(page).getByRole('button', { name: 'Stop after this step' })).toBeEnabled();
  await expect(dialog(page).getByRole('button', { name: 'Close dialog' })).toBeDisabled();

  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('Wind-down finished: 2 done, 1 stopped, 0 skipped.', { timeout: 20_000 });
  await expect(reportRow(page, first.account_number)).toHaveAttribute('data-status', 'done');
  await expect(reportRow(page, last.account_number)).toHaveAttribute('data-status', 'done');
  const stopped = reportRow(page, middle.account_number);
  await expect(stopped).toHaveAttribute('data-status', 'stopped');
  await expect(stopped).toContainText('re-check: Cash of');
  await expect(stopped).toContainText('must be withdrawn first');
  await expect(stopped.locator('[data-step="recheck"]')).toHaveAttribute('data-state', 'failed');
  await expect(stopped.locator('[data-step="close_account"]')).toHaveAttribute('data-state', 'not_started');
  const firstClose = sim.requests.find((request) => request.method === 'DELETE' && request.path.includes(first.id));
  await expect(reportRow(page, first.account_number).locator('[data-step="close_positions"]')).toContainText(`request id ${firstClose?.requestId}`);
  expect([first, middle, last].map((account) => sim.state.getAccount(account.id)?.status)).toEqual(['ACCOUNT_CLOSED', 'ACTIVE', 'ACCOUNT_CLOSED']);
  expect(writesFor(sim, middle.id)).toEqual([`DELETE /v1/trading/accounts/${middle.id}/positions`]);

  const { name, text } = await downloadedText(page, () => dialog(page).getByRole('button', { name: 'Export report (CSV)' }).click());
  expect(name).toMatch(/^wind-down-report-\d{8}-\d{6}\.csv$/);
  const rows = csvRecords(text);
  expect(rows.map((row) => [row.account_number, row.account_id, row.status, row.closed])).toEqual([
    [first.account_number, first.id, 'done', 'yes'],
    [middle.account_number, middle.id, 'stopped', 'no'],
    [last.account_number, last.id, 'done', 'yes'],
  ]);
  expect(rows[1]?.reason).toContain('must be withdrawn first');
  expect(rows[1]?.recheck).toMatch(/^failed: Cash of .+ must be withdrawn first/);
  expect(rows[0]?.request_ids?.split(' ')).toContain(firstClose?.requestId);

  sim.state.setCash(middle.id, '0');
  const mark = sim.requests.length;
  await dialog(page).getByRole('button', { name: 'Check accounts' }).click();
  await expect(dialog(page).getByTestId('wind-down-resumed')).toBeVisible();
  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('Resumes an earlier run. 1 account to wind down; 2 already done by an earlier run, 0 skipped, 0 stopped.');
  await expect(planRow(page, first.account_number)).toHaveAttribute('data-verdict', 'already done');
  await expect(planRow(page, last.account_number)).toHaveAttribute('data-verdict', 'already done');
  const resumed = planRow(page, middle.account_number);
  await expect(resumed).toHaveAttribute('data-verdict', 'run');
  await expect(resumed.locator('[data-step="close_positions"]')).toHaveAttribute('data-state', 'done earlier');
  await countField(page).fill('1');
  await startButton(page).click();

  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('Wind-down finished: 3 done, 0 stopped, 0 skipped.', { timeout: 20_000 });
  await expect(reportRow(page, middle.account_number)).toHaveAttribute('data-status', 'done');
  expect(sim.state.getAccount(middle.id)?.status).toBe('ACCOUNT_CLOSED');
  expect([first, middle, last].map((account) => writesFor(sim, account.id, mark))).toEqual([[], [`POST /v1/accounts/${middle.id}/actions/close`], []]);
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
  await expect(planRow(page, account.account_number).locator('[data-step="close_account"]')).toHaveAttribute('data-state', 'run');
  expect(sim.requests.filter((request) => request.method !== 'GET')).toEqual([]);
});

test('"Stop after this step" lets the step under way end, then stops: the account after it is reported not started and is sent nothing', async ({ app }) => {
  const { sim, page } = app;
  const first = addSimAccount(sim, 'CLOUTE21', closingProceeds(sim, FIRST).negated().toFixed(), FIRST);
  const second = addSimAccount(sim, 'CLOUTE22', closingProceeds(sim, LAST).negated().toFixed(), LAST);
  await app.open();
  await page.getByRole('button', { name: 'Wind down accounts…' }).click();
  await dialog(page).getByLabel('Accounts to wind down (ids or account numbers)').fill(`${first.account_number}\n${second.account_number}`);
  await dialog(page).getByRole('button', { name: 'Check accounts' }).click();
  await countField(page).fill('2');

  // Slow enough that the first account is still under way when the stop arrives.
  sim.faults.latencyMs = 400;
  await startButton(page).click();
  await expect(dialog(page).getByTestId('wind-down-progress-now')).toContainText(`Account 1 of 2, ${first.account_number}`);
  await dialog(page).getByRole('button', { name: 'Stop after this step' }).click();
  await expect(dialog(page).getByRole('button', { name: 'Stopping after this step…' })).toBeDisabled();

  await expect(dialog(page).getByTestId('wind-down-status')).toHaveText('Wind-down finished: 0 done, 2 stopped, 0 skipped.', { timeout: 20_000 });
  await expect(reportRow(page, first.account_number)).toContainText(/cancel/i);
  await expect(reportRow(page, second.account_number)).toContainText('not started: the run was cancelled; run again to resume');
  expect(sim.state.getAccount(first.id)?.status).toBe('ACTIVE');
  expect(writesFor(sim, second.id)).toEqual([]);
});
