// `npm run screenshots`: the README's pictures, taken from `closeout ui` in demo mode in headless Chromium, as a
// newcomer's first `npm start` shows the app. Writes docs/screenshots/*.png.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import type { Account } from '../shared/domain';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = path.join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CLOSEOUT_CHROMIUM ?? '/usr/bin/chromium';
// The app window's own size (electron/main.ts).
const VIEWPORT = { width: 1440, height: 900 };
const WAIT_MS = 30_000;

/** Each demo connection and the file its main view goes to. */
const BROKERS = [
  ['Alpaca demo', 'alpaca'],
  ['Clear Street demo', 'clearstreet'],
  ['Exness demo', 'exness'],
  ['ScaleTrade demo', 'scaletrade'],
] as const;

/** Starts `closeout ui` in demo mode and resolves with the address it prints, and a way to stop it. */
function startUi(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'closeout.mjs'), 'ui', '--no-open', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let stdout = '';
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!stdout.includes('\n')) return;
      const { url } = JSON.parse(stdout) as { url: string };
      resolve({ url, stop: () => (child.kill('SIGINT'), exited) });
    });
    void exited.then(() => reject(new Error('closeout ui stopped before printing its address')));
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  // Let animations and the dialogs' arming settle, so the picture shows the resting state.
  await page.waitForTimeout(700);
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(path.relative(ROOT, file));
}

/** Opens a connection and its first account that holds positions, and waits until they show. */
async function openFirstAccount(page: Page, connection: string): Promise<void> {
  await page.getByTestId(`connection-item-${connection}`).click();
  const accounts = page.locator('[data-testid^="account-item-"]');
  await accounts.first().waitFor();
  const rows = page.locator('[data-testid^="position-row-"]');
  for (let index = 0; index < (await accounts.count()); index += 1) {
    await accounts.nth(index).click();
    await rows.first().or(page.getByText('No open positions in this account.')).waitFor();
    if ((await rows.count()) > 0) return;
  }
  throw new Error(`no ${connection} account holds positions`);
}

async function accountsOf(page: Page, connection: string): Promise<Account[]> {
  const answer = await page.evaluate((name) => window.closeout.invoke('accounts:list', { connection: name }), connection);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const ui = await startUi();
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(ui.url);
    for (const [connection, name] of BROKERS) {
      await openFirstAccount(page, connection);
      await shoot(page, name);
    }

    await openFirstAccount(page, 'Alpaca demo');
    await page.getByRole('button', { name: /^Close [A-Z]+$/ }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm close', exact: true }).waitFor();
    await shoot(page, 'confirm-close');
    await dialog.getByRole('button', { name: 'Confirm close', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /accepted/ }).first().waitFor();

    await page.getByRole('button', { name: 'Wind down accounts…' }).click();
    const numbers = (await accountsOf(page, 'Alpaca demo')).slice(0, 5).map((account) => account.number);
    await dialog.getByLabel('Accounts to wind down (ids or account numbers)').fill(numbers.join('\n'));
    await dialog.getByRole('button', { name: 'Check accounts' }).click();
    await dialog.getByTestId('wind-down-status').waitFor();
    await shoot(page, 'wind-down-preflight');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Activity', exact: true }).click();
    await dialog.locator('[data-testid^="audit-row-"]').first().waitFor();
    await shoot(page, 'activity');
  } finally {
    await browser.close();
    await ui.stop();
  }
}

await main();
