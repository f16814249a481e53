import type { Page } from '@playwright/test';
import type { AuditRecord } from '../shared/audit';
import { csvRecords, downloadedText } from './closeoutSteps';
import { expect, test, type Harness } from './harness';
import { deleteRequests, errorNotice, heldQty, openAccount, stagedAccount } from './steps';

const dialog = (page: Page) => page.getByRole('dialog');
const auditRows = (page: Page) => dialog(page).getByRole('grid', { name: 'Audit trail' }).locator('[data-testid^="audit-row-"]');

async function auditRecords(app: Harness, request: { action?: string; outcome?: string } = {}): Promise<AuditRecord[]> {
  const answer = await app.core.dispatch('audit:list', request);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data as AuditRecord[];
}

/** The sequence numbers of the rows on screen, top to bottom. */
function shownSeqs(page: Page): Promise<number[]> {
  return auditRows(page).evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-testid')?.replace('audit-row-', ''))));
}

test('after a close and a refused close, Activity lists attempts and outcomes newest first, filters them, verifies the chain and exports what it shows', async ({ app }) => {
  const account = stagedAccount(app.sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'MSFT', qty: '3' },
  ]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close MSFT', exact: true }).click();
  await dialog(app.page).getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect.poll(() => heldQty(app.sim, account, 'MSFT')).toBeNull();

  app.sim.state.addOrder(account.id, { symbol: 'AAPL', side: 'sell', qty: '10', type: 'limit', limit_price: '400', time_in_force: 'gtc' });
  await app.page.getByRole('button', { name: 'Close AAPL', exact: true }).click();
  await dialog(app.page).getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect(dialog(app.page).getByRole('alert')).toContainText('broker code 40310000');
  await expect(errorNotice(app.page, `Close AAPL in account ${account.account_number} failed`)).toBeVisible();
  await dialog(app.page).getByRole('button', { name: 'Cancel', exact: true }).click();
  const [accepted, refused] = deleteRequests(app.sim);
  // The close's order is followed to its fill, which adds a last outcome record once it is read.
  await expect.poll(async () => (await auditRecords(app, { action: 'close_position' })).length, { timeout: 20_000 }).toBe(5);

  await app.page.getByRole('button', { name: 'Activity', exact: true }).click();
  const closes = await auditRecords(app, { action: 'close_position' });
  expect(closes.map((record) => [record.phase, record.outcome, record.requestId])).toEqual([
    ['outcome', 'rejected', refused?.requestId],
    ['attempt', null, null],
    ['outcome', 'filled', accepted?.requestId],
    ['outcome', 'accepted', accepted?.requestId],
    ['attempt', null, null],
  ]);
  const all = await auditRecords(app);
  const chain = dialog(app.page).getByTestId('audit-chain-status');
  await expect(chain.getByRole('paragraph').first()).toHaveText(`✓ Audit chain verified: ${all.length} records`);
  const newest = all.reduce((a, b) => (a.seq > b.seq ? a : b));
  await expect(chain).toContainText(`Newest record: ${newest.seq}:${newest.hash} (note it to catch a later rewrite up to it).`);
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText(`${all.length} records`);
  expect(await shownSeqs(app.page)).toEqual(all.map((record) => record.seq).sort((a, b) => b - a));

  await dialog(app.page).getByLabel('Action', { exact: true }).selectOption('close_position');
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('5 records');
  expect(await shownSeqs(app.page)).toEqual(closes.map((record) => record.seq));
  await dialog(app.page).getByLabel('Outcome', { exact: true }).selectOption('rejected');
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('1 record');
  await expect(auditRows(app.page)).toContainText(['rejected']);
  await expect(auditRows(app.page).first()).toContainText(refused?.requestId ?? 'no request id');

  await dialog(app.page).getByLabel('Outcome', { exact: true }).selectOption('');
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('5 records');
  const { name, text } = await downloadedText(app.page, () => dialog(app.page).getByRole('button', { name: 'Export CSV' }).click());
  expect(name).toMatch(/^closeout-audit-\d{8}-\d{6}\.csv$/);
  const rows = csvRecords(text);
  expect(rows.map((row) => [row.sequence, row.action, row.phase, row.outcome, row['request id'], row['account number'], row['account id']])).toEqual(
    closes.map((record) => [String(record.seq), 'close_position', record.phase, record.outcome ?? '', record.requestId ?? '', account.account_number, account.id]),
  );
  expect(rows[0]?.message).toBe(closes[0]?.message);
  expect(rows.map((row) => [row.symbol, row.parameters])).toEqual([
    ['AAPL', 'Close all of AAPL'],
    ['AAPL', 'Close all of AAPL'],
    ['MSFT', 'Close all of MSFT'],
    ['MSFT', 'Close all of MSFT'],
    ['MSFT', 'Close all of MSFT'],
  ]);
});

test('Activity names accounts by number and holder, filters by account number, symbol and date, and opens one record with its attempt and outcome', async ({ app }) => {
  const account = stagedAccount(app.sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'MSFT', qty: '3' },
  ]);
  await openAccount(app, account);
  await app.page.getByRole('button', { name: 'Close MSFT', exact: true }).click();
  await dialog(app.page).getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect.poll(() => heldQty(app.sim, account, 'MSFT')).toBeNull();
  const [accepted] = deleteRequests(app.sim);
  // The close's order is followed to its fill, which adds a last outcome record once it is read.
  await expect.poll(async () => (await auditRecords(app, { action: 'close_position' })).length, { timeout: 20_000 }).toBe(3);

  await app.page.getByRole('button', { name: 'Activity', exact: true }).click();
  const closes = await auditRecords(app, { action: 'close_position' });
  const holder = closes[0]?.accountName;
  expect(holder).toBeTruthy();
  const all = await auditRecords(app);
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText(`${all.length} records`);
  await expect(auditRows(app.page).first()).toContainText(`${account.account_number} · ${holder}`);
  await expect(auditRows(app.page).first()).not.toContainText(account.id);

  const filter = (label: string) => dialog(app.page).getByLabel(label, { exact: true });
  await filter('Account').fill(account.account_number.slice(0, 5).toLowerCase());
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('3 records');
  expect(await shownSeqs(app.page)).toEqual(closes.map((record) => record.seq));
  await filter('Account').fill('no such account');
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('0 records');
  await filter('Account').fill(account.account_number);
  await filter('Symbol').fill('aapl');
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('0 records');
  await filter('Symbol').fill('msft');
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('3 records');

  const day = (offset: number) => {
    const at = new Date();
    at.setDate(at.getDate() + offset);
    return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  };
  await filter('From').fill(day(1));
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('0 records');
  await filter('From').fill(day(-1));
  await filter('To').fill(day(-1));
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('0 records');
  await filter('To').fill(day(0));
  await expect(dialog(app.page).getByTestId('audit-count')).toHaveText('3 records');

  const { text } = await downloadedText(app.page, () => dialog(app.page).getByRole('button', { name: 'Export CSV' }).click());
  expect(csvRecords(text).map((row) => row.sequence)).toEqual(closes.map((record) => String(record.seq)));

  await auditRows(app.page).first().focus();
  await app.page.keyboard.press('Enter');
  const details = dialog(app.page).getByRole('region', { name: 'Record details' });
  await expect(details.getByRole('heading', { level: 2 })).toHaveText('Close all of MSFT');
  await expect(details.getByRole('group', { name: 'Attempt' })).toContainText(String(closes.at(-1)?.seq));
  await expect(details.getByRole('group', { name: 'Outcome' })).toContainText(accepted?.requestId ?? 'no request id');
  await expect(details.getByRole('group', { name: 'Verdict' })).toContainText('Followed: Filled 3 MSFT');
  await details.getByRole('button', { name: 'Close details' }).click();
  await expect(details).toBeHidden();
  // The attempt's row opens the same action, outcome included.
  await auditRows(app.page).last().click();
  await expect(details.getByRole('group', { name: 'Outcome' })).toContainText(accepted?.requestId ?? 'no request id');
});
