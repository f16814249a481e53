import type { Page } from '@playwright/test';
import { recorded } from './closeoutSteps';
import { expect, test } from './harness';
import { deleteRequests, heldQty, stagedAccount } from './steps';

// A close whose process was killed after sending it: the next core to start on the data folder finds it in the
// journal, reads the broker to settle it (never sending it again), and the Actions panel shows it throughout.

test.use({
  // The killed core's close and the next core's first read wait this long for an answer that never comes.
  brokerTimeoutMs: 2_000,
});

const isDelete = (request: { method: string }) => request.method === 'DELETE';

/** Notices as assistive technology finds them. */
const notices = (page: Page) => page.getByRole('region', { name: 'Notifications' });

test('a close sent by a core that was then killed is found at the next start, read back and shown settled; it is sent once', async ({ app }) => {
  const { sim, page } = app;
  const account = stagedAccount(sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'MSFT', qty: '2' },
  ]);
  // The broker carries the close out, but its answer never reaches the core, which is killed while it waits.
  sim.faults.hang = { match: { method: 'DELETE' }, when: 'after-apply' };
  void app.core.dispatch('position:close', { connection: app.connection, accountId: account.id, positionId: 'AAPL', amount: { kind: 'all' } });
  await recorded(sim, 1, isDelete);
  // The next core's reads of the positions get no answer until the page has shown the close as still being read.
  sim.faults.hang = { match: { method: 'GET', path: /\/positions/ }, when: 'before-apply' };
  await app.restartAfterCrash();
  await app.open();

  await page.getByRole('button', { name: 'Actions', exact: true }).click();
  const entry = page.getByTestId('interrupted-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-verdict', 'reading');
  await expect(entry).toContainText('Interrupted close of 10 shares of AAPL');
  await expect(entry).toContainText('Outcome unknown — reading the broker');
  await expect(notices(page).getByRole('alert').filter({ hasText: 'Closeout found an interrupted close of 10 shares of AAPL' })).toBeVisible();

  sim.faults.reset();
  await expect(entry).toHaveAttribute('data-verdict', 'happened', { timeout: 15_000 });
  await expect(entry).toContainText('Did happen');
  await expect(entry).toContainText('AAPL is no longer open');
  await expect(notices(page).getByRole('status').filter({ hasText: 'The interrupted close of 10 shares of AAPL' })).toContainText('did happen');
  expect(heldQty(sim, account, 'AAPL')).toBeNull();
  expect(heldQty(sim, account, 'MSFT')).toBe('2');
  expect(deleteRequests(sim)).toMatchObject([{ path: `/v1/trading/accounts/${account.id}/positions/AAPL` }]);
});
