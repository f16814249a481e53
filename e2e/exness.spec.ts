import type { Page } from '@playwright/test';
import { Decimal } from '../shared/decimal';
import type { ExnessSim } from '../sim/exness/server';
import { brokerTest, expect } from './harness';
import { errorNotice, openAccountRef, positionsTableOf, requestsOf, revealRow, statusNotice, type AccountRef } from './steps';

const test = brokerTest('exness');

const CLOSE_PATH = '/api/v1/trade/close';
const OPEN_ORDERS_PATH = '/api/v1/trade/orders';
const NO_PARTIAL = 'The platform closes an order only in full.';

const dialog = (page: Page) => page.getByRole('dialog');
const closeRequests = (sim: ExnessSim) => requestsOf(sim, 'POST', (path) => path === CLOSE_PATH);
/** Thousands separators, as the app's messages write a number. */
const grouped = (value: string) => value.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const isOpen = (sim: ExnessSim, orderId: string) => sim.state.openOrdersOf(sim.userId).some((order) => order.orderId === orderId);

/** The token's user is the account: its id is also the number the app shows. */
function accountOf(sim: ExnessSim): AccountRef {
  return { id: sim.userId, number: sim.userId };
}

function firstTicket(sim: ExnessSim) {
  const ticket = sim.state.openOrdersOf(sim.userId)[0];
  if (ticket === undefined) throw new Error("The simulator's first user has no open ticket.");
  return ticket;
}

test('open tickets are positions that close only in full; a close shows its price and profit and the ticket moves to the closed trades', async ({ app }) => {
  const sim = app.sim;
  const account = accountOf(sim);
  const open = sim.state.openOrdersOf(sim.userId);
  const ticket = firstTicket(sim);
  await openAccountRef(app, account);

  const table = positionsTableOf(app.page, account.number);
  await expect(table).toHaveAttribute('aria-rowcount', String(open.length + 1));
  const row = await revealRow(table, `position-row-${ticket.orderId}`);
  const partial = row.getByRole('button', { name: `Partial close of ${ticket.symbol}`, exact: true });
  await expect(partial).toBeDisabled();
  await expect(partial).toHaveAttribute('title', NO_PARTIAL);
  await expect(app.page.getByText(`Partial close: ${NO_PARTIAL}`)).toBeVisible();

  await row.getByRole('button', { name: `Close ${ticket.symbol}`, exact: true }).click();
  await expect(dialog(app.page).getByRole('radio', { name: 'Full', exact: true })).toBeChecked();
  // The reason sits in each disabled option's label, so it is read out with the option.
  await expect(dialog(app.page).getByRole('radio', { name: `By quantity (units) ${NO_PARTIAL}`, exact: true })).toBeDisabled();
  await expect(dialog(app.page).getByRole('radio', { name: `By percentage ${NO_PARTIAL}`, exact: true })).toBeDisabled();
  await dialog(app.page).getByRole('button', { name: 'Confirm close', exact: true }).click();

  await expect(dialog(app.page)).toHaveCount(0);
  const closed = sim.state.closedOrdersOf(sim.userId).find((order) => order.orderId === ticket.orderId);
  if (closed === undefined) throw new Error(`Ticket ${ticket.orderId} is not in the simulator's close history.`);
  // The platform answers with the close price and profit: the close is FILLED at once, the profit the broker's own.
  const notice = statusNotice(app.page, `Filled ${grouped(new Decimal(ticket.quantity).toFixed())} ${ticket.symbol} at `);
  await expect(notice).toHaveCount(1);
  const told = /Filled \S+ \S+ at (-?[\d,.]+); realised P&L (-?[\d,.]+)(?: [A-Z]{3})?\./.exec((await notice.textContent()) ?? '');
  const asNumber = (text: string | undefined) => new Decimal(text?.replaceAll(',', '') ?? NaN).toFixed();
  expect(asNumber(told?.[1])).toBe(asNumber(closed.closePrice));
  expect(asNumber(told?.[2])).toBe(asNumber(closed.profit));
  await expect(notice).not.toContainText('estimated');
  await app.page.getByRole('button', { name: 'Actions', exact: true }).click();
  await expect(app.page.getByTestId('action-entry').first()).toHaveAttribute('data-state', 'filled');
  await expect(app.page.getByTestId('action-entry').first()).toContainText(told?.[0] ?? 'no fill in the notice');
  expect(isOpen(sim, ticket.orderId)).toBe(false);
  expect(closeRequests(sim).map((request) => request.body)).toEqual([{ orderId: ticket.orderId }]);

  await app.page.getByRole('tab', { name: /Closed trades/ }).click();
  const history = app.page.getByRole('grid', { name: `Closed trades in account ${account.number}` });
  await expect(history).toHaveAttribute('aria-rowcount', String(sim.state.closedOrdersOf(sim.userId).length + 1));
  await expect(await revealRow(history, `closed-trade-row-${ticket.orderId}`)).toContainText(ticket.symbol);
});

test('a close the API gives up on while the engine still acts is shown as unknown, then settled as done by reading, never sent twice', async ({ app }) => {
  const sim = app.sim;
  // The API answers 500 after its wait; the engine closes the ticket a little later, as the platform does past 5 s.
  sim.engine.closeTimeoutMs = 300;
  sim.engine.delayMs = 900;
  const account = accountOf(sim);
  const ticket = firstTicket(sim);
  await openAccountRef(app, account);

  const row = await revealRow(positionsTableOf(app.page, account.number), `position-row-${ticket.orderId}`);
  await row.getByRole('button', { name: `Close ${ticket.symbol}`, exact: true }).click();
  await dialog(app.page).getByRole('button', { name: 'Confirm close', exact: true }).click();

  await expect(dialog(app.page).getByRole('alert').filter({ hasText: /outcome unknown|may or may not/i })).toBeVisible();
  await expect(errorNotice(app.page, /outcome unknown/i)).toHaveCount(1);

  await expect(dialog(app.page).getByTestId('settled-note')).toContainText('The close did happen');
  await expect(statusNotice(app.page, 'The close did happen')).toHaveCount(1);
  expect(isOpen(sim, ticket.orderId)).toBe(false);
  expect(closeRequests(sim)).toHaveLength(1);
  const closeSentAt = closeRequests(sim)[0]?.at ?? Infinity;
  const rereads = requestsOf(sim, 'GET', (path) => path === OPEN_ORDERS_PATH).filter((request) => request.at > closeSentAt);
  expect(rereads.length).toBeGreaterThan(0);
});
