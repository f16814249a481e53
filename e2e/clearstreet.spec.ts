import type { Page } from '@playwright/test';
import { Decimal } from '../shared/decimal';
import type { ClearStreetSim } from '../sim/clearstreet/server';
import type { ClearStreetAccount, ClearStreetOrder, ClearStreetPosition } from '../sim/clearstreet/types';
import { brokerTest, expect } from './harness';
import { openAccountRef, positionsTableOf, requestsOf, revealRow, statusNotice, type AccountRef } from './steps';

const test = brokerTest('clearstreet');

const dialog = (page: Page) => page.getByRole('dialog');
const sendSentence = (page: Page) => dialog(page).getByText(/^Closeout will send/);

function refOf(account: ClearStreetAccount): AccountRef {
  return { id: String(account.id), number: String(account.id) };
}

/** The simulator's first active account holding a position that fits; specs pick by what an account holds. */
function accountHolding(sim: ClearStreetSim, what: string, fits: (position: ClearStreetPosition) => boolean): ClearStreetAccount {
  const account = sim.state.listAccounts().find((candidate) => candidate.status === 'ACTIVE' && sim.state.positionsOf(candidate.id).some(fits));
  if (account === undefined) throw new Error(`The simulator's book has no active account holding ${what}.`);
  return account;
}

const FINISHED = new Set(['FILLED', 'CANCELED', 'REJECTED', 'EXPIRED', 'REPLACED', 'DONE_FOR_DAY']);
const working = (order: ClearStreetOrder) => !FINISHED.has(order.status);

test('close all with its orders cancelled first lists each closing order, and the simulator ends flat with those orders canceled', async ({ app }) => {
  const sim = app.sim;
  // A position wholly held by a working sell gets a closing order only when that sell is cancelled first.
  const account = accountHolding(sim, 'a position wholly held by working orders', (position) => new Decimal(position.available_quantity).isZero());
  const held = sim.state.positionsOf(account.id).map((position) => position.symbol);
  const ordersBefore = new Set(sim.state.ordersOf(account.id).map((order) => order.id));
  const holdingOrders = sim.state.ordersOf(account.id).filter((order) => working(order) && order.symbol !== null && held.includes(order.symbol));
  expect(holdingOrders.length).toBeGreaterThan(0);
  await openAccountRef(app, refOf(account));

  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  const cancelFirst = dialog(app.page).getByRole('checkbox', { name: /Cancel open orders first/ });
  await cancelFirst.check();
  await expect(sendSentence(app.page)).toContainText(`close all ${held.length} positions in account ${account.id} at market, cancelling`);
  // Clear Street cancels only the orders on the positions it closes: the dialog counts exactly those.
  await expect(cancelFirst).toHaveAccessibleName(new RegExp(`\\(${holdingOrders.length} open orders?\\)`));
  await dialog(app.page).getByLabel(/Type the account number/).fill(String(account.id));
  await dialog(app.page).getByRole('button', { name: 'Confirm close all' }).click();

  await expect(dialog(app.page).getByRole('status')).toContainText(`Per position: ${held.length} accepted.`);
  const closing = sim.state.ordersOf(account.id).filter((order) => !ordersBefore.has(order.id));
  expect(closing.map((order) => order.symbol).sort()).toEqual([...held].sort());
  for (const order of closing) {
    const row = app.page.getByTestId(`close-all-result-${order.symbol}`);
    await expect(row).toContainText('accepted');
    await expect(row).toContainText(order.id);
  }

  await expect.poll(() => sim.state.positionsOf(account.id)).toEqual([]);
  for (const order of holdingOrders) expect(sim.state.getOrder(account.id, order.id)?.status).toBe('CANCELED');
  expect(closing.every((order) => order.order_type === 'MARKET')).toBe(true);
  expect(requestsOf(sim, 'DELETE')).toMatchObject([{ path: `/v1/accounts/${account.id}/positions`, body: { cancel_orders: true } }]);
});

test('a partial close by shares sends one opposite market order and leaves exactly the fractional rest; there is no percentage', async ({ app }) => {
  const sim = app.sim;
  const free = (position: ClearStreetPosition) => !new Decimal(position.quantity).isInteger() && position.quantity === position.available_quantity;
  const account = accountHolding(sim, 'a free fractional position', free);
  const position = sim.state.positionsOf(account.id).find(free);
  if (position === undefined) throw new Error('unreachable: the account was picked for this position');
  const toClose = '3.125';
  const rest = new Decimal(position.quantity).abs().minus(toClose);
  const signedRest = new Decimal(position.quantity).isNegative() ? rest.negated() : rest;
  await openAccountRef(app, refOf(account));

  const row = await revealRow(positionsTableOf(app.page, String(account.id)), `position-row-${position.symbol}`);
  await row.getByRole('button', { name: `Partial close of ${position.symbol}`, exact: true }).click();
  await expect(dialog(app.page).getByRole('radio', { name: 'By quantity (shares)' })).toBeChecked();
  const percentage = dialog(app.page).getByRole('radio', { name: 'By percentage' });
  await expect(percentage).toBeDisabled();
  await expect(dialog(app.page).getByText('Clear Street closes part of a position by quantity only.')).toBeVisible();
  await dialog(app.page).getByLabel('Quantity to close (shares)').fill(toClose);
  await expect(dialog(app.page).getByText(`${rest.toFixed()} shares remain open.`)).toBeVisible();
  await dialog(app.page).getByRole('button', { name: 'Confirm close', exact: true }).click();

  await expect(dialog(app.page)).toHaveCount(0);
  await expect(statusNotice(app.page, position.symbol)).toHaveCount(1);
  await expect.poll(() => sim.state.positionsOf(account.id).find((p) => p.symbol === position.symbol)?.quantity).toBe(signedRest.toFixed());
  const sent = requestsOf(sim, 'POST', (path) => path === `/v1/accounts/${account.id}/orders`);
  expect(sent).toHaveLength(1);
  expect(sent[0]?.body).toMatchObject([
    { symbol: position.symbol, side: new Decimal(position.quantity).isNegative() ? 'BUY' : 'SELL', quantity: toClose, order_type: 'MARKET' },
  ]);
  expect(requestsOf(sim, 'DELETE')).toEqual([]);
});
