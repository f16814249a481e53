import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './harness';
import { addConnectionInSettings, errorNotice, heldQty, stagedAccount } from './steps';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** The secret itself and the Basic credentials Alpaca receives, the form in which it would most likely be echoed. */
function secretForms(keyId: string, secret: string): string[] {
  return [secret, Buffer.from(`${keyId}:${secret}`).toString('base64')];
}

test('no secret reaches the renderer, the DOM, web storage, the data folder or the console', async ({ app }) => {
  const { page, sim } = app;
  const consoleOutput: string[] = [];
  page.on('console', (message) => consoleOutput.push(message.text()));
  page.on('pageerror', (error) => consoleOutput.push(`${error.message}\n${error.stack ?? ''}`));
  const wrongSecret = `${sim.secret.slice(0, 8)}-rotated-${sim.secret.slice(-8)}`;
  const account = stagedAccount(sim, [
    { symbol: 'AAPL', qty: '10' },
    { symbol: 'MSFT', qty: '4' },
  ]);
  sim.state.addOrder(account.id, { symbol: 'MSFT', side: 'sell', qty: '4', type: 'limit', limit_price: '600', time_in_force: 'gtc' });

  await app.open();
  await addConnectionInSettings(page, { name: 'Alpaca desk', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
  await addConnectionInSettings(page, { name: 'Alpaca rotated', baseUrl: sim.url, keyId: sim.keyId, secret: sim.secret });
  // Adding tests the secret, so a wrong one never gets this far: the keychain entry changes behind the app instead.
  await app.vault.set('Alpaca rotated', wrongSecret);
  await page.getByRole('dialog').getByRole('button', { name: 'Close dialog' }).click();

  await page.getByTestId('connection-item-Alpaca rotated').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Alpaca refused the credentials' })).toBeVisible();

  await page.getByTestId('connection-item-Alpaca desk').click();
  await page.getByTestId(`account-item-${account.id}`).click();
  await page.getByRole('button', { name: 'Close AAPL', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect.poll(() => heldQty(sim, account, 'AAPL')).toBeNull();

  await page.getByRole('button', { name: 'Close MSFT', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect(errorNotice(page, 'insufficient qty available for order')).toContainText('broker code 40310000');

  const forms = [...secretForms(sim.keyId, sim.secret), ...secretForms(sim.keyId, wrongSecret)];
  const places: Array<[string, string]> = [
    ['envelopes the renderer received', app.received.join('\n')],
    ['DOM', await page.content()],
    [
      'web storage',
      await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])),
    ],
    ['console', consoleOutput.join('\n')],
  ];
  const files = await filesUnder(app.dataDir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) places.push([`file ${path.relative(app.dataDir, file)}`, await readFile(file, 'utf8')]);

  expect(app.received.length).toBeGreaterThan(0);
  for (const [place, text] of places) {
    for (const form of forms) expect(text.includes(form), `a secret in the ${place}`).toBe(false);
  }
});
