import type { Page } from '@playwright/test';
import { Decimal } from '../shared/decimal';
import type { ScaleTradeSim } from '../sim/scaletrade/server';
import { TRADE_TYPE } from '../sim/scaletrade/types';
import { brokerTest, expect } from './harness';
import { digitsScale, formatAmount, formatPrice } from '../shared/numberFormat';
import { openAccountRef, positionsTableOf, requestsOf, revealRow, statusNotice, type AccountRef } from './steps';

const test = brokerTest('scaletrade');

const MINIMAL_LOTS_PER_LOT = 100;
const COMMENT = 'Reducing risk before NFP';

const dialog = (page: Page) => page.getByRole('dialog');
const confirmClose = (page: Page) => dialog(page).getByRole('button', { name: 'Confirm close', exact: true });
const closeRequests = (sim: ScaleTradeSim) => requestsOf(sim, 'DELETE', (path) => path === '/trade/close');
const lotsOf = (volume: number) => new Decimal(volume).dividedBy(MINIMAL_LOTS_PER_LOT).toFixed();

/** One login is one account: the login is both its id and its number. */
function accountOf(sim: ScaleTradeSim): AccountRef {
  return { id: String(sim.login), number: String(sim.login) };
}

test('a partial close in lots with a comment takes exactly those minimal lots off the same ticket; amounts off the lot grid are refused unsent', async ({ app }) => {
  const sim = app.sim;
  const account = accountOf(sim);
  const trade = sim.state.tradesOf(sim.login).find((candidate) => candidate.volume >= 2 * MINIMAL_LOTS_PER_LOT);
  if (trade === undefined) throw new Error("The simulator's first login has no open trade of 2 lots or more.");
  const closedBefore = new Set(sim.state.tradesOf(sim.login, TRADE_TYPE.closed).map((closed) => closed.order));
  await openAccountRef(app, account);

  const row = await revealRow(positionsTableOf(app.page, account.number), `position-row-${trade.order}`);
  await row.getByRole('button', { name: `Partial close of ${trade.symbol}`, exact: true }).click();
  await expect(dialog(app.page).getByRole('radio', { name: 'By quantity (lots)' })).toBeChecked();
  const quantity = dialog(app.page).getByLabel('Quantity to close (lots)');
  const refused: Array<[string, string]> = [
    ['0.005', 'Quantity must be a whole number of minimal lots (steps of 0.01 lot).'],
    [lotsOf(trade.volume), 'Quantity must be below the open volume: close the whole trade instead.'],
  ];
  for (const [typed, rule] of refused) {
    await quantity.fill(typed);
    await expect(dialog(app.page).locator('.field-error')).toHaveText(rule);
    await expect(quantity).toHaveAttribute('aria-invalid', 'true');
    await expect(confirmClose(app.page)).toBeDisabled();
    await quantity.press('Enter');
  }
  await expect(dialog(app.page)).toBeVisible();
  expect(requestsOf(sim, 'DELETE')).toEqual([]);

  await quantity.fill('1');
  await dialog(app.page).getByLabel('Comment to the broker (optional)').fill(COMMENT);
  await expect(dialog(app.page).getByText(`${lotsOf(trade.volume - MINIMAL_LOTS_PER_LOT)} lots remain open.`)).toBeVisible();
  await expect(dialog(app.page).getByText(/^Closeout will send/)).toContainText(`close 1 of ${lotsOf(trade.volume)} lots of ${trade.symbol}`);
  await expect(dialog(app.page).getByText(/^Closeout will send/)).toContainText(`with the comment “${COMMENT}”`);
  await confirmClose(app.page).click();

  await expect(dialog(app.page)).toHaveCount(0);
  await expect(statusNotice(app.page, `ticket ${trade.order}`)).toHaveCount(1);
  const after = sim.state.trade(trade.order);
  expect(after).toMatchObject({ status: 'open', volume: trade.volume - MINIMAL_LOTS_PER_LOT });
  // ScaleTrade books the closed part under a new ticket, and that is where the comment is kept.
  const closedPart = sim.state.tradesOf(sim.login, TRADE_TYPE.closed).filter((closed) => !closedBefore.has(closed.order));
  expect(closedPart).toMatchObject([{ symbol: trade.symbol, volume: MINIMAL_LOTS_PER_LOT, comment: COMMENT }]);
  expect(closeRequests(sim).map((request) => request.body)).toEqual([{ order: trade.order, volume: MINIMAL_LOTS_PER_LOT, comment: COMMENT }]);
});

test('close all goes ticket by ticket with progress, ends with a result per ticket, and the simulator holds no open trade', async ({ app }) => {
  const sim = app.sim;
  const account = accountOf(sim);
  const tickets = sim.state.tradesOf(sim.login).map((trade) => trade.order);
  await openAccountRef(app, account);

  await app.page.getByRole('button', { name: 'Close all positions…' }).click();
  await expect(dialog(app.page).getByText(`closes each of the ${tickets.length} tickets in turn`)).toBeVisible();
  await expect(dialog(app.page).getByRole('checkbox', { name: /Cancel open orders first/ })).toBeDisabled();
  await dialog(app.page).getByLabel(/Type the account number/).fill(account.number);
  // Each answer takes a moment, so the ticket-by-ticket progress stays on screen long enough to read.
  sim.faults.latencyMs = 200;
  await dialog(app.page).getByRole('button', { name: 'Confirm close all' }).click();

  const progress = dialog(app.page).getByRole('status').filter({ has: app.page.getByRole('progressbar', { name: 'Tickets closed' }) });
  await expect(progress).toContainText(new RegExp(`\\d+ of ${tickets.length} tickets settled`));

  await expect(dialog(app.page).getByRole('status')).toContainText(`Per position: ${tickets.length} filled.`);
  for (const ticket of tickets) await expect(app.page.getByTestId(`close-all-result-${ticket}`)).toContainText('filled');
  expect(sim.state.tradesOf(sim.login)).toEqual([]);
  expect(closeRequests(sim).map((request) => (request.body as { order: number }).order).sort((a, b) => a - b)).toEqual([...tickets].sort((a, b) => a - b));
});

test('a whole close is followed to its closed trade: the toast, the Actions panel and Closed trades give its close price and net profit', async ({ app }) => {
  const sim = app.sim;
  const account = accountOf(sim);
  const [trade] = sim.state.tradesOf(sim.login);
  if (trade === undefined) throw new Error('The simulator has no open trade.');
  await openAccountRef(app, account);

  await positionsTableOf(app.page, account.number).getByTestId(`position-row-${trade.order}`).getByRole('button', { name: `Close ${trade.symbol}`, exact: true }).click();
  await confirmClose(app.page).click();
  await expect(dialog(app.page)).toHaveCount(0);

  // ScaleTrade answers "OK" with no price: the core reads the closed ticket for it.
  const filled = `Filled ${lotsOf(trade.volume)} ${trade.symbol} at `;
  const notice = statusNotice(app.page, filled);
  await expect(notice).toBeVisible({ timeout: 20_000 });
  const closed = sim.state.trade(trade.order);
  if (closed?.status !== 'closed') throw new Error(`Ticket ${trade.order} is not closed in the simulator.`);
  // The price with the symbol's digits, the profit as money in the account currency.
  const closePrice = formatPrice(closed.close_price, digitsScale(sim.state.instrument(trade.symbol)?.digits ?? 0));
  const told = `${filled}${closePrice}; realised P&L ${formatAmount(closed.net_profit, sim.state.user(sim.login)?.currency)}.`;
  await expect(notice).toContainText(told);
  await expect(notice).not.toContainText('estimated');

  await app.page.getByRole('button', { name: 'Actions', exact: true }).click();
  const entry = app.page.getByTestId('action-entry').first();
  await expect(entry).toHaveAttribute('data-state', 'filled');
  await expect(entry).toContainText(told);

  await app.page.getByRole('tab', { name: /Closed trades/ }).click();
  const history = app.page.getByRole('grid', { name: `Closed trades in account ${account.number}` });
  const row = await revealRow(history, `closed-trade-row-${trade.order}`);
  await expect(row).toContainText(trade.symbol);
  await expect(row).toContainText(closePrice);
  expect(closeRequests(sim)).toHaveLength(1);
});
