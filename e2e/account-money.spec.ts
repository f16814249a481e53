import type { Locator, Page } from '@playwright/test';
import { Decimal } from '../shared/decimal';
import { brokerTest, expect, test } from './harness';
import { openAccount, openAccountRef, positionsTable, stagedAccount } from './steps';

const figure = (page: Page, key: 'equity' | 'cash' | 'buyingPower' | 'dayPnl'): Locator => page.getByTestId(`balance-${key}`).locator('dd');
const totals = (page: Page) => page.getByTestId('positions-totals');

/** Two places with thousands separators, rounded half up: how the app shows money. */
function money(value: string): string {
  const fixed = new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  const [whole = '', cents = ''] = fixed.replace('-', '').split('.');
  return `${fixed.startsWith('-') ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

async function expectFigure(page: Page, key: 'equity' | 'cash' | 'buyingPower' | 'dayPnl', exact: string, currency: string) {
  await expect(figure(page, key)).toHaveAttribute('title', `${exact} ${currency}`);
  const sign = key === 'dayPnl' && new Decimal(exact).gt(0) ? '+' : '';
  await expect(figure(page, key)).toHaveText(`${sign}${money(exact)} ${currency}`);
}

test('an Alpaca account shows equity, cash, buying power and the day against last equity, rounded, exact on hover', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '12' }, { symbol: 'TSLA', qty: '-9' }]);
  await openAccount(app, account);
  const trading = app.sim.state.tradeAccountOf(account.id);
  await expectFigure(app.page, 'equity', trading.equity, 'USD');
  await expectFigure(app.page, 'cash', trading.cash, 'USD');
  await expectFigure(app.page, 'buyingPower', trading.buying_power, 'USD');
  await expectFigure(app.page, 'dayPnl', new Decimal(trading.equity).minus(trading.last_equity).toFixed(), 'USD');
});

test('the positions footer totals long and short market value and P&L, follows the filter, and changes once a position is closed', async ({ app }) => {
  const account = stagedAccount(app.sim, [{ symbol: 'AAPL', qty: '12' }, { symbol: 'MSFT', qty: '3' }, { symbol: 'TSLA', qty: '-9' }]);
  await openAccount(app, account);
  const value = (symbol: string) => app.sim.state.positionOf(account.id, symbol)?.market_value ?? '0';
  const longs = new Decimal(value('AAPL')).plus(value('MSFT')).toFixed();
  await expect(totals(app.page)).toContainText('Totals of 3 positions');
  await expect(totals(app.page).getByTestId('totals-long')).toHaveText(`${money(longs)} USD`);
  await expect(totals(app.page).getByTestId('totals-short')).toHaveText(`${money(value('TSLA'))} USD`);

  await app.page.getByLabel('Filter positions by symbol').fill('AAPL');
  await expect(totals(app.page)).toContainText('Totals of 1 shown (of 3)');
  await expect(totals(app.page).getByTestId('totals-long')).toHaveText(`${money(value('AAPL'))} USD`);
  await expect(totals(app.page).getByTestId('totals-short')).toHaveText('0.00 USD');
  await app.page.getByLabel('Filter positions by symbol').fill('');

  await app.page.getByRole('button', { name: 'Close TSLA', exact: true }).click();
  await app.page.getByRole('dialog').getByRole('button', { name: 'Confirm close', exact: true }).click();
  await expect(positionsTable(app.page, account).getByTestId('position-row-TSLA')).toHaveCount(0, { timeout: 15_000 });
  await expect(totals(app.page)).toContainText('Totals of 2 positions');
  await expect(totals(app.page).getByTestId('totals-short')).toHaveText('0.00 USD');
});

const exness = brokerTest('exness');

exness('an Exness account shows its balance and says that equity, free margin and the day are not reported, never 0', async ({ app }) => {
  await openAccountRef(app, { id: app.sim.userId, number: app.sim.userId });
  await expect(figure(app.page, 'cash')).toHaveAttribute('title', new Decimal(app.sim.state.balanceOf(app.sim.userId)).toFixed());
  for (const [key, label] of [['equity', 'equity'], ['buyingPower', 'free margin'], ['dayPnl', "the day's P&L"]] as const) {
    await expect(figure(app.page, key)).toHaveText('—');
    await expect(figure(app.page, key)).toHaveAttribute('title', `Exness-style platform does not report ${label} for this account.`);
  }
  await expect(totals(app.page)).toContainText("in the instrument's quote currency left out");
});

const scaletrade = brokerTest('scaletrade');

scaletrade('a ScaleTrade account shows balance, equity and free margin from its profile, and no day result', async ({ app }) => {
  const login = app.sim.login;
  await openAccountRef(app, { id: String(login), number: String(login) });
  const me = app.sim.state.accountOf(login);
  await expect(figure(app.page, 'equity')).toHaveAttribute('title', `${new Decimal(me.equity).toFixed()} ${me.currency}`);
  await expect(figure(app.page, 'buyingPower')).toHaveAttribute('title', `${new Decimal(me.margin_free).toFixed()} ${me.currency}`);
  await expect(app.page.getByTestId('balance-buyingPower').locator('dt')).toHaveText('Free margin');
  await expect(figure(app.page, 'dayPnl')).toHaveAttribute('title', "ScaleTrade does not report the day's P&L for this account.");
});

const clearstreet = brokerTest('clearstreet');

clearstreet('a Clear Street account shows its balances: trade cash, buying power and daily P&L', async ({ app }) => {
  const account = app.sim.state.listAccounts().find((candidate) => candidate.status === 'ACTIVE' && app.sim.state.positionsOf(candidate.id).length > 0);
  if (account === undefined) throw new Error('The simulator has no active account with positions.');
  await openAccountRef(app, { id: String(account.id), number: String(account.id) });
  const balances = app.sim.state.balancesOf(account.id);
  await expect(figure(app.page, 'equity')).toHaveAttribute('title', `${new Decimal(balances.equity).toFixed()} USD`);
  await expect(figure(app.page, 'buyingPower')).toHaveAttribute('title', `${new Decimal(balances.buying_power).toFixed()} USD`);
  await expect(figure(app.page, 'dayPnl')).toHaveAttribute('title', `${new Decimal(balances.daily_pnl).toFixed()} USD`);
});
