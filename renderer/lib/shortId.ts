const SHOWN_CHARACTERS = 6;

/**
 * An id short enough for a table column: ids of eight characters or fewer (tickets, most order numbers) whole, longer
 * ones (UUIDs, "ord_1234567890abcdef") by their last six characters, where ids of one broker differ most.
 */
export function shortId(id: string): string {
  return id.length <= SHOWN_CHARACTERS + 2 ? id : `…${id.slice(-SHOWN_CHARACTERS)}`;
}
