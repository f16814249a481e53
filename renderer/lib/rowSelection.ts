/** The rows picked in one table, and the row a Shift-extension starts from. */
export interface RowSelection {
  readonly ids: ReadonlySet<string>;
  readonly anchor: string | null;
}

export const NO_SELECTION: RowSelection = { ids: new Set(), anchor: null };

/** Space or Ctrl+click: the row joins or leaves the selection and becomes where the next extension starts. */
export function toggleRow(selection: RowSelection, id: string): RowSelection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** A plain click: this row alone. */
export function onlyRow(id: string): RowSelection {
  return { ids: new Set([id]), anchor: id };
}

/**
 * Shift+arrow or Shift+click: every row from the anchor to `id` in the order shown, added to what was picked before.
 * With no anchor (or one no longer shown) the range starts at `from`, the row focus left.
 */
export function extendTo(selection: RowSelection, order: readonly string[], from: string, id: string): RowSelection {
  const anchor = selection.anchor !== null && order.includes(selection.anchor) ? selection.anchor : from;
  const start = order.indexOf(anchor);
  const end = order.indexOf(id);
  if (start === -1 || end === -1) return selection;
  const ids = new Set(selection.ids);
  const [low, high] = start <= end ? [start, end] : [end, start];
  for (let index = low; index <= high; index += 1) ids.add(order[index] as string);
  return { ids, anchor };
}

/** Ctrl+A: every row shown, so what a filter hides is never picked. */
export function selectAll(order: readonly string[]): RowSelection {
  return { ids: new Set(order), anchor: order[0] ?? null };
}

/**
 * Drops picked rows that are no longer shown (closed, filtered out): an action on the selection acts only on rows the
 * person can see. Returns the same object when nothing changed, so subscribers do not render again.
 */
export function keepShown(selection: RowSelection, shown: ReadonlySet<string>): RowSelection {
  let gone = false;
  for (const id of selection.ids) {
    if (!shown.has(id)) {
      gone = true;
      break;
    }
  }
  const anchorGone = selection.anchor !== null && !shown.has(selection.anchor);
  if (!gone && !anchorGone) return selection;
  const ids = gone ? new Set([...selection.ids].filter((id) => shown.has(id))) : selection.ids;
  return { ids, anchor: anchorGone ? null : selection.anchor };
}

/** The items picked, in the order they are listed. */
export function pickedOf<T>(items: readonly T[], selection: RowSelection, idOf: (item: T) => string): T[] {
  if (selection.ids.size === 0) return [];
  return items.filter((item) => selection.ids.has(idOf(item)));
}

/** The shown rows that pass a test, picked in place of what was picked before (close losers, close winners). */
export function pickWhere<T>(items: readonly T[], idOf: (item: T) => string, passes: (item: T) => boolean): RowSelection {
  const ids = new Set<string>();
  for (const item of items) if (passes(item)) ids.add(idOf(item));
  return { ids, anchor: null };
}

/** Every shown row whose key (the symbol) matches a picked row's: close by symbol across the selection. */
export function pickSameKey<T>(items: readonly T[], selection: RowSelection, idOf: (item: T) => string, keyOf: (item: T) => string): RowSelection {
  const keys = new Set(items.filter((item) => selection.ids.has(idOf(item))).map(keyOf));
  return { ...pickWhere(items, idOf, (item) => keys.has(keyOf(item))), anchor: selection.anchor };
}
