import type { Locator, Page } from '@playwright/test';
import { expect, test, type Harness } from './harness';
import { openAccount, positionsTable, simAccount, stagedAccount } from './steps';

// What the 5-second poll costs when nothing changed: the core answers "unchanged" and the rows stay as they are.

interface PolledAnswer {
  ok: true;
  data: { revision: string; unchanged: boolean; items?: Array<{ symbol: string }> };
}

function polledAnswers(app: Harness): PolledAnswer[] {
  return app.received
    .map((text) => JSON.parse(text) as { ok?: boolean; data?: { revision?: unknown; unchanged?: unknown } })
    .filter((envelope): envelope is PolledAnswer => envelope.ok === true && typeof envelope.data?.revision === 'string' && typeof envelope.data.unchanged === 'boolean');
}

/** The revision of the last full positions answer: the one whose rows are these symbols. */
function positionsRevision(app: Harness, symbols: string[]): string {
  const full = polledAnswers(app).filter((answer) => answer.data.items?.some((item) => symbols.includes(item.symbol)));
  const last = full[full.length - 1];
  if (!last) throw new Error('no positions answer arrived');
  return last.data.revision;
}

/** The same refresh the app does when its window becomes visible again. */
async function refresh(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
}

/** Tags every row element and counts DOM changes inside each row from now on, by row test id. */
async function watchRows(table: Locator): Promise<void> {
  await table.evaluate((element) => {
    const changes: Record<string, number> = {};
    for (const row of element.querySelectorAll<HTMLElement>('[data-testid^="position-row-"]')) row.dataset.watched = 'yes';
    new MutationObserver((records) => {
      for (const record of records) {
        const node = record.target instanceof Element ? record.target : record.target.parentElement;
        const id = node?.closest('[data-testid^="position-row-"]')?.getAttribute('data-testid');
        if (id) changes[id] = (changes[id] ?? 0) + 1;
      }
    }).observe(element, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'data-testid'] });
    (window as unknown as { __rowChanges: Record<string, number> }).__rowChanges = changes;
  });
}

async function rowChanges(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({ ...(window as unknown as { __rowChanges: Record<string, number> }).__rowChanges }));
}

async function watchedRowIds(table: Locator): Promise<string[]> {
  return table.locator('[data-testid^="position-row-"][data-watched="yes"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid') ?? ''));
}

const SYMBOLS = ['AAPL', 'MSFT', 'NVDA'];

/** Opens an account holding SYMBOLS, waits for its rows, and starts watching them; gives the revision on screen. */
async function openWatched(app: Harness): Promise<{ table: Locator; revision: string }> {
  const account = stagedAccount(app.sim, SYMBOLS.map((symbol) => ({ symbol, qty: '4' })));
  await openAccount(app, account);
  const table = positionsTable(app.page, account);
  await expect(table.locator('[data-testid^="position-row-"]')).toHaveCount(SYMBOLS.length);
  await watchRows(table);
  return { table, revision: positionsRevision(app, SYMBOLS) };
}

test('a refresh that finds nothing changed gets only "unchanged" from the core and leaves every row element as it was', async ({ app }) => {
  const { table, revision } = await openWatched(app);
  const unchangedAnswers = () => polledAnswers(app).filter((answer) => answer.data.unchanged && answer.data.revision === revision).length;
  const before = unchangedAnswers();

  await refresh(app.page);
  await expect.poll(unchangedAnswers).toBeGreaterThan(before);

  expect(await watchedRowIds(table)).toEqual(SYMBOLS.map((symbol) => `position-row-${symbol}`));
  expect(await rowChanges(app.page)).toEqual({});
});

test('when one price moves, the next poll brings the new rows and only that row changes on screen', async ({ app }) => {
  const { table, revision } = await openWatched(app);

  app.sim.state.setPrice('MSFT', '512.34');
  await refresh(app.page);
  await expect(table.getByTestId('position-row-MSFT')).toContainText('512.34');

  expect(positionsRevision(app, SYMBOLS)).not.toBe(revision);
  expect(await watchedRowIds(table)).toEqual(SYMBOLS.map((symbol) => `position-row-${symbol}`));
  expect(Object.keys(await rowChanges(app.page))).toEqual(['position-row-MSFT']);
});

// The pace follows the screen. The page's clock is Playwright's, so minutes of polling pass in moments, and every
// count is of the GETs the simulator itself received.

function positionReads(app: Harness, accountId: string): number {
  return app.sim.requests.filter((request) => request.method === 'GET' && request.path === `/v1/trading/accounts/${accountId}/positions`).length;
}

/**
 * Lets the page's timers run for `ms` of its time, then gives the reads they started real time to reach the simulator
 * (a read that arrived late could only hide a poll from a count, never add one).
 */
async function runPageTime(page: Page, ms: number): Promise<void> {
  await page.clock.runFor(ms);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
}

async function setPageHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((isHidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (isHidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => isHidden });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('a hidden page polls nothing, and polls again as soon as it is shown', async ({ app }) => {
  await app.page.clock.install();
  const account = stagedAccount(app.sim, SYMBOLS.map((symbol) => ({ symbol, qty: '4' })));
  await openAccount(app, account);
  const shown = positionReads(app, account.id);
  await runPageTime(app.page, 11_000);
  await expect.poll(() => positionReads(app, account.id)).toBeGreaterThan(shown);

  await setPageHidden(app.page, true);
  await runPageTime(app.page, 1_000);
  const hidden = positionReads(app, account.id);
  await runPageTime(app.page, 60_000);
  expect(positionReads(app, account.id)).toBe(hidden);

  await setPageHidden(app.page, false);
  await expect.poll(() => positionReads(app, account.id), { timeout: 15_000 }).toBeGreaterThan(hidden);
});

test('the account on screen is polled every five seconds, the one shown before no more', async ({ app }) => {
  await app.page.clock.install();
  const first = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '2' }]);
  const second = simAccount(app.sim, 'another active', (account) => account.status === 'ACTIVE' && account.id !== first.id && app.sim.state.positionsOf(account.id).length > 0);
  await openAccount(app, first);
  await app.page.getByTestId(`account-item-${second.id}`).click();
  await expect(app.page.getByRole('heading', { level: 2, name: second.account_number })).toBeVisible();
  await expect(positionsTable(app.page, second).locator('[data-testid^="position-row-"]').first()).toBeVisible({ timeout: 30_000 });

  const [firstBefore, secondBefore] = [positionReads(app, first.id), positionReads(app, second.id)];
  for (let step = 0; step < 6; step += 1) await runPageTime(app.page, 5_000);
  await expect.poll(() => positionReads(app, second.id) - secondBefore, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
  expect(positionReads(app, first.id) - firstBefore).toBeLessThanOrEqual(1);
});
