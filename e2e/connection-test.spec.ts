import { expect, test } from './harness';
import { addConnectionInSettings } from './steps';

test('a wrong secret is refused when the connection is added, in the broker\'s words, and nothing is saved', async ({ app }) => {
  await app.open();
  await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Name', { exact: true }).fill('Desk wrong');
  await dialog.getByLabel('Broker', { exact: true }).selectOption('alpaca');
  await dialog.getByLabel('Base URL', { exact: true }).fill(app.sim.url);
  await dialog.getByLabel('Key ID', { exact: true }).fill(app.sim.keyId);
  await dialog.getByLabel('Secret key', { exact: true }).fill('not-the-secret-at-all');
  await dialog.getByRole('button', { name: 'Add connection' }).click();

  await expect(dialog.getByRole('alert')).toContainText('Alpaca refused the credentials (key id or secret is wrong or revoked). Alpaca said: "request is not authorized".');
  await expect(dialog.getByTestId('settings-connection-Desk wrong')).toHaveCount(0);
  expect(await app.vault.get('Desk wrong')).toBeNull();
  expect(app.received.join('\n')).not.toContain('not-the-secret-at-all');
});

test('a connection added with the right secret says what it reaches and shows its health', async ({ app }) => {
  await app.open();
  await addConnectionInSettings(app.page, { name: 'Desk right', baseUrl: app.sim.url, keyId: app.sim.keyId, secret: app.sim.secret });
  const accounts = app.sim.state.listAccounts().length;
  await expect(app.page.getByRole('status', { includeHidden: true }).filter({ hasText: `It reaches ${accounts} accounts.` })).toBeVisible();
  await expect(app.page.getByTestId('settings-connection-health-Desk right')).toContainText(`${accounts} accounts`);
  await expect(app.page.getByTestId('connection-health-Desk right')).toContainText('OK at');
});
