import type { Page } from '@playwright/test';
import { expect, test, type Harness } from './harness';
import { addConnectionInSettings } from './steps';

const NAME = 'Alpaca desk';

async function listedNames(app: Harness): Promise<string[]> {
  const listed = await app.core.handlers['connections:list']({});
  return listed.map((connection) => connection.name);
}

async function addDeskConnection(app: Harness): Promise<void> {
  await addConnectionInSettings(app.page, { name: NAME, baseUrl: app.sim.url, keyId: app.sim.keyId, secret: app.sim.secret });
}

async function expectAccountsLoad(app: Harness): Promise<void> {
  await app.page.getByTestId(`connection-item-${NAME}`).click();
  await expect(app.page.getByTestId(`connection-item-${NAME}`)).toHaveAttribute('aria-current', 'true');
  await expect(app.page.getByRole('listbox', { name: 'Accounts' }).getByRole('option')).toHaveCount(app.sim.state.listAccounts().length);
}

const closeSettings = (page: Page) => page.getByRole('dialog').getByRole('button', { name: 'Close dialog' }).click();

test('a connection added in Settings is listed, keeps its secret in the keychain and loads the accounts', async ({ app }) => {
  await app.open();
  const accountReads = () => app.sim.requests.filter((request) => request.path === '/v1/accounts').length;

  await addDeskConnection(app);

  const row = app.page.getByTestId(`settings-connection-${NAME}`);
  await expect(row).toContainText('Alpaca');
  await expect(row).toContainText(app.sim.url);
  await expect(app.page.getByRole('status', { includeHidden: true }).filter({ hasText: `Connection “${NAME}” added` })).toBeVisible();
  expect(await listedNames(app)).toContain(NAME);
  expect(await app.vault.get(NAME)).toBe(app.sim.secret);

  await closeSettings(app.page);
  const before = accountReads();
  await expectAccountsLoad(app);
  expect(accountReads()).toBeGreaterThan(before);
});

test('removing a connection drops it from the app and its secret from the keychain, and the name can be added again', async ({ app }) => {
  await app.open();
  await addDeskConnection(app);
  expect(await app.vault.get(NAME)).toBe(app.sim.secret);

  await app.page.getByRole('button', { name: `Remove ${NAME}`, exact: true }).click();
  await app.page.getByRole('button', { name: `Confirm remove ${NAME}` }).click();

  await expect(app.page.getByTestId(`settings-connection-${NAME}`)).toHaveCount(0);
  expect(await listedNames(app)).not.toContain(NAME);
  expect(await app.vault.get(NAME)).toBeNull();
  await closeSettings(app.page);
  await expect(app.page.getByTestId(`connection-item-${NAME}`)).toHaveCount(0);

  await addDeskConnection(app);
  expect(await app.vault.get(NAME)).toBe(app.sim.secret);
  await closeSettings(app.page);
  await expectAccountsLoad(app);
});

test('a second connection under a name already in use is refused on the Name field and stores nothing', async ({ app }) => {
  await app.open();
  await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = app.page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('Alpaca sim');
  await dialog.getByLabel('Base URL', { exact: true }).fill(app.sim.url);
  await dialog.getByLabel('Key ID', { exact: true }).fill('another-key');
  await dialog.getByLabel('Secret key', { exact: true }).fill('another-secret');
  await dialog.getByRole('button', { name: 'Add connection' }).click();

  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.locator('.field-error')).toContainText('already exists');
  await expect(dialog.getByLabel('Secret key', { exact: true })).toHaveValue('');
  expect(await app.vault.get('Alpaca sim')).toBe(app.sim.secret);
  expect((await listedNames(app)).filter((name) => name === 'Alpaca sim')).toHaveLength(1);
});
