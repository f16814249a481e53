import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect as baseExpect, test as base, type Page } from '@playwright/test';
import { closeoutRunner, KEYCHAIN_READY, KEYCHAIN_REASON, type RunningCloseout } from '../electron/cli/spawnCloseout.testkit';
import { EVENTS_PATH, INVOKE_PATH, REFUSALS, SESSION_HEADER } from '../shared/webBridge';
import { startAlpacaSim } from '../sim/alpaca/server';
import { expect, test, type Harness } from './harness';
import { heldQty, openAccount, stagedAccount } from './steps';

// `closeout ui` as an attacker and as a newcomer meet it: every refused request changes nothing at the broker or in
// the journal, the demo works end to end from the real command, and saved connections need --real.

interface Answer {
  status: number;
  body: string;
}

/** A raw request to the server the page is served by, with any Host, Origin and token a local process could send. */
function rawRequest(app: Harness, method: string, pathname: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const { port } = new URL(app.web.origin);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: pathname, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function ownHeaders(app: Harness): Record<string, string> {
  return { host: new URL(app.web.origin).host, origin: app.web.origin, authorization: `Bearer ${app.web.token}`, 'content-type': 'application/json' };
}

/** What the broker was asked to change and what the journal recorded: a refusal must leave both as they were. */
async function changes(app: Harness): Promise<{ sent: string[]; audit: unknown[] }> {
  const audit = await app.core.dispatch('audit:list', {});
  if (!audit.ok) throw new Error(audit.error.message);
  return { sent: app.sim.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`), audit: audit.data as unknown[] };
}

test('a close without the token, with a wrong one, from another Origin or Host, or from a second client is refused and changes nothing', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '12' }]);
  await openAccount(app, account);
  const close = JSON.stringify({ channel: 'position:close', request: { connection: app.connection, accountId: account.id, positionId: 'AAPL', amount: { kind: 'all' } } });
  const own = ownHeaders(app);
  const { port } = new URL(app.web.origin);
  const wrongToken = `${app.web.token.slice(0, -2)}xx`;
  const before = await changes(app);
  expect(before.sent).toEqual([]);

  const attempts: Array<[string, Record<string, string>, number]> = [
    ['no token', { ...own, authorization: '' }, 401],
    ['a wrong token', { ...own, authorization: `Bearer ${wrongToken}` }, 401],
    ['another site', { ...own, origin: 'https://evil.example' }, 403],
    ['another port on this machine', { ...own, origin: `http://127.0.0.1:${Number(port) + 1}` }, 403],
    ['a rebound DNS name', { ...own, host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, 403],
    ['the token but no session', own, 409],
    ['the token and a made-up session', { ...own, [SESSION_HEADER]: 'f'.repeat(32) }, 409],
  ];
  for (const [what, headers, status] of attempts) {
    const answer = await rawRequest(app, 'POST', INVOKE_PATH, headers, close);
    expect(answer.status, what).toBe(status);
  }
  const secondClient = await rawRequest(app, 'POST', EVENTS_PATH, own);
  expect(secondClient).toEqual({ status: 409, body: REFUSALS[409] });

  expect(await changes(app)).toEqual(before);
  expect(heldQty(app.sim, account, 'AAPL')).toBe('12');
});

test('a page on another origin that has the token still cannot call Closeout, and a second tab is told it is open elsewhere', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '12' }]);
  await openAccount(app, account);
  const before = await changes(app);
  const outside = http.createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
  await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
  try {
    const page = await app.page.context().newPage();
    await page.goto(`http://127.0.0.1:${(outside.address() as AddressInfo).port}/`);
    const outcome = await page.evaluate(
      async ({ origin, token, close }) => {
        const withToken = await fetch(`${origin}/api/invoke`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: close }).then(
          () => 'answered',
          (error: Error) => `blocked: ${error.name}`,
        );
        // A "simple" request goes without a preflight: the server refuses it by its Origin (and its answer's
        // Cross-Origin-Resource-Policy keeps even the refusal from the page).
        const simple = await fetch(`${origin}/api/invoke`, { method: 'POST', mode: 'no-cors', body: close }).then(() => 'sent', (error: Error) => `blocked: ${error.name}`);
        return { withToken, simple };
      },
      { origin: app.web.origin, token: app.web.token, close: JSON.stringify({ channel: 'position:close', request: { connection: app.connection, accountId: account.id, positionId: 'AAPL', amount: { kind: 'all' } } }) },
    );
    expect(outcome).toEqual({ withToken: 'blocked: TypeError', simple: 'blocked: TypeError' });

    const secondTab = await app.page.context().newPage();
    await secondTab.goto(app.web.url);
    await expect(secondTab.getByRole('alert')).toHaveText(REFUSALS[409], { timeout: 15_000 });
    await page.close();
    await secondTab.close();
  } finally {
    outside.closeAllConnections();
    outside.close();
  }
  expect(await changes(app)).toEqual(before);
  expect(heldQty(app.sim, account, 'AAPL')).toBe('12');
  // The first tab still holds the session and works.
  await expect(app.page.getByRole('button', { name: 'Close AAPL', exact: true })).toBeVisible();
});

// The real command, as a newcomer runs it.

const uiTest = base.extend<{ dataDir: string }>({
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'closeout-e2e-ui-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
});

// A start of the command on a busy machine: the core, four simulators in demo mode, the server.
const START_TIMEOUT_MS = 60_000;

/** Starts `closeout ui` and waits for the address it prints in --json. */
async function startUi(dataDir: string, args: string[]): Promise<{ running: RunningCloseout; url: string; origin: string; demo: boolean }> {
  const running = closeoutRunner(() => dataDir).start(['ui', '--no-open', '--json', ...args]);
  await baseExpect.poll(() => running.output().stdout, { timeout: START_TIMEOUT_MS }).toContain('\n');
  return { running, ...(JSON.parse(running.output().stdout) as { url: string; origin: string; demo: boolean }) };
}

async function stopUi(running: RunningCloseout): Promise<void> {
  running.kill('SIGINT');
  baseExpect((await running.finished).code).toBe(0);
}

function connectionNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid^="connection-item-"]').evaluateAll((items) => items.map((item) => item.getAttribute('data-testid')?.replace('connection-item-', '') ?? ''));
}

uiTest('the demo works end to end in the browser: closeout ui, a demo account, a close confirmed and accepted', async ({ page, dataDir }) => {
  uiTest.setTimeout(120_000);
  const ui = await startUi(dataDir, []);
  try {
    baseExpect(ui.demo).toBe(true);
    await page.goto(ui.url);
    await baseExpect(page.getByText('DEMO').first()).toBeVisible();
    baseExpect(page.url()).toBe(`${ui.origin}/`);
    await page.getByTestId('connection-item-Alpaca demo').click();
    await page.locator('[data-testid^="account-item-"]').first().click();
    const close = page.getByRole('button', { name: /^Close [A-Z]+$/ }).first();
    await close.click();
    const dialog = page.getByRole('dialog');
    await baseExpect(dialog.getByText(/^Closeout will send: close all/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Confirm close', exact: true }).click();
    await baseExpect(dialog).toHaveCount(0);
    await baseExpect(page.getByRole('status').filter({ hasText: /accepted/ }).first()).toBeVisible({ timeout: 15_000 });
  } finally {
    await stopUi(ui.running);
  }
  await baseExpect(fetch(ui.origin)).rejects.toThrow();
});

uiTest('saved connections and their keychain secrets are served only with --real', async ({ page, dataDir }) => {
  uiTest.skip(!KEYCHAIN_READY, KEYCHAIN_REASON);
  uiTest.setTimeout(180_000);
  const sim = await startAlpacaSim({});
  const runner = closeoutRunner(() => dataDir);
  const keychain = { CLOSEOUT_KEYCHAIN_SERVICE: `closeout-e2e-ui-${path.basename(dataDir)}` };
  const added = await runner.run(['connections', 'add', 'Saved desk', '--broker', 'alpaca', '--base-url', sim.url, '--key-id', sim.keyId], { input: sim.secret, env: keychain, timeoutMs: START_TIMEOUT_MS });
  baseExpect(added.code, added.stderr).toBe(0);
  // Adding may check the credentials at the broker; from here on, only a --real server may reach it.
  const askedWhenAdded = sim.requests.length;
  try {
    const demo = closeoutRunner(() => dataDir).start(['ui', '--no-open', '--json'], { env: keychain });
    await baseExpect.poll(() => demo.output().stdout, { timeout: START_TIMEOUT_MS }).toContain('\n');
    const demoUrl = (JSON.parse(demo.output().stdout) as { url: string }).url;
    await page.goto(demoUrl);
    await baseExpect(page.getByTestId('connection-item-Alpaca demo')).toBeVisible();
    baseExpect(await connectionNames(page)).not.toContain('Saved desk');
    await stopUi(demo);
    baseExpect(sim.requests.length).toBe(askedWhenAdded);

    const real = closeoutRunner(() => dataDir).start(['ui', '--no-open', '--json', '--real'], { env: keychain });
    await baseExpect.poll(() => real.output().stdout, { timeout: START_TIMEOUT_MS }).toContain('\n');
    const served = JSON.parse(real.output().stdout) as { url: string; demo: boolean };
    baseExpect(served.demo).toBe(false);
    await page.goto(served.url);
    await page.getByTestId('connection-item-Saved desk').click();
    await baseExpect(page.locator('[data-testid^="account-item-"]').first()).toBeVisible();
    baseExpect(await connectionNames(page)).toEqual(['Saved desk']);
    baseExpect(sim.requests.length).toBeGreaterThan(askedWhenAdded);
    await stopUi(real);
  } finally {
    await runner.run(['connections', 'remove', 'Saved desk', '--yes'], { env: keychain, timeoutMs: START_TIMEOUT_MS });
    await sim.close();
  }
});
