import type { Locator } from '@playwright/test';
import { Decimal } from '../shared/decimal';
import { brokerTest, expect } from './harness';
import { openAccountRef, positionsTableOf, revealRow, type AccountRef } from './steps';

const test = brokerTest('exness');

interface ColumnFigures {
  /** The x of each rendered row's decimal point (where it would be, for a whole number), in px. */
  points: number[];
  /** Each row's figure as it reads. */
  texts: string[];
}

/**
 * Where the decimal point of each figure in the column stands: the point's own glyph measured with a Range, or for a
 * whole number the left edge of its invisible padding, where its point would be.
 */
async function columnFigures(grid: Locator, header: string): Promise<ColumnFigures> {
  return grid.evaluate((element, name) => {
    const headers = [...element.querySelectorAll('[role=columnheader]')].map((cell) => cell.textContent?.replace(/[▲▼]/g, '').trim());
    const column = headers.indexOf(name);
    if (column < 0) throw new Error(`no column ${name}`);
    const points: number[] = [];
    const texts: string[] = [];
    for (const row of element.querySelectorAll('[role=rowgroup]:last-child [role=row]')) {
      const figure = row.querySelectorAll('[role=gridcell]')[column]?.querySelector('.num');
      if (!figure) continue;
      texts.push(figure.textContent ?? '');
      const point = figure.querySelector('.num-fraction')?.firstChild;
      if (point) {
        const range = document.createRange();
        range.setStart(point, 0);
        range.setEnd(point, 1);
        points.push(range.getBoundingClientRect().left);
      } else {
        points.push((figure.querySelector('.num-pad') ?? figure).getBoundingClientRect()[figure.querySelector('.num-pad') ? 'left' : 'right']);
      }
    }
    return { points, texts };
  }, header);
}

/** Thousands separators in the whole part, as the app writes an exact value. */
function grouped(value: string): string {
  const [whole = '', fraction] = value.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

const placesOf = (text: string) => (text.includes('.') ? (text.split('.')[1]?.replace(/\D.*$/, '').length ?? 0) : 0);

async function expectPointsAligned(grid: Locator, header: string): Promise<string[]> {
  const { points, texts } = await columnFigures(grid, header);
  expect(points.length, `figures in ${header}`).toBeGreaterThan(3);
  const spread = Math.max(...points) - Math.min(...points);
  expect(spread, `decimal points of ${header} (${texts.join(' | ')}) lie ${spread} px apart`).toBeLessThanOrEqual(1);
  return texts;
}

test('every figure of a column lines up on the decimal point, whatever its scale, and keeps its exact value on hover', async ({ app }) => {
  const sim = app.sim;
  const account: AccountRef = { id: sim.userId, number: sim.userId };
  await openAccountRef(app, account);
  const table = positionsTableOf(app.page, account.number);
  await expect(table.getByRole('row').nth(5)).toBeVisible();

  const prices = await expectPointsAligned(table, 'Last price');
  // Five-place FX, two-place indices and whole yen in one column: the alignment is across scales.
  expect(new Set(prices.map(placesOf)).size).toBeGreaterThanOrEqual(3);
  await expectPointsAligned(table, 'Avg price');
  const quantities = await expectPointsAligned(table, 'Quantity');
  expect(quantities).toContain('0.25');
  expect(quantities).toContain('10,000');
  await expectPointsAligned(table, 'Unrealised P&L');

  // The padding is not the cell's text: what reads and copies is the rounded figure alone, the exact one on hover.
  const ticket = sim.state.openOrdersOf(sim.userId).find((order) => order.symbol === 'JP225');
  if (ticket === undefined) throw new Error('no JP225 ticket');
  const avg = (await revealRow(table, `position-row-${ticket.orderId}`)).getByRole('gridcell').nth(4).locator('.num');
  await expect(avg).toHaveText(grouped(new Decimal(ticket.openPrice).toFixed(placesOf(ticket.openPrice))));
  await expect(avg).toHaveAttribute('title', grouped(ticket.openPrice));
});

test('closed trades round prices as the positions table does and line them up on the point', async ({ app }) => {
  const sim = app.sim;
  const account: AccountRef = { id: sim.userId, number: sim.userId };
  await openAccountRef(app, account);
  const positions = positionsTableOf(app.page, account.number);
  await expect(positions.getByRole('row').nth(5)).toBeVisible();
  const placesBySymbol = new Map<string, number>();
  for (const ticket of sim.state.openOrdersOf(sim.userId)) {
    const row = await revealRow(positions, `position-row-${ticket.orderId}`);
    const text = await row.getByRole('gridcell').nth(4).locator('.num').textContent();
    placesBySymbol.set(ticket.symbol, placesOf(text ?? ''));
  }

  await app.page.getByRole('tab', { name: /Closed trades/ }).click();
  const history = app.page.getByRole('grid', { name: `Closed trades in account ${account.number}` });
  await expect(history.getByRole('row').nth(3)).toBeVisible();
  await expectPointsAligned(history, 'Close price');
  await expectPointsAligned(history, 'Open price');
  await expectPointsAligned(history, 'Profit');

  let compared = 0;
  for (const trade of sim.state.closedOrdersOf(sim.userId)) {
    const places = placesBySymbol.get(trade.symbol);
    const cell = history.getByTestId(`closed-trade-row-${trade.orderId}`).getByRole('gridcell').nth(4).locator('.num');
    // The exact price on hover (as the platform's JSON number has it: no trailing zeros), the rounded one with the
    // places the positions table gives the symbol.
    await expect(cell).toHaveAttribute('title', grouped(new Decimal(trade.closePrice).toFixed()));
    if (places === undefined) continue;
    expect(placesOf((await cell.textContent()) ?? ''), `${trade.symbol} close price`).toBe(places);
    compared += 1;
  }
  expect(compared).toBeGreaterThan(2);
});
