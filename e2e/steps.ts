import { expect, type Locator, type Page } from '@playwright/test';
import type { BrokerKind } from '../shared/brokers';
import { isOpenOrder } from '../sim/alpaca/orders';
import type { AlpacaSim, RecordedRequest } from '../sim/alpaca/server';
import type { AlpacaAccount, AlpacaOrder, PositionRecord } from '../sim/alpaca/types';
import type { Harness } from './harness';

/** A harness of any broker, for the steps that do not depend on which one. */
export type AnyHarness = Harness<BrokerKind>;

/** An account as the app names it: the id its test ids carry and the number people read and type. */
export interface AccountRef {
  id: string;
  number: string;
}

/** The simulator's first account that fits; specs pick accounts by what they hold, never by a hard-coded id. */
export function simAccount(sim: AlpacaSim, what: string, fits: (account: AlpacaAccount) => boolean): AlpacaAccount {
  const account = sim.state.listAccounts().find(fits);
  if (account === undefined) throw new Error(`The simulator's book has no ${what} account.`);
  return account;
}

export function workingOrders(sim: AlpacaSim, account: AlpacaAccount): AlpacaOrder[] {
  return sim.state.ordersOf(account.id).filter(isOpenOrder);
}

/** An active account with no positions, no open orders and no cash. */
export function flatAccount(sim: AlpacaSim): AlpacaAccount {
  return simAccount(
    sim,
    'flat active',
    (account) =>
      account.status === 'ACTIVE' &&
      sim.state.positionsOf(account.id).length === 0 &&
      workingOrders(sim, account).length === 0 &&
      sim.state.cashOf(account.id) === '0',
  );
}

/** The flat account given exactly these positions, so a spec knows every quantity it then acts on. */
export function stagedAccount(sim: AlpacaSim, positions: readonly Omit<PositionRecord, 'avg_entry_price'>[]): AlpacaAccount {
  const account = flatAccount(sim);
  sim.state.setPositions(
    account.id,
    positions.map((position) => ({ ...position, avg_entry_price: sim.state.requireAsset(position.symbol).price })),
  );
  return account;
}

/** Opens the app and the account, and waits until its positions have loaded. */
export async function openAccount(app: Harness, account: AlpacaAccount): Promise<void> {
  await openAccountRef(app, { id: account.id, number: account.account_number });
}

/** Opens the app and the account at any broker, and waits until its positions have loaded. */
export async function openAccountRef(app: AnyHarness, account: AccountRef): Promise<void> {
  await app.open();
  await app.page.getByTestId(`account-item-${account.id}`).click();
  await expect(app.page.getByRole('heading', { level: 2, name: account.number })).toBeVisible();
  // Ten thousand positions take a while on a busy machine; a wait this long is never the thing under test.
  await expect(app.page.getByText('Loading positions')).toHaveCount(0, { timeout: 60_000 });
}

export function positionsTable(page: Page, account: AlpacaAccount): Locator {
  return positionsTableOf(page, account.account_number);
}

export function positionsTableOf(page: Page, accountNumber: string): Locator {
  return page.getByRole('grid', { name: `Positions in account ${accountNumber}` });
}

/**
 * The row with this test id, scrolled into the virtual table's window first: only the rows near the viewport exist,
 * so a row further down is found by scrolling the table, as a person would.
 */
export async function revealRow(table: Locator, testId: string): Promise<Locator> {
  const row = table.getByTestId(testId);
  await expect(table.getByRole('row').nth(1)).toBeAttached();
  await table.evaluate((element) => element.scrollTo({ top: 0 }));
  let moved = true;
  while (moved && (await row.count()) === 0) {
    moved = await table.evaluate(async (element) => {
      const before = element.scrollTop;
      element.scrollTo({ top: before + element.clientHeight / 2 });
      // The virtualizer renders the rows now in view over the next frames.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return element.scrollTop !== before;
    });
  }
  await expect(row).toHaveCount(1);
  return row;
}

export function ordersTable(page: Page, account: AlpacaAccount): Locator {
  return page.getByRole('grid', { name: `Orders in account ${account.account_number}` });
}

/** The signed quantity the simulator holds, or null once the position is gone. */
export function heldQty(sim: AlpacaSim, account: AlpacaAccount, symbol: string): string | null {
  return sim.state.positionOf(account.id, symbol)?.qty ?? null;
}

export function deleteRequests(sim: AlpacaSim): RecordedRequest[] {
  return requestsOf(sim, 'DELETE');
}

/** What a simulator of any broker received with this method, optionally only on paths that pass `path`. */
export function requestsOf(sim: { requests: RecordedRequest[] }, method: string, path: (requestPath: string) => boolean = () => true): RecordedRequest[] {
  return sim.requests.filter((request) => request.method === method && path(request.path));
}

export interface ConnectionFields {
  name: string;
  baseUrl: string;
  keyId: string;
  secret: string;
}

/** Adds an Alpaca connection through the Settings form, as a person would, and leaves Settings open. */
export async function addConnectionInSettings(page: Page, fields: ConnectionFields): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await dialog.getByLabel('Name', { exact: true }).fill(fields.name);
  await dialog.getByLabel('Broker', { exact: true }).selectOption('alpaca');
  await dialog.getByLabel('Base URL', { exact: true }).fill(fields.baseUrl);
  await expect(dialog.getByLabel('Environment', { exact: true })).toHaveValue('custom');
  await dialog.getByLabel('Key ID', { exact: true }).fill(fields.keyId);
  await dialog.getByLabel('Secret key', { exact: true }).fill(fields.secret);
  await dialog.getByRole('button', { name: 'Add connection' }).click();
  await expect(dialog.getByTestId(`settings-connection-${fields.name}`)).toBeVisible();
  await expect(dialog.getByLabel('Secret key', { exact: true })).toHaveValue('');
}

/** Request ids the simulator answered with, to tell a real one in a message from an invented one. */
export function requestIdsSeen(sim: AlpacaSim): string[] {
  return sim.requests.map((request) => request.requestId);
}

/**
 * Opens a dialog with `open` and waits until the re-read of positions or orders that opening it starts has landed, so
 * a change the test then makes in the simulator reaches the app only through the action under test.
 */
export async function openAfterReread(app: Harness, account: AlpacaAccount, what: 'positions' | 'orders', open: () => Promise<void>): Promise<void> {
  const path = `/v1/trading/accounts/${account.id}/${what}`;
  const reads = () => app.sim.requests.filter((request) => request.method === 'GET' && request.path === path).length;
  const before = reads();
  await open();
  await expect.poll(reads).toBeGreaterThan(before);
  await expect(app.page.locator(`.table-section-${what} .updated`)).not.toContainText('refreshing');
}

/** A success or information notification; Radix hides everything outside an open modal, so hidden ones count too. */
export function statusNotice(page: Page, text: string | RegExp): Locator {
  return page.getByRole('region', { name: 'Notifications', includeHidden: true }).getByRole('status', { includeHidden: true }).filter({ hasText: text });
}

/** An error notification; Radix hides everything outside an open modal from the accessibility tree, notices included. */
export function errorNotice(page: Page, text: string | RegExp): Locator {
  return page.getByRole('region', { name: 'Notifications', includeHidden: true }).getByRole('alert', { includeHidden: true }).filter({ hasText: text });
}
