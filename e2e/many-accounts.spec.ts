import { demoData } from '../sim/alpaca/demoData';
import { withManyAccounts } from '../sim/alpaca/manyAccounts';
import { expect, test } from './harness';

// A support desk's book: 100,000 accounts, which Alpaca answers 1,000 a GET. Every one must be reachable.

const ACCOUNTS = 100_000;
const data = withManyAccounts(demoData(), ACCOUNTS);
const last = data.accounts.at(-1)?.account;
test.use({ simOptions: { data, fillDelayMs: 150 } });
// Building the book, reading 101 pages and painting them takes a while on a busy two-core machine.
test.setTimeout(240_000);

test('the picker streams 100,000 accounts with a count and reaches the last one by scrolling', async ({ app }) => {
  if (!last) throw new Error('the book has no accounts');
  await app.open();
  const listbox = app.page.getByRole('listbox', { name: 'Accounts' });
  // The first page shows while the rest are read.
  await expect(listbox.getByRole('option').first()).toBeVisible({ timeout: 60_000 });
  await expect(app.page.getByTestId('account-count')).toHaveText('100,000', { timeout: 180_000 });
  await expect(app.page.getByTestId('accounts-loading')).toHaveCount(0);

  await listbox.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  const option = app.page.getByTestId(`account-item-${last.id}`);
  await expect(option).toBeVisible();
  await expect(option).toContainText('900100000');
  await expect(option).toHaveAttribute('aria-posinset', String(ACCOUNTS));
  const pages = app.sim.requests.filter((request) => request.path === '/v1/accounts' && request.query.query === undefined);
  expect(pages.length).toBeGreaterThan(100);
});

test('the picker finds account 100,000 by search, locally and at the broker', async ({ app }) => {
  if (!last) throw new Error('the book has no accounts');
  await app.open();
  const listbox = app.page.getByRole('listbox', { name: 'Accounts' });
  await expect(listbox.getByRole('option').first()).toBeVisible({ timeout: 60_000 });

  // Typed before the list has loaded that far: the broker's own search finds it.
  await app.page.getByRole('combobox', { name: 'Search accounts' }).fill('900100000');
  await expect(listbox.getByRole('option')).toHaveCount(1, { timeout: 60_000 });
  await expect(app.page.getByTestId(`account-item-${last.id}`)).toContainText(`${last.identity.given_name} ${last.identity.family_name}`);
  await expect.poll(() => app.sim.requests.some((request) => request.path === '/v1/accounts' && request.query.query === '900100000')).toBe(true);

  await app.page.getByTestId(`account-item-${last.id}`).click();
  await expect(app.page.getByRole('heading', { level: 2, name: '900100000' })).toBeVisible();
});
