import type { Page } from '@playwright/test';
import { startScaleTradeSim, type ScaleTradeSim } from '../sim/scaletrade/server';
import { checkAccessibility } from './axe';
import { addSimAccount } from './closeoutSteps';
import { expect, test } from './harness';

// Flatten from the UI across two brokers at once: an Alpaca simulator (the harness's) and a ScaleTrade simulator
// started beside it, each behind its own connection of the same core.

const SCALETRADE = 'ScaleTrade sim';
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Flatten accounts' });

let scaletrade: ScaleTradeSim;

test.beforeEach(async () => {
  scaletrade = await startScaleTradeSim({ fillDelayMs: 100, rateLimit: { limit: 12, windowMs: 500 } });
});

test.afterEach(async () => {
  await scaletrade.close();
});

test('flattens an Alpaca account and a ScaleTrade login at once, by keyboard, with one plan, a typed count and a result per item', async ({ app }) => {
  const { page, sim } = app;
  const account = addSimAccount(sim, 'FLATTEN1', '1000', [{ symbol: 'AAPL', qty: '10' }, { symbol: 'MSFT', qty: '3' }]);
  const added = await app.core.dispatch('connections:add', { name: SCALETRADE, broker: 'scaletrade', baseUrl: scaletrade.url, login: scaletrade.login, secret: scaletrade.password });
  expect(added.ok).toBe(true);
  await app.open();

  const opener = page.getByRole('button', { name: 'Flatten…' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const box = dialog(page);
  await expect(box).toBeVisible();

  // Pick: ScaleTrade whole, Alpaca only the one account, all with Tab and Space.
  await box.getByRole('checkbox', { name: SCALETRADE, exact: true }).focus();
  await page.keyboard.press('Space');
  await box.getByRole('checkbox', { name: app.connection, exact: true }).focus();
  await page.keyboard.press('Space');
  await box.getByRole('checkbox', { name: `All accounts of ${app.connection}` }).focus();
  await page.keyboard.press('Space');
  const mine = box.getByRole('checkbox', { name: /FLATTEN1/ });
  await mine.focus();
  await page.keyboard.press('Space');
  await expect(mine).toBeChecked();
  await expect(box.getByRole('button', { name: 'Read the accounts' })).toBeEnabled();
  await box.getByRole('button', { name: 'Read the accounts' }).focus();
  await page.keyboard.press('Enter');

  await expect(box.getByTestId('flatten-status')).toHaveText('27 positions to close and 0 orders to cancel in 2 accounts.', { timeout: 20_000 });
  const alpacaPlan = box.getByTestId(`flatten-plan-${app.connection}-FLATTEN1`);
  await expect(alpacaPlan).toContainText('AAPL long 10');
  await expect(alpacaPlan).toContainText('MSFT long 3');
  const scalePlan = box.locator(`[data-testid^="flatten-plan-${SCALETRADE}-"]`);
  await expect(scalePlan.getByTestId('flatten-cannot')).toContainText('4 open orders stay');
  await checkAccessibility(page, 'the flatten plan', '[role="dialog"]');
  expect(sim.requests.filter((request) => request.method !== 'GET')).toEqual([]);

  // The typed count arms the confirm button; nothing goes before it.
  const confirm = box.getByRole('button', { name: 'Flatten: close 27 positions' });
  const count = box.getByLabel(/the number of positions that will be closed/);
  await expect(count).toBeFocused();
  await expect(confirm).toBeDisabled();
  await page.keyboard.type('26');
  await expect(confirm).toBeDisabled();
  await page.keyboard.press('Backspace');
  await page.keyboard.type('7');
  await expect(confirm).toBeEnabled();
  await confirm.focus();
  await page.keyboard.press('Enter');

  await expect(box.getByTestId('flatten-status')).toHaveText('Flatten finished: 27 done, 0 refused, 0 outcome unknown.', { timeout: 60_000 });
  await expect(box.getByTestId(`flatten-result-${app.connection}-AAPL`)).toHaveAttribute('data-state', /accepted|filled/);
  await expect(box.getByTestId(`flatten-result-${app.connection}-MSFT`)).toHaveAttribute('data-state', /accepted|filled/);
  await expect(box.getByRole('table', { name: 'Result per item' }).getByRole('row')).toHaveCount(28);
  await checkAccessibility(page, 'the flatten results', '[role="dialog"]');
  expect(sim.requests.filter((request) => request.method === 'DELETE' && request.path.includes(account.id))).toHaveLength(2);
  const closes = scaletrade.requests.filter((request) => request.method !== 'GET' && request.path !== '/sign/in');
  // Every ticket's close reached ScaleTrade; a close its rate limit turned away (429) went again once the wait was over.
  expect(new Set(closes.map((request) => JSON.stringify(request.body))).size).toBe(25);
  await expect.poll(() => scaletrade.state.tradesOf(scaletrade.login).length, { timeout: 15_000 }).toBe(0);

  // Done closes the dialog and focus goes back to the button that opened it.
  await box.getByRole('button', { name: 'Done' }).focus();
  await page.keyboard.press('Enter');
  await expect(box).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('Esc before anything is sent closes the dialog, sends nothing and returns focus to Flatten…', async ({ app }) => {
  const { page, sim } = app;
  await app.open();
  const opener = page.getByRole('button', { name: 'Flatten…' });
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(page).getByRole('button', { name: 'Close', exact: true })).toBeFocused();
  await dialog(page).getByRole('checkbox', { name: 'All connections' }).focus();
  await page.keyboard.press('Space');
  await dialog(page).getByRole('button', { name: 'Read the accounts' }).click();
  await expect(dialog(page).getByTestId('flatten-status')).toContainText('positions to close', { timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(opener).toBeFocused();
  expect(sim.requests.filter((request) => request.method !== 'GET')).toEqual([]);
});
