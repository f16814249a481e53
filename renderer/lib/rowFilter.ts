/**
 * The items whose text contains the query, ignoring case and the spaces around it. An empty query gives back the very
 * same array, so an unfiltered table keeps its sort and its rows across polls.
 */
export function filterRows<T>(items: readonly T[], query: string, textOf: (item: T) => string): readonly T[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return items;
  return items.filter((item) => textOf(item).toLowerCase().includes(needle));
}
