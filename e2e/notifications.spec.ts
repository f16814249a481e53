import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { errorNotice, openAccount, stagedAccount } from './steps';

// Notices say which connection and account they are about, and sit beside the tables: a refused cancel's notice once
// lay over "Cancel all orders…", where the next click meant for the button hit the notice instead.

const dialog = (page: Page) => page.getByRole('dialog');
const notices = (page: Page) => page.getByRole('region', { name: 'Notifications', includeHidden: true }).locator('[data-notice-id]');

interface Box {
  what: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Every shown notice that overlaps a button or a cell of the account's tables and toolbars, with what it covers. */
async function coveredByNotices(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const box = (element: Element, what: string): Box => {
      const rect = element.getBoundingClientRect();
      return { what, left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
    };
    const shown = (rect: Box) => rect.right > rect.left && rect.bottom > rect.top;
    const noticeBoxes = [...document.querySelectorAll('[data-notice-id]')].map((element, index) => box(element, `notice ${index + 1}`)).filter(shown);
    const targets = [...document.querySelectorAll('.panel-account button, .panel-account [role=gridcell], .panel-account [role=columnheader]')]
      .map((element) => box(element, element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName))
      .filter(shown);
    const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return noticeBoxes.flatMap((notice) => targets.filter((target) => overlaps(notice, target)).map((target) => `${notice.what} covers "${target.what}"`));
  });
}

async function dismissDialogIfOpen(page: Page): Promise<void> {
  if ((await dialog(page).count()) > 0) await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
}

test('notices name their connection and account and, several at once, cover no button or number of the tables at 1280x800 or 1600x1000', async ({ app }) => {
  const { sim, page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  const account = stagedAccount(sim, [
    { symbol: 'AAPL', qty: '12' },
    { symbol: 'MSFT', qty: '3' },
    { symbol: 'TSLA', qty: '4' },
  ]);
  const tslaSell = sim.state.addOrder(account.id, { symbol: 'TSLA', side: 'sell', qty: '1', type: 'limit', limit_price: '900', time_in_force: 'gtc' });
  const stuck = sim.state.addOrder(account.id, { symbol: 'GME', side: 'buy', qty: '3', type: 'limit', limit_price: '1', time_in_force: 'day' });
  sim.state.addOrder(account.id, { symbol: 'GME', side: 'buy', qty: '2', type: 'limit', limit_price: '1', time_in_force: 'day' });
  sim.state.uncancelable.add(stuck.id);
  await openAccount(app, account);
  const source = `Alpaca sim · ${account.account_number}`;

  for (const symbol of ['AAPL', 'MSFT']) {
    await page.getByRole('button', { name: `Close ${symbol}`, exact: true }).click();
    await dialog(page).getByRole('button', { name: 'Confirm close', exact: true }).click();
    await expect(notices(page).filter({ hasText: `${source} — Close ${symbol} in account` }).first()).toBeVisible();
    await dismissDialogIfOpen(page);
    expect(await coveredByNotices(page)).toEqual([]);
  }

  await page.getByRole('button', { name: 'Cancel order TSLA sell 1' }).click();
  await dialog(page).getByRole('button', { name: 'Confirm cancel' }).click();
  await dismissDialogIfOpen(page);
  await expect(notices(page).filter({ hasText: `${source} — ` }).filter({ hasText: tslaSell.id }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Cancel order GME buy 3' }).click();
  await dialog(page).getByRole('button', { name: 'Confirm cancel' }).click();
  await expect(errorNotice(page, `${source} — Cancel order GME (${stuck.id}) in account ${account.account_number} failed`)).toHaveCount(1);
  await dismissDialogIfOpen(page);

  await page.getByRole('button', { name: 'Cancel all orders…' }).click();
  await dialog(page).getByRole('button', { name: /^Confirm cancel of all/ }).click();
  await expect(dialog(page).getByRole('table', { name: 'Result per order' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(notices(page).filter({ hasText: `${source} — Cancel accepted for 1 of 2 orders; 1 refused` })).toHaveCount(1);

  // Errors and partly refused results stay until dismissed; the successes may have timed out on a slow machine.
  expect(await notices(page).count()).toBeGreaterThanOrEqual(2);
  for (const text of await notices(page).allTextContents()) expect(text).toContain(`${source} — `);
  await expect(page.getByRole('button', { name: 'Cancel all orders…' })).toBeVisible();
  expect(await coveredByNotices(page)).toEqual([]);

  await page.setViewportSize({ width: 1600, height: 1000 });
  expect(await coveredByNotices(page)).toEqual([]);
  // Reachable as it is shown: a click on the button lands on the button, not on a notice over it.
  await page.getByRole('button', { name: 'Close all positions…' }).click({ trial: true });
});
