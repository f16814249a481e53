import type { Page } from '@playwright/test';
import { recorded } from './closeoutSteps';
import { expect, test } from './harness';
import { deleteRequests, errorNotice, heldQty, openAccount, positionsTable, stagedAccount, statusNotice } from './steps';

// A close whose answer never comes: the UI says "outcome unknown" and sends nothing more until the core has settled
// it by reading the broker, then says what reading found. The simulator holds the answer back with a hang fault.

test.use({
  // The core's 15 s default would make every case wait that long before it may call the outcome unknown.
  brokerTimeoutMs: 1_000,
  // A closing order that works for a while keeps the outcome unknown long enough to look at it.
  simOptions: { fillDelayMs: 4_000 },
  // Reads for about 5.5 s, past the 4 s fill, rather than the core's 24 s: the verdicts are the same, the wait shorter.
  reconcileDelaysMs: [300, 700, 1_500, 3_000],
});

const dialog = (page: Page) => page.getByRole('dialog');
const isDelete = (request: { method: string }) => request.method === 'DELETE';

/** Notices as assistive technology finds them: no includeHidden, so a notice Radix hid behind the dialog fails. */
const exposedNotices = (page: Page) => page.getByRole('region', { name: 'Notifications' });

/** Every notice, shown or hidden behind a dialog, that mentions the action. */
const noticesAbout = (page: Page, action: string) =>
  page.getByRole('region', { name: 'Notifications', includeHidden: true }).locator('[data-notice-id]').filter({ hasText: action });

async function closeAaplUnanswered(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close AAPL', exact: true }).click();
  await dialog(page).getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect(dialog(page).getByRole('alert')).toContainText('Outcome unknown', { timeout: 10_000 });
  await expect(exposedNotices(page).getByRole('alert').filter({ hasText: 'outcome unknown' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
}

async function openActions(page: Page) {
  await page.getByRole('button', { name: 'Actions', exact: true }).click();
  return page.getByTestId('action-entry').filter({ hasText: 'Close AAPL' });
}

test('a close the broker carried out without answering is shown as unknown with the row locked, then settled as done; it was sent once', async ({ app }) => {
  const { sim, page } = app;
  const account = stagedAccount(sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'MSFT', qty: '2' },
  ]);
  await openAccount(app, account);
  sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
  await closeAaplUnanswered(page);
  const aaplNotices = noticesAbout(page, 'Close AAPL');
  await expect(aaplNotices).toHaveCount(1);
  await expect(aaplNotices).toContainText(`Alpaca sim · ${account.account_number} — `);
  await expect(aaplNotices).toContainText('outcome unknown');
  const noticeId = await aaplNotices.getAttribute('data-notice-id');

  const row = positionsTable(page, account).getByTestId('position-row-AAPL');
  await expect(row.getByTestId('row-action-badge')).toHaveText('Outcome unknown');
  await expect(row.getByRole('button', { name: 'Close AAPL', exact: true })).toBeDisabled();
  const entry = await openActions(page);
  await expect(entry).toHaveAttribute('data-state', 'unknown');

  await expect(entry).toHaveAttribute('data-state', 'filled', { timeout: 15_000 });
  await expect(entry).toContainText('settled by reading');
  await expect(statusNotice(page, `Close AAPL in account ${account.account_number}: The close did happen: AAPL is no longer open.`)).toHaveCount(1);
  // The verdict took the place of the "outcome unknown" notice: the same notice, not a second one beside it.
  await expect(aaplNotices).toHaveCount(1);
  await expect(aaplNotices).toHaveAttribute('data-notice-id', noticeId ?? '');
  await expect(aaplNotices).not.toContainText('outcome unknown');
  await expect(row).toHaveCount(0);
  expect(heldQty(sim, account, 'AAPL')).toBeNull();
  expect(heldQty(sim, account, 'MSFT')).toBe('2');
  expect(deleteRequests(sim)).toMatchObject([{ path: `/v1/trading/accounts/${account.id}/positions/AAPL` }]);
});

test('a close that never reached the broker is shown as unknown, then settled as not done with the position intact; nothing is resent', async ({ app }) => {
  const { sim, page } = app;
  const account = stagedAccount(sim, [{ symbol: 'AAPL', qty: '10' }]);
  await openAccount(app, account);
  sim.faults.hang = { match: { method: 'DELETE' }, when: 'before-apply' };
  await page.getByRole('button', { name: 'Close AAPL', exact: true }).click();
  await dialog(page).getByRole('button', { name: 'Confirm close', exact: true }).click();
  await recorded(sim, 1, isDelete);
  sim.faults.reset();
  await expect(dialog(page).getByRole('alert')).toContainText('Outcome unknown', { timeout: 10_000 });
  await page.keyboard.press('Escape');

  const row = positionsTable(page, account).getByTestId('position-row-AAPL');
  await expect(row.getByTestId('row-action-badge')).toHaveText('Outcome unknown');
  await expect(row.getByRole('button', { name: 'Close AAPL', exact: true })).toBeDisabled();
  const entry = await openActions(page);
  await expect(entry).toHaveAttribute('data-state', 'unknown');

  await expect(entry).toHaveAttribute('data-state', 'rejected', { timeout: 45_000 });
  await expect(errorNotice(page, 'The close did not happen: AAPL is still open with 10 shares. Nothing was sent again.')).toHaveCount(1);
  await expect(noticesAbout(page, 'Close AAPL')).toHaveCount(1);
  await expect(noticesAbout(page, 'Close AAPL')).not.toContainText('outcome unknown');
  await expect(row.getByRole('button', { name: 'Close AAPL', exact: true })).toBeEnabled();
  expect(heldQty(sim, account, 'AAPL')).toBe('10');
  expect(deleteRequests(sim)).toHaveLength(1);
});
