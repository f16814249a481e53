import type { Page } from '@playwright/test';
import { Decimal } from '../shared/decimal';
import type { RecordedRequest } from '../sim/alpaca/server';
import type { ClearStreetPosition } from '../sim/clearstreet/types';
import { recorded } from './closeoutSteps';
import { brokerTest, expect, test } from './harness';
import { deleteRequests, heldQty, openAccountRef, positionsTableOf, requestsOf, revealRow, stagedAccount } from './steps';

// A close whose process was killed after sending it: the next core to start on the data folder finds it in the
// journal, reads the broker to settle it (never sending it again), and the Actions panel shows it throughout.

// The killed core's close and the next core's first read wait this long for an answer that never comes.
test.use({ brokerTimeoutMs: 2_000 });
const clearStreet = brokerTest('clearstreet');
clearStreet.use({ brokerTimeoutMs: 2_000 });

const isDelete = (request: { method: string }) => request.method === 'DELETE';

/** Notices as assistive technology finds them. */
const notices = (page: Page) => page.getByRole('region', { name: 'Notifications' });
const dialog = (page: Page) => page.getByRole('dialog');

async function openActions(page: Page) {
  await page.getByRole('button', { name: 'Actions', exact: true }).click();
  return page.getByTestId('interrupted-entry');
}

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

  const entry = await openActions(page);
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

clearStreet('a close found interrupted and not done is answered with "nothing new was sent", and its deliberate retry reuses its client order id', async ({ app }) => {
  const { sim, page } = app;
  const working = new Set(sim.state.listAccounts().flatMap((account) => sim.state.ordersOf(account.id)).filter((order) => !['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED'].includes(order.status)).map((order) => order.symbol));
  // A long position of whole shares that no order touches, so reading the broker can only find it untouched.
  const free = (position: ClearStreetPosition) =>
    new Decimal(position.quantity).isInteger() && new Decimal(position.quantity).gte(3) && position.quantity === position.available_quantity && !working.has(position.symbol);
  const account = sim.state.listAccounts().find((candidate) => candidate.status === 'ACTIVE' && sim.state.positionsOf(candidate.id).some(free));
  const position = account && sim.state.positionsOf(account.id).find(free);
  if (!account || !position) throw new Error("The simulator's book has no active account with a free position of whole shares.");
  const isClose = (request: RecordedRequest) => request.method === 'POST' && request.path === `/v1/accounts/${account.id}/orders`;

  // The close of 2 shares leaves, never arrives at the broker, and the core is killed while it waits.
  sim.faults.hang = { match: { method: 'POST' }, when: 'before-apply' };
  void app.core.dispatch('position:close', { connection: app.connection, accountId: String(account.id), positionId: position.symbol, amount: { kind: 'quantity', quantity: '2' } });
  await expect.poll(() => sim.requests.filter(isClose).length, { intervals: [20] }).toBe(1);
  const [first] = sim.requests.filter(isClose);
  sim.faults.reset();
  await app.restartAfterCrash();
  await openAccountRef(app, { id: String(account.id), number: String(account.id) });
  const entry = await openActions(page);
  await expect(entry).toHaveAttribute('data-verdict', 'not_happened', { timeout: 15_000 });
  await expect(entry).toContainText(`Interrupted close of 2 shares of ${position.symbol}`);

  const row = await revealRow(positionsTableOf(page, String(account.id)), `position-row-${position.symbol}`);
  await row.getByRole('button', { name: `Partial close of ${position.symbol}`, exact: true }).click();
  await dialog(page).getByLabel('Quantity to close (shares)').fill('2');
  await dialog(page).getByRole('button', { name: 'Confirm close', exact: true }).click();
  const earlierNote = dialog(page).getByTestId('earlier-note');
  await expect(earlierNote).toContainText('Nothing new was sent.');
  await expect(earlierNote).toContainText(`An earlier close of 2 shares of ${position.symbol}`);
  await expect(earlierNote).toContainText('did not happen');
  await expect(notices(page).getByRole('alert').filter({ hasText: 'Nothing new was sent.' })).toBeVisible();
  expect(sim.requests.filter(isClose)).toHaveLength(1);

  await dialog(page).getByRole('button', { name: 'Send the close again', exact: true }).click();
  await expect(dialog(page)).toHaveCount(0);
  const sent = requestsOf(sim, 'POST', (path) => path === `/v1/accounts/${account.id}/orders`);
  expect(sent).toHaveLength(2);
  const ids = sent.map((request) => (request.body as { id: string }[])[0]?.id);
  expect(ids[1]).toBe((first?.body as { id: string }[])[0]?.id);
  await expect.poll(() => sim.state.positionsOf(account.id).find((held) => held.symbol === position.symbol)?.quantity).toBe(new Decimal(position.quantity).minus(2).toFixed());
});
