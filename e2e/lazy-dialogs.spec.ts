import type { Page } from '@playwright/test';
import { ARM_DELAY_MS } from '../renderer/hooks/useArming';
import { expect, test } from './harness';
import { deleteRequests, heldQty, openAccount, stagedAccount } from './steps';

// Each dialog is a chunk of its own, fetched in idle time after start or when first opened. One whose chunk is slow
// shows a placeholder that takes no key but Esc, and a confirmation arms only once the dialog itself has been in view
// for the arming delay, however long the click that opened it was before.

const CLOSE_ALL_CHUNK = /\/assets\/CloseAllDialog-[^/]+\.js$/;

/** Holds the close-all dialog's chunk back until release() is called. */
async function holdCloseAllChunk(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(CLOSE_ALL_CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  return () => release();
}

interface ArmingTimes {
  clickedAt?: number;
  shownAt?: number;
  armedAt?: number;
}

/** Records, on the page's clock, the first click, when a dialog enters the page and when its confirm button arms. */
async function recordArming(page: Page): Promise<() => Promise<ArmingTimes>> {
  await page.evaluate(() => {
    const times: ArmingTimes = {};
    (window as unknown as { __arming: ArmingTimes }).__arming = times;
    window.addEventListener('click', () => (times.clickedAt ??= performance.now()), true);
    new MutationObserver(() => {
      if (document.querySelector('[role="dialog"]')) times.shownAt ??= performance.now();
      const confirm = document.querySelector('[role="dialog"] [data-confirm]');
      if (confirm && !confirm.hasAttribute('aria-disabled')) times.armedAt ??= performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-disabled'] });
  });
  return () => page.evaluate(() => (window as unknown as { __arming: ArmingTimes }).__arming);
}

test('a dialog whose chunk is slow opens on a placeholder that ignores keys, and arms a full delay after it shows', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  const release = await holdCloseAllChunk(app.page);
  await openAccount(app, account);
  const times = await recordArming(app.page);

  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  await expect(app.page.getByRole('status').filter({ hasText: 'Opening…' })).toBeVisible();
  await expect(app.page.getByRole('dialog')).toHaveCount(0);
  // Longer than the arming delay: a delay counted from the click would be over before the dialog shows.
  await app.page.waitForTimeout(ARM_DELAY_MS * 2);
  await app.page.keyboard.press('Enter');

  release();
  const dialog = app.page.getByRole('dialog');
  await expect(dialog).toHaveAccessibleName(/Close all/);
  const confirm = dialog.getByRole('button', { name: 'Confirm close all' });
  await expect(confirm).not.toHaveAttribute('aria-disabled', 'true');

  const { clickedAt, shownAt, armedAt } = await times();
  if (clickedAt === undefined || shownAt === undefined || armedAt === undefined) throw new Error(`missing times: ${JSON.stringify({ clickedAt, shownAt, armedAt })}`);
  expect(shownAt - clickedAt).toBeGreaterThanOrEqual(ARM_DELAY_MS * 2);
  // A timer never fires early; the margin is the page clock's coarsening.
  expect(armedAt - shownAt).toBeGreaterThanOrEqual(ARM_DELAY_MS - 5);

  await app.page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect(deleteRequests(app.sim)).toEqual([]);
  expect(heldQty(app.sim, account, 'AAPL')).toBe('10');
});

test('Esc while a dialog is still loading gives up opening it, and it does not appear when its chunk arrives', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '10' }]);
  const release = await holdCloseAllChunk(app.page);
  await openAccount(app, account);

  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  await expect(app.page.getByTestId('dialog-loading')).toBeVisible();
  await app.page.keyboard.press('Escape');
  await expect(app.page.getByTestId('dialog-loading')).toHaveCount(0);

  const arrived = app.page.waitForResponse(CLOSE_ALL_CHUNK);
  release();
  await arrived;
  await app.page.waitForTimeout(300);
  await expect(app.page.getByRole('dialog')).toHaveCount(0);
  // The next open shows the dialog at once, from the loaded chunk.
  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  await expect(app.page.getByRole('dialog')).toHaveAccessibleName(/Close all/);
  await expect(app.page.getByTestId('dialog-loading')).toHaveCount(0);
  expect(deleteRequests(app.sim)).toEqual([]);
});
