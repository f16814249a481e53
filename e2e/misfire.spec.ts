import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { deleteRequests, heldQty, openAccount, stagedAccount } from './steps';

// A confirmation arms only after it has been in view for a moment, and then only for a fresh press: the Enter that
// opened it, held down or pressed again, never sends. The simulator's own record of requests is the proof.

const dialog = (page: Page) => page.getByRole('dialog');

/** Holds Enter down for about `ms`, with the auto-repeat a keyboard sends every 50 ms. */
async function holdEnterFor(page: Page, ms: number): Promise<void> {
  await page.keyboard.down('Enter');
  for (let elapsed = 0; elapsed < ms; elapsed += 50) {
    await page.waitForTimeout(50);
    await page.keyboard.down('Enter');
  }
  await page.keyboard.up('Enter');
}

test('an Enter held on a row’s Close opens the dialog and, held long past arming, sends nothing', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close AAPL', exact: true }).focus();
  await holdEnterFor(app.page, 1500);

  await expect(dialog(app.page)).toHaveAccessibleName('Close AAPL');
  await expect(dialog(app.page).getByRole('button', { name: 'Cancel' })).toBeFocused();
  expect(deleteRequests(app.sim)).toEqual([]);
  expect(heldQty(app.sim, account, 'AAPL')).toBe('10');
});

test('a double Enter on a row’s Close, quick or slow, never sends: the second lands on Cancel or is ignored', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  await openAccount(app, account);
  const close = app.page.getByRole('button', { name: 'Close AAPL', exact: true });

  await close.focus();
  await app.page.keyboard.press('Enter');
  await app.page.keyboard.press('Enter');
  // How fast the dialog mounts decides where the second Enter goes: to the row again while it opens (the dialog stays,
  // unarmed), or to the dialog's Cancel (the dialog closes). Either way nothing is sent, and nothing is later either.
  await app.page.waitForTimeout(700);
  expect(deleteRequests(app.sim)).toEqual([]);
  if ((await dialog(app.page).count()) > 0) {
    await expect(dialog(app.page)).toHaveAccessibleName('Close AAPL');
    await expect(dialog(app.page).getByRole('button', { name: 'Cancel' })).toBeFocused();
    await app.page.keyboard.press('Escape');
  }
  await expect(dialog(app.page)).toHaveCount(0);
  await close.focus();
  await app.page.keyboard.press('Enter');
  await app.page.waitForTimeout(700);
  await app.page.keyboard.press('Enter');
  await expect(dialog(app.page)).toHaveCount(0);

  await app.page.waitForTimeout(300);
  expect(deleteRequests(app.sim)).toEqual([]);
  expect(heldQty(app.sim, account, 'AAPL')).toBe('10');
});

test('a partial close starts in the amount field, and Enter there sends only once the dialog has armed', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Partial close of AAPL' }).click();
  const quantity = dialog(app.page).getByLabel('Quantity to close (shares)');
  await expect(quantity).toBeFocused();
  await app.page.keyboard.type('4');
  await expect(dialog(app.page).getByRole('button', { name: 'Confirm close' })).not.toHaveAttribute('aria-disabled', 'true');
  await app.page.keyboard.press('Enter');

  await expect.poll(() => heldQty(app.sim, account, 'AAPL')).toBe('6');
  expect(deleteRequests(app.sim).map((request) => request.query)).toEqual([{ qty: '4' }]);
});
