import type { Page } from '@playwright/test';
import { addSimAccount, fact, recorded } from './closeoutSteps';
import { expect, test } from './harness';
import { deleteRequests, flatAccount, heldQty, openAccount, stagedAccount } from './steps';

// "Never misfire": every confirmation says what it sends and at what price, the typed ones unlock only on the exact
// text, and a key held down or pressed again sends the request once. The simulator's own records are the proof.

// The renderer calls a price stale past 30 s (its STALE_QUOTE_MS); nothing imports the renderer, so it is said again.
const STALE_AFTER_MS = 30_000;

const dialog = (page: Page) => page.getByRole('dialog');
const confirmButton = (page: Page, name: string) => dialog(page).getByRole('button', { name, exact: true });

async function holdEnter(page: Page, repeats: number): Promise<void> {
  await page.keyboard.down('Enter');
  // Further downs of a key already down arrive as auto-repeat (event.repeat), as from a key held on a keyboard.
  for (let index = 0; index < repeats; index += 1) await page.keyboard.down('Enter');
  await page.keyboard.up('Enter');
}

test('the close dialog names the instrument, side and amount, what remains, the last price with its age, and the estimates', async ({ app }) => {
  app.sim.state.setPrice('AAPL', '200.55');
  const account = flatAccount(app.sim);
  app.sim.state.setPositions(account.id, [{ symbol: 'AAPL', qty: '10', avg_entry_price: '180.25' }]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Partial close of AAPL' }).click();
  await app.page.getByLabel('Quantity to close (shares)').fill('4');
  const box = dialog(app.page);
  await expect(box).toHaveAccessibleName('Close AAPL');
  await expect(fact(box, 'Instrument')).toHaveText('AAPL');
  await expect(fact(box, 'Side')).toHaveText('long');
  await expect(fact(box, 'Open quantity')).toHaveText('10 shares');
  await expect(fact(box, 'To close')).toHaveText('4 shares');
  await expect(box.getByText('6 shares remain open.')).toBeVisible();
  await expect(fact(box, 'Last price')).toHaveText(/^200\.55 \(\d+ s ago\)$/);
  // 4 × 200.55, and 4/10 of the broker's unrealised 10 × (200.55 − 180.25).
  await expect(fact(box, 'Est. proceeds')).toHaveText('about 802.20');
  await expect(fact(box, 'Est. realised P&L')).toHaveText('about +81.20');
  await expect(box.getByText(/^Closeout will send/)).toHaveText(`Closeout will send: close 4 of 10 shares of AAPL (long) in account ${account.account_number} at market.`);

  await confirmButton(app.page, 'Confirm close').click();
  await expect.poll(() => heldQty(app.sim, account, 'AAPL')).toBe('6');
  expect(deleteRequests(app.sim).map((request) => request.query)).toEqual([{ qty: '4' }]);
});

test('a held Enter opens the close dialog without confirming it, and held or pressed again on Confirm sends one close', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close AAPL', exact: true }).focus();
  await holdEnter(app.page, 8);
  await expect(dialog(app.page)).toHaveAccessibleName('Close AAPL');
  await app.page.waitForTimeout(300);
  expect(deleteRequests(app.sim)).toEqual([]);

  // The close stays on its way while the keys keep coming.
  app.sim.faults.latencyMs = 600;
  await confirmButton(app.page, 'Confirm close').focus();
  // Confirm arms a moment after the dialog shows (e2e/misfire.spec.ts); a press from then on is the one that sends.
  await expect(confirmButton(app.page, 'Confirm close')).not.toHaveAttribute('aria-disabled', 'true');
  await holdEnter(app.page, 8);
  for (let press = 0; press < 4; press += 1) await app.page.keyboard.press('Enter');

  await expect(dialog(app.page)).toHaveCount(0);
  await expect.poll(() => heldQty(app.sim, account, 'AAPL')).toBeNull();
  expect(deleteRequests(app.sim)).toMatchObject([{ path: `/v1/trading/accounts/${account.id}/positions/AAPL` }]);
});

test('close all and close account unlock only on the exact account number, and a held Enter there sends once', async ({ app }) => {
  const flat = addSimAccount(app.sim, 'CONFIRM01', '0', []);
  const account = stagedAccount(app.sim, [
    { symbol: 'AAPL', qty: '5' },
    { symbol: 'TSLA', qty: '-3' },
  ]);
  await openAccount(app, account);
  const number = account.account_number;
  const typed = dialog(app.page).getByLabel(/Type the account number/);

  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  for (const nearMiss of ['', number.slice(0, -1), number.toLowerCase(), ` ${number}`]) {
    await typed.fill(nearMiss);
    await expect(confirmButton(app.page, 'Confirm close all')).toBeDisabled();
    await typed.press('Enter');
  }
  expect(deleteRequests(app.sim)).toEqual([]);
  app.sim.faults.latencyMs = 400;
  await typed.fill(number);
  await expect(confirmButton(app.page, 'Confirm close all')).toBeEnabled();
  await holdEnter(app.page, 8);
  await expect(dialog(app.page).getByRole('table', { name: 'Result per position' })).toBeVisible();
  await expect.poll(() => app.sim.state.positionsOf(account.id)).toEqual([]);
  expect(deleteRequests(app.sim)).toMatchObject([{ path: `/v1/trading/accounts/${account.id}/positions` }]);
  app.sim.faults.reset();
  await dialog(app.page).getByRole('button', { name: 'Done' }).click();

  await app.page.getByTestId(`account-item-${flat.id}`).click();
  await app.page.getByRole('button', { name: 'Close account…' }).click();
  const closeRequests = () => app.sim.requests.filter((request) => request.method === 'POST' && request.path === `/v1/accounts/${flat.id}/actions/close`);
  for (const nearMiss of [flat.account_number.slice(1), `${flat.account_number}0`, flat.account_number.toLowerCase()]) {
    await typed.fill(nearMiss);
    await expect(confirmButton(app.page, 'Confirm close account')).toBeDisabled();
    await typed.press('Enter');
  }
  expect(closeRequests()).toEqual([]);
  await typed.fill(flat.account_number);
  await expect(confirmButton(app.page, 'Confirm close account')).toBeEnabled();
  await holdEnter(app.page, 8);
  await expect.poll(() => app.sim.state.getAccount(flat.id)?.status).toBe('ACCOUNT_CLOSED');
  await app.page.waitForTimeout(300);
  expect(closeRequests()).toHaveLength(1);
});

test('a quote older than the stale limit locks Confirm until "Refresh quote" brings fresh prices', async ({ app }) => {
  await app.page.clock.install();
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  await openAccount(app, account);
  await app.page.getByRole('button', { name: 'Close AAPL', exact: true }).click();
  await expect(confirmButton(app.page, 'Confirm close')).toBeEnabled();

  await app.page.clock.fastForward(STALE_AFTER_MS + 1_000);
  const note = dialog(app.page).getByTestId('stale-quote-note');
  await expect(note).toBeVisible();
  await expect(confirmButton(app.page, 'Confirm close')).toBeDisabled();
  // Enter in the form's fields submits it; a locked Confirm keeps that from sending.
  await dialog(app.page).getByRole('radio', { name: 'Full' }).focus();
  await holdEnter(app.page, 3);
  // A poll that lands meanwhile does not count: the person asks for the prices and sees them.
  await app.page.clock.fastForward(6_000);
  await expect(confirmButton(app.page, 'Confirm close')).toBeDisabled();
  expect(deleteRequests(app.sim)).toEqual([]);

  await note.getByRole('button', { name: 'Refresh quote' }).click();
  await expect(note).toHaveCount(0);
  await expect(fact(dialog(app.page), 'Last price')).toHaveText(/\(\d s ago\)$/);
  await confirmButton(app.page, 'Confirm close').click();
  await expect.poll(() => heldQty(app.sim, account, 'AAPL')).toBeNull();
  expect(deleteRequests(app.sim)).toHaveLength(1);
});

test('a close refused for a position that is gone by the time the dialog re-reads keeps the broker code and request id on screen', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  await openAccount(app, account);
  await app.page.getByRole('button', { name: 'Close AAPL', exact: true }).click();

  // The simulator records the close as it arrives and handles it after the latency: the position goes in between.
  app.sim.faults.latencyMs = 600;
  await confirmButton(app.page, 'Confirm close').click();
  const [sent] = await recorded(app.sim, 1, (request) => request.method === 'DELETE');
  app.sim.state.setPositions(account.id, []);

  await expect(dialog(app.page)).toContainText(`AAPL is no longer open in account ${account.account_number}`);
  await expect(dialog(app.page).getByRole('alert')).toContainText(`(broker code 40410000, request id ${sent?.requestId})`);
  expect(deleteRequests(app.sim)).toHaveLength(1);
});
