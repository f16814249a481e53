import { afterEach, describe, expect, it } from 'vitest';
import { focusOriginOf, registerGrid, returnFocus } from './gridFocus';

function gridWithRows(gridId: string, rowIds: readonly string[]): HTMLElement {
  const grid = document.createElement('div');
  grid.dataset.gridId = gridId;
  for (const rowId of rowIds) {
    const row = document.createElement('div');
    row.dataset.rowId = rowId;
    const button = document.createElement('button');
    button.textContent = `Close ${rowId}`;
    row.append(button);
    grid.append(row);
  }
  document.body.append(grid);
  return grid;
}

const buttonOf = (grid: HTMLElement, rowId: string) => grid.querySelector<HTMLButtonElement>(`[data-row-id="${rowId}"] button`);

afterEach(() => document.body.replaceChildren());

describe('returnFocus', () => {
  it('hands focus to the grid for the row a dialog was opened from, even when that row left the page meanwhile', () => {
    const grid = gridWithRows('positions', ['MSFT', 'NVDA']);
    const asked: Array<string | null> = [];
    const withdraw = registerGrid('positions', (rowId) => asked.push(rowId));
    const origin = focusOriginOf(buttonOf(grid, 'MSFT'));

    grid.querySelector('[data-row-id="MSFT"]')?.remove();

    expect(returnFocus(origin)).toBe(true);
    expect(asked).toEqual(['MSFT']);
    withdraw();
  });

  it('focuses an element outside any grid while it is still on the page', () => {
    const button = document.createElement('button');
    document.body.append(button);

    expect(returnFocus(focusOriginOf(button))).toBe(true);
    expect(document.activeElement).toBe(button);
  });

  it('falls back to the grid a removed element names, and reports false when nothing can take focus', () => {
    const named = document.createElement('button');
    named.dataset.focusGrid = 'orders';
    const unnamed = document.createElement('button');
    document.body.append(named, unnamed);
    const namedOrigin = focusOriginOf(named);
    const unnamedOrigin = focusOriginOf(unnamed);
    named.remove();
    unnamed.remove();
    const asked: Array<string | null> = [];
    const withdraw = registerGrid('orders', (rowId) => asked.push(rowId));

    expect(returnFocus(namedOrigin)).toBe(true);
    expect(asked).toEqual([null]);
    expect(returnFocus(unnamedOrigin)).toBe(false);
    expect(returnFocus(focusOriginOf(null))).toBe(false);
    withdraw();
  });
});
