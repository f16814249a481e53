/** How a grid takes focus back: onto this row, or the one that took its place; null for its current row. */
type FocusRow = (rowId: string | null) => void;

const grids = new Map<string, FocusRow>();

/** A grid on screen offers to take focus back; the returned function withdraws the offer. */
export function registerGrid(gridId: string, focusRow: FocusRow): () => void {
  grids.set(gridId, focusRow);
  return () => {
    if (grids.get(gridId) === focusRow) grids.delete(gridId);
  };
}

/**
 * Puts focus back where a dialog was opened from once it closes. Opened from a grid's row (a button in it, or the row
 * itself by shortcut), focus goes to that row, or the next one if the row is gone; from anywhere else, to that element
 * while it is still on the page, else to the grid it names with data-focus-grid. False when nothing took focus.
 */
export function returnFocus(origin: Element | null): boolean {
  if (!(origin instanceof HTMLElement)) return false;
  const row = origin.closest<HTMLElement>('[data-row-id]');
  const grid = origin.closest<HTMLElement>('[data-grid-id]');
  const rowGrid = grid?.dataset.gridId;
  if (row && rowGrid !== undefined) {
    const focusRow = grids.get(rowGrid);
    if (focusRow) {
      focusRow(row.dataset.rowId ?? null);
      return true;
    }
  }
  if (origin.isConnected) {
    origin.focus();
    return true;
  }
  const named = origin.dataset.focusGrid;
  const focusNamed = named === undefined ? undefined : grids.get(named);
  if (focusNamed) {
    focusNamed(null);
    return true;
  }
  return false;
}
