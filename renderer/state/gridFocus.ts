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

/** Where focus was when a dialog opened, read while that element was still on the page. */
export interface FocusOrigin {
  element: HTMLElement;
  /** The grid row it was in, and that row's grid. */
  row?: { gridId: string; rowId: string | null };
}

/**
 * Reads where focus is, for giving it back later. The row and grid are read now because by the time the dialog closes
 * the row may have gone (closed and re-read), and a detached element no longer knows its grid.
 */
export function focusOriginOf(element: Element | null): FocusOrigin | null {
  if (!(element instanceof HTMLElement)) return null;
  const row = element.closest<HTMLElement>('[data-row-id]');
  const gridId = element.closest<HTMLElement>('[data-grid-id]')?.dataset.gridId;
  return row && gridId !== undefined ? { element, row: { gridId, rowId: row.dataset.rowId ?? null } } : { element };
}

/**
 * Puts focus back where a dialog was opened from once it closes. Opened from a grid's row (a button in it, or the row
 * itself by shortcut), focus goes to that row, or the next one if the row is gone; from anywhere else, to that element
 * while it is still on the page, else to the grid it names with data-focus-grid. False when nothing took focus.
 */
export function returnFocus(origin: FocusOrigin | null): boolean {
  if (origin === null) return false;
  const focusRow = origin.row === undefined ? undefined : grids.get(origin.row.gridId);
  if (focusRow && origin.row) {
    focusRow(origin.row.rowId);
    return true;
  }
  if (origin.element.isConnected) {
    origin.element.focus();
    return true;
  }
  const named = origin.element.dataset.focusGrid;
  const focusNamed = named === undefined ? undefined : grids.get(named);
  if (focusNamed) {
    focusNamed(null);
    return true;
  }
  return false;
}
